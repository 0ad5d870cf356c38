import { parseCurl } from './curl.js';
import { UnreadableRequest, type DoctorRequest } from './request.js';

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
