import { redactUrl } from '../client/redact-url.js';
import { HarnessError } from '../vocabulary/errors.js';

/** Pacts could not be read, fetched from or published to a broker: exit 2 with this line (SPEC §4). */
export class PactSourceError extends HarnessError<'pact-source'> {
  override readonly name = 'PactSourceError';

  constructor(message: string, options?: ErrorOptions) {
    super('pact-source', message, options);
  }
}

/**
 * One call to a Pact Broker, bounded by `timeoutMs` so that a dead broker costs seconds, not
 * the minute an unanswered connection otherwise takes. An unreachable broker and refused
 * credentials become a PactSourceError that says what to check; other statuses are the caller's.
 */
export async function brokerCall(url: string, init: RequestInit, timeoutMs: number, brokerUrl: string): Promise<Response> {
  const shown = redactUrl(brokerUrl);
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const why = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : ((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message);
    throw new PactSourceError(`the Pact Broker at ${shown} is unreachable (${why}): check --broker-url`, { cause: error });
  }
  if (response.status === 401 || response.status === 403) {
    throw new PactSourceError(`the Pact Broker at ${shown} refused the credentials (${response.status}): set PACT_BROKER_TOKEN or --broker-token-env`);
  }
  return response;
}

/** The headers of every broker call: JSON both ways, and the bearer token when there is one. */
export function brokerHeaders(token: string | undefined): Record<string, string> {
  return { accept: 'application/hal+json, application/json', 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
}
