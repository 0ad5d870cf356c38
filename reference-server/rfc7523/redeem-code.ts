import { setBy } from '../steps/context.js';
import { lookUpClient } from './authenticate-client.js';
import { rfc7523Step, type PkceCode, type Rfc7523Context, type Rfc7523Step } from './context.js';
import { verifierMatches } from './pkce.js';

/** RFC 6749 §4.1.3: the grant of this endpoint. */
export const authorizationCodeGrant = 'authorization_code';

/**
 * RFC 6749 §4.1.3, §5.2: `grant_type` is required (`invalid_request` without it) and must be
 * `authorization_code` (`unsupported_grant_type` otherwise).
 */
export const requireAuthorizationCodeGrant = rfc7523Step(function requireAuthorizationCodeGrant(ctx) {
  const grantType = ctx.request.grant_type;
  if (grantType === undefined) return 'invalid_request';
  if (grantType !== authorizationCodeGrant) return 'unsupported_grant_type';
  return undefined;
});

/** RFC 6749 §4.1.3: `code` and `redirect_uri` (every code here was issued for one) are required. */
export const requireCodeAndRedirectUri = rfc7523Step(function requireCodeAndRedirectUri(ctx) {
  if (ctx.request.code === undefined || ctx.request.redirect_uri === undefined) return 'invalid_request';
  return undefined;
});

/**
 * RFC 6749 §4.1.2: a code used more than once is refused, and the token its first redemption
 * issued is revoked. Only after the client is authenticated, so an unauthenticated request
 * revokes nothing.
 */
export const revokeOnCodeReuse = rfc7523Step(function revokeOnCodeReuse(ctx, env) {
  if (env.accessTokens.revokeIssuedFor(String(ctx.request.code))) return 'invalid_grant';
  return undefined;
});

/** One condition an issued code must meet to be redeemed by this request. */
export type PkceRedemptionRule = (grant: PkceCode, ctx: Rfc7523Context, nowMs: number) => boolean;

/** RFC 6749 §4.1.2: codes are short-lived. */
export const codeUnexpired: PkceRedemptionRule = (grant, _ctx, nowMs) => nowMs < grant.expiresAtMs;

/** RFC 6749 §4.1.3: "ensure that the authorization code was issued to the authenticated confidential client". */
export const codeIssuedToClient: PkceRedemptionRule = (grant, ctx) => grant.clientId === setBy(ctx.client, lookUpClient).id;

export const pkceRedemptionRules: readonly PkceRedemptionRule[] = [codeUnexpired, codeIssuedToClient];

/** RFC 6749 §4.1.3, §5.2: an unknown, expired or redeemed code, or one issued to another client, is `invalid_grant`. */
export const findRedeemableCode = rfc7523Step(function findRedeemableCode(ctx, env) {
  const grant = env.codes.find(String(ctx.request.code));
  const nowMs = env.now();
  if (grant === undefined || !pkceRedemptionRules.every((rule) => rule(grant, ctx, nowMs))) return 'invalid_grant';
  ctx.grant = grant;
  return undefined;
});

/**
 * RFC 6749 §4.1.3: `redirect_uri` is identical to the one the code was issued for, by simple
 * string comparison (RFC 3986 §6.2.1). A mismatch leaves the code unredeemed.
 */
export const matchRedirectUri = rfc7523Step(function matchRedirectUri(ctx) {
  if (setBy(ctx.grant, findRedeemableCode).redirectUri !== ctx.request.redirect_uri) return 'invalid_grant';
  return undefined;
});

/**
 * RFC 7636 §4.6: a code issued with a challenge is redeemed only with the verifier whose S256
 * transformation it is; a missing or wrong verifier (another code's included) is `invalid_grant`.
 */
export const checkCodeVerifier = rfc7523Step(function checkCodeVerifier(ctx) {
  const { codeChallenge } = setBy(ctx.grant, findRedeemableCode);
  const verifier = ctx.request.code_verifier;
  if (codeChallenge !== undefined && (verifier === undefined || !verifierMatches(verifier, codeChallenge))) return 'invalid_grant';
  return undefined;
});

/**
 * RFC 9700 §2.1.1: a `code_verifier` for a code issued without a challenge is refused, "to
 * prevent PKCE downgrade attacks".
 */
export const refusePkceDowngrade = rfc7523Step(function refusePkceDowngrade(ctx) {
  if (setBy(ctx.grant, findRedeemableCode).codeChallenge === undefined && ctx.request.code_verifier !== undefined) return 'invalid_grant';
  return undefined;
});

/**
 * RFC 6749 §4.1.2, §10.5: a code is redeemed once, also under concurrent redemption: `consume`
 * reports whether this request removed it. The access token is issued and recorded with its code
 * in the same turn, so a reuse always finds it to revoke.
 */
export const consumeCode = rfc7523Step(function consumeCode(ctx, env) {
  const { code } = setBy(ctx.grant, findRedeemableCode);
  if (!env.codes.consume(code)) return 'invalid_grant';
  ctx.accessToken = env.accessTokens.issue(code);
  return undefined;
});

/** RFC 6749 §4.1.3 with RFC 7636 §4.6, in order: what the code grants. */
export const pkceRedemptionSteps: readonly Rfc7523Step[] = [
  requireAuthorizationCodeGrant,
  requireCodeAndRedirectUri,
  revokeOnCodeReuse,
  findRedeemableCode,
  matchRedirectUri,
  checkCodeVerifier,
  refusePkceDowngrade,
  consumeCode,
];
