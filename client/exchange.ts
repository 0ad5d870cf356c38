import type { HttpAnswer, HttpRequest } from './http.js';

/** A request as recorded: the shape it was sent in, already redacted. */
export type RecordedRequest = HttpRequest;

/** A response as recorded: already redacted. */
export type RecordedResponse = HttpAnswer;

/** Which kind of sensitive value of the run a response contained, and where. */
export interface Leak {
  readonly kind: SensitiveKind;
  readonly where: 'body' | `header ${string}`;
}

export type SensitiveKind = 'stored secret' | 'JWT' | 'client_secret' | 'passphrase' | 'access grant' | 'header value' | 'environment value';

/** One token request and what came back, redacted at the point of recording. */
export interface Exchange {
  /** Which case sent it and why, e.g. `AUTH-ALG-NONE: alg "None", no signature part`. */
  readonly label: string;
  readonly request: RecordedRequest;
  /** `null` when no answer came (timeout, connection refused). */
  readonly response: RecordedResponse | null;
  /** Why there is no response, e.g. `no answer within 10 s`. */
  readonly failure?: string;
  readonly ms: number;
  /** Sensitive values of the run found in the response before redaction (RESP-NO-LEAK). */
  readonly leaks: readonly Leak[];
  /** A command line that reproduces the request, with every secret left out. */
  readonly curl: string;
}

/** The response body parsed as JSON, or undefined when it is not JSON. */
export function responseJson(exchange: Exchange): unknown {
  if (!exchange.response) return undefined;
  try {
    return JSON.parse(exchange.response.body) as unknown;
  } catch {
    return undefined;
  }
}

/** The `error` member of a JSON error body, when there is one. */
export function errorCodeOf(exchange: Exchange): string | undefined {
  const json = responseJson(exchange);
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const error = (json as Record<string, unknown>).error;
    if (typeof error === 'string') return error;
  }
  return undefined;
}
