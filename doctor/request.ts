import { HarnessError } from '../vocabulary/errors.js';
import { parseCurl } from './curl.js';

/** A token request as the user gave it, before any judgement. */
export interface DoctorRequest {
  /** How it was given: a JSON body, or a curl command line. */
  readonly format: 'json' | 'curl';
  readonly method: string;
  /** The URL of a curl command line; a JSON body has none. */
  readonly url: string | null;
  /** Header names lower-cased; a later header of the same name wins, as in curl. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body text as it would be sent, or null when none is. */
  readonly body: string | null;
}

/** The input is neither a JSON body nor a curl command line grantproof can read (exit 2). */
export class UnreadableRequest extends HarnessError<'unreadable-request'> {
  override readonly name = 'UnreadableRequest';

  constructor(message: string, options?: ErrorOptions) {
    super('unreadable-request', message, options);
  }
}

const CURL_COMMAND = /^(?:\S*[/\\])?curl(?:\.exe)?(?:\s|$)/;

/**
 * Reads a token request from text: a curl command line (`curl …`, as the seeds give it), or
 * a JSON body (sent as `Content-Type: application/json`, as a client library would).
 * @param env where `$VAR` in a curl command line is looked up, as the shell would
 */
export function readRequest(text: string, env: NodeJS.ProcessEnv = process.env): DoctorRequest {
  const trimmed = text.trim();
  if (trimmed === '') throw new UnreadableRequest('the request is empty: give a JSON body or a curl command line');
  if (CURL_COMMAND.test(trimmed)) return parseCurl(trimmed, env);
  try {
    JSON.parse(trimmed);
  } catch (error) {
    throw new UnreadableRequest(`the request is neither a curl command line nor JSON (${(error as Error).message}): give the JSON body or the curl command you send`, { cause: error });
  }
  return { format: 'json', method: 'POST', url: null, headers: { 'content-type': 'application/json' }, body: trimmed };
}
