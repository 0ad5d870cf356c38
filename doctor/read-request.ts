import type { ProfileName } from '../vocabulary/profile.js';
import { parseCurl } from './curl.js';
import { UnreadableRequest, type DoctorRequest } from './request.js';

const CURL_COMMAND = /^(?:\S*[/\\])?curl(?:\.exe)?(?:\s|$)/;
/** A form body begins with a parameter name and `=` (RFC 6749 Appendix B). */
const FORM_BODY = /^[A-Za-z0-9_.~%+-]+=/;

/**
 * Reads a token request from text: a curl command line (`curl …`, as the seeds give it), or
 * a JSON body (sent as `Content-Type: application/json`, as a client library would); for
 * rfc7523 also a form body (`grant_type=…&client_assertion=…`, sent as
 * `application/x-www-form-urlencoded`, its line breaks dropped as a pasted one needs).
 * @param env where `$VAR` in a curl command line is looked up, as the shell would
 */
export function readRequest(text: string, env: NodeJS.ProcessEnv = process.env, profile: ProfileName = 'storx'): DoctorRequest {
  const trimmed = text.trim();
  if (trimmed === '') throw new UnreadableRequest(`the request is empty: give ${profile === 'storx' ? 'a JSON body' : 'a form body'} or a curl command line`);
  if (CURL_COMMAND.test(trimmed)) return parseCurl(trimmed, env, profile);
  if (profile === 'rfc7523' && FORM_BODY.test(trimmed)) {
    return { format: 'form', method: 'POST', url: null, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: trimmed.replace(/\s*\r?\n\s*/g, '') };
  }
  try {
    JSON.parse(trimmed);
  } catch (error) {
    const what = profile === 'storx' ? 'the JSON body' : 'the form body';
    throw new UnreadableRequest(`the request is neither a curl command line nor ${profile === 'storx' ? 'JSON' : 'a form or JSON'} (${(error as Error).message}): give ${what} or the curl command you send`, { cause: error });
  }
  return { format: 'json', method: 'POST', url: null, headers: { 'content-type': 'application/json' }, body: trimmed };
}
