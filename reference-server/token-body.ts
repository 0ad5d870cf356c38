import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RateLimiter } from './rate-limit.js';
import { readBody } from './read-body.js';
import { writeTooManyRequests } from './token-writers.js';

/**
 * The body of a token request, once the rate limit has let it in (RFC 6585 §4: 429 otherwise):
 * its bytes; `too-large` over the limit, with the connection set to close after the answer
 * (the rest is not read), for the profile to answer `invalid_request`; or `undefined` when the
 * request is answered already or the client went away.
 */
export async function admitTokenBody(
  req: IncomingMessage,
  res: ServerResponse,
  limiter: RateLimiter | undefined,
  bodyLimitBytes: number,
): Promise<Buffer | 'too-large' | undefined> {
  const admission = limiter?.admit(req);
  if (admission?.admitted === false) {
    writeTooManyRequests(res, admission.retryAfterSeconds);
    return undefined;
  }
  const body = await readBody(req, bodyLimitBytes);
  if (body.kind === 'aborted') return undefined;
  if (body.kind === 'too-large') {
    res.setHeader('Connection', 'close');
    return 'too-large';
  }
  return body.bytes;
}
