import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RateLimiter } from '../rate-limit.js';
import { setBy } from '../steps/context.js';
import { runSteps } from '../steps/run-steps.js';
import { admitTokenBody } from '../token-body.js';
import { writeTooManyRequests } from '../token-writers.js';
import type { Rfc7523Context, Rfc7523Env } from './context.js';
import type { ResolvedRfc7523Options } from './options.js';
import { consumeCode, findRedeemableCode } from './redeem-code.js';

/** `POST /api/v0/oauth2/token` of profile rfc7523 (SPEC §5). */
export async function handleRfc7523TokenRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: ResolvedRfc7523Options,
  env: Rfc7523Env,
  limiter: RateLimiter | undefined,
): Promise<void> {
  const { seams } = options;
  const bytes = await admitTokenBody(req, res, limiter, options.bodyLimitBytes);
  if (bytes === undefined) return;
  const request = bytes === 'too-large' ? 'invalid_request' : seams.parseBody({ contentType: req.headers['content-type'], bytes });
  if (request === 'invalid_request') {
    seams.writeError(res, { status: seams.statuses.invalid_request, error: 'invalid_request' });
    return;
  }

  const ctx: Rfc7523Context = { request, headers: req.headers };
  const refusal = await runSteps(seams.steps, ctx, env);
  if (typeof refusal === 'object') {
    writeTooManyRequests(res, refusal.retryAfterSeconds);
    return;
  }
  if (refusal !== undefined) {
    seams.writeError(res, { status: seams.statuses[refusal], error: refusal });
    return;
  }
  seams.writeSuccess(res, {
    access_token: setBy(ctx.accessToken, consumeCode),
    token_type: 'Bearer',
    scope: setBy(ctx.grant, findRedeemableCode).scopes.join(' '),
  });
}
