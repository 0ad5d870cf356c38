import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolvedOptions } from './options.js';
import type { RateLimiter } from './rate-limit.js';
import { admitTokenBody } from './token-body.js';
import { setBy, type StepEnv, type TokenContext } from './steps/context.js';
import { findRedeemableCode } from './steps/redeem-code.js';
import { runSteps } from './steps/run-steps.js';
import { writeTooManyRequests } from './token-writers.js';

export const tokenPath = '/api/v0/oauth2/token';

/** `POST /api/v0/oauth2/token` (SPEC §1). */
export async function handleTokenRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: ResolvedOptions,
  env: StepEnv,
  limiter: RateLimiter | undefined,
): Promise<void> {
  const { seams } = options;
  const bytes = await admitTokenBody(req, res, limiter, options.bodyLimitBytes);
  if (bytes === undefined) return;
  if (bytes === 'too-large') {
    seams.writeError(res, { status: seams.statuses.invalid_request, error: 'invalid_request' });
    return;
  }

  const request = seams.parseBody({ contentType: req.headers['content-type'], bytes });
  if (request === 'invalid_request') {
    seams.writeError(res, { status: seams.statuses.invalid_request, error: 'invalid_request' });
    return;
  }

  const ctx: TokenContext = { request, headers: req.headers };
  const refusal = await runSteps(seams.steps, ctx, env);
  if (typeof refusal === 'object') {
    writeTooManyRequests(res, refusal.retryAfterSeconds);
    return;
  }
  if (refusal !== undefined) {
    seams.writeError(res, { status: seams.statuses[refusal], error: refusal }, request);
    return;
  }
  // SPEC §1 step 9. StorX derives the grant from the passphrase; an opaque random one will do.
  seams.writeSuccess(res, {
    access_grant: randomBytes(32).toString('base64url'),
    scopes: setBy(ctx.grant, findRedeemableCode).scopes,
  });
}
