import type { IssuedCode } from '../codes.js';
import { sessionCookie } from '../session.js';
import { namedStep, setBy, type Step, type TokenContext } from './context.js';

/** One condition an issued code must meet to be redeemed by this request. */
export type RedemptionRule = (grant: IssuedCode, ctx: TokenContext, nowMs: number) => boolean;

/** RFC 6749 §4.1.2: codes are short-lived (StorX: 60 s). */
export const codeUnexpired: RedemptionRule = (grant, _ctx, nowMs) => nowMs < grant.expiresAtMs;

/**
 * RFC 6749 §4.1.3: "ensure that the authorization code was issued to the authenticated
 * confidential client". Step 6 has made the body's `client_id` equal the authenticated one.
 */
export const codeIssuedToClient: RedemptionRule = (grant, ctx) => grant.clientId === ctx.request.client_id;

/**
 * StorX binds a code to the consenting user's session cookie (SPEC §3, `headers`). The harness
 * sends a code's headers with every request that redeems it, so no catalogue case presents a
 * code without them: this rule is the reference server's own, tested in
 * test/reference-server/codes.test.ts.
 */
export const codeSessionPresented: RedemptionRule = (grant, ctx) =>
  grant.session === undefined || sessionCookie(ctx.headers) === grant.session;

export const redemptionRules: readonly RedemptionRule[] = [codeUnexpired, codeIssuedToClient, codeSessionPresented];

/**
 * SPEC §1 step 7: an unknown, expired or already redeemed code, or one issued to another
 * client, is `invalid_code`. Only after the client is authenticated (steps 1–6).
 */
export const findRedeemableCode = namedStep(function findRedeemableCode(ctx, env) {
  const grant = env.codes.find(ctx.request.code);
  const nowMs = env.now();
  if (grant === undefined || !redemptionRules.every((rule) => rule(grant, ctx, nowMs))) return 'invalid_code';
  ctx.grant = grant;
  return undefined;
});

/**
 * SPEC §1 step 8; RFC 6749 §4.1.3: `redirect_uri` is identical to the one the code was issued
 * for, by simple string comparison (RFC 3986 §6.2.1). A mismatch leaves the code unredeemed.
 */
export const matchRedirectUri = namedStep(function matchRedirectUri(ctx) {
  if (setBy(ctx.grant, findRedeemableCode).redirectUri !== ctx.request.redirect_uri) {
    return 'invalid_redirect_uri';
  }
  return undefined;
});

/**
 * SPEC §1 step 7; RFC 6749 §4.1.2, §10.5: a code is redeemed once, also under concurrent
 * redemption. `consume` reports whether this request removed the code, so of two requests that
 * both found it only one wins, whatever ran in between.
 */
export const consumeCode = namedStep(function consumeCode(ctx, env) {
  if (!env.codes.consume(setBy(ctx.grant, findRedeemableCode).code)) return 'invalid_code';
  return undefined;
});

/** SPEC §1 steps 7–8, in order. */
export const codeRedemptionSteps: readonly Step[] = [findRedeemableCode, matchRedirectUri, consumeCode];
