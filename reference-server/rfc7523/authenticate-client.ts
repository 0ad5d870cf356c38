import { jwtVerify, type CryptoKey } from 'jose';
import { decodeCompactJws } from '../compact-jws.js';
import { setBy } from '../steps/context.js';
import type { Rfc7523Client } from './clients.js';
import { rfc7523Step, type Rfc7523Step } from './context.js';

/** RFC 7523 §2.2: the `client_assertion_type` of a JWT client assertion. */
export const jwtBearerAssertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each
 * request": HTTP Basic credentials beside the assertion are `invalid_request`.
 */
export const refuseSecondAuthMethod = rfc7523Step(function refuseSecondAuthMethod(ctx) {
  const scheme = ctx.headers.authorization?.trim().split(/\s+/, 1)[0];
  if (scheme?.toLowerCase() === 'basic') return 'invalid_request';
  return undefined;
});

/** RFC 7521 §4.2; RFC 7523 §2.2: `client_assertion_type` is the JWT bearer URN, exactly. */
export const requireJwtBearerAssertionType = rfc7523Step(function requireJwtBearerAssertionType(ctx) {
  if (ctx.request.client_assertion_type !== jwtBearerAssertionType) return 'invalid_client';
  return undefined;
});

/**
 * RFC 7521 §4.2: `client_assertion` is present; RFC 7523 §3 item 9, RFC 7515 §7.1: it is a JWS
 * in compact serialization, decoded strictly (see `decodeCompactJws`), so a used assertion
 * cannot pass as a new one by a change of spelling.
 */
export const decodeAssertion = rfc7523Step(function decodeAssertion(ctx) {
  const assertion = ctx.request.client_assertion;
  const jws = assertion === undefined ? undefined : decodeCompactJws(assertion);
  if (jws === undefined) return 'invalid_client';
  ctx.jws = jws;
  return undefined;
});

/**
 * RFC 7515 §4.1.11: a `crit` extension the server does not understand makes the JWS invalid,
 * and this server understands none. jose alone would accept `crit: ["b64"]` (RFC 7797).
 */
export const refuseCriticalExtensions = rfc7523Step(function refuseCriticalExtensions(ctx) {
  if (Object.hasOwn(setBy(ctx.jws, decodeAssertion).header, 'crit')) return 'invalid_client';
  return undefined;
});

/**
 * RFC 7523 §3 items 1 and 2.B; OpenID Connect Core §9: `iss` and `sub` are both the client's
 * `client_id`, so they are the same non-empty string.
 */
export const requireIssuerIsSubject = rfc7523Step(function requireIssuerIsSubject(ctx) {
  const { iss, sub } = setBy(ctx.jws, decodeAssertion).payload;
  if (typeof sub !== 'string' || sub === '' || iss !== sub) return 'invalid_client';
  return undefined;
});

/** RFC 7521 §4.2, RFC 7523 §3 item 2.B: the assertion's `sub` is a registered client. */
export const lookUpClient = rfc7523Step(function lookUpClient(ctx, env) {
  const client = env.clients.get(String(setBy(ctx.jws, decodeAssertion).payload['sub']));
  if (client === undefined) return 'invalid_client';
  ctx.client = client;
  return undefined;
});

/** RFC 7521 §4.2: a `client_id` sent beside the assertion names the same client as its `sub`. */
export const matchClientIdParameter = rfc7523Step(function matchClientIdParameter(ctx) {
  const { client_id: clientId } = ctx.request;
  if (clientId !== undefined && clientId !== setBy(ctx.client, lookUpClient).id) return 'invalid_client';
  return undefined;
});

const utf8 = new TextEncoder();

/**
 * The key that verifies a client's assertions: the UTF-8 bytes of its secret, or the public key
 * it registered. Never a key the assertion brings (a `jwk`, `jku` or `x5c` header; RFC 8725 §3.1).
 */
function verificationKey(client: Rfc7523Client): Uint8Array | CryptoKey {
  return client.method === 'client_secret_jwt' ? utf8.encode(client.secret) : client.publicKey;
}

/**
 * RFC 7523 §3 item 9, RFC 8725 §2.1 and §3.1: the signature is verified by jose with the
 * client's key and the client's one alg, so neither `none`, nor an HMAC keyed with a public key
 * (alg confusion), nor another alg passes. jose also refuses an `exp` that is not a number or
 * past (RFC 7523 §3 item 4: now ≥ exp + leeway) and an `nbf` in the future beyond the leeway
 * (item 5), on the server's clock.
 */
export const verifyAssertion = rfc7523Step(async function verifyAssertion(ctx, env) {
  const client = setBy(ctx.client, lookUpClient);
  try {
    const { payload } = await jwtVerify(setBy(ctx.jws, decodeAssertion).compact, verificationKey(client), {
      algorithms: [client.signingAlg],
      clockTolerance: env.leewaySeconds,
      currentDate: new Date(env.now()),
    });
    ctx.claims = payload;
    return undefined;
  } catch {
    return 'invalid_client';
  }
});

/**
 * RFC 7523 §3 item 3: `aud` identifies this server, by simple string comparison: its token
 * endpoint URL or its issuer, as a string or among an array of strings.
 */
export const requireAudience = rfc7523Step(function requireAudience(ctx, env) {
  const { aud } = setBy(ctx.claims, verifyAssertion);
  const audiences = typeof aud === 'string' ? [aud] : aud;
  if (!Array.isArray(audiences) || !audiences.every((value) => typeof value === 'string')) return 'invalid_client';
  if (!audiences.includes(env.tokenEndpoint) && !audiences.includes(env.issuer)) return 'invalid_client';
  return undefined;
});

/** RFC 7523 §3 item 4: "The JWT MUST contain an exp (expiration time) claim". */
export const requireExpiry = rfc7523Step(function requireExpiry(ctx) {
  const { exp } = setBy(ctx.claims, verifyAssertion);
  if (typeof exp !== 'number') return 'invalid_client';
  ctx.exp = exp;
  return undefined;
});

/**
 * RFC 7523 §3 item 4: the server "MAY reject JWTs with an exp claim value that is unreasonably
 * far in the future"; SPEC §5 AUTH-EXP-TOO-FAR: further than the maximum lifetime plus leeway.
 */
export const capLifetime = rfc7523Step(function capLifetime(ctx, env) {
  const exp = setBy(ctx.exp, requireExpiry);
  if (exp > env.now() / 1000 + env.maxLifetimeSeconds + env.leewaySeconds) return 'invalid_client';
  return undefined;
});

/** OpenID Connect Core §9: `jti` is REQUIRED, a non-empty string. */
export const requireJti = rfc7523Step(function requireJti(ctx) {
  const { jti } = setBy(ctx.claims, verifyAssertion);
  if (typeof jti !== 'string' || jti === '') return 'invalid_client';
  ctx.jti = jti;
  return undefined;
});

/**
 * RFC 7523 §3 item 7; OpenID Connect Core §9: a `jti` that has authenticated its client is
 * refused afterwards, until the assertion's expiry refuses it anyway (now ≥ exp + leeway). Kept
 * per client, since a `jti` is unique per issuer. A `jti` the ledger has no room to remember is
 * not accepted either: the request is answered busy.
 */
export const refuseReplayedJti = rfc7523Step(function refuseReplayedJti(ctx, env) {
  const key = JSON.stringify([setBy(ctx.client, lookUpClient).id, setBy(ctx.jti, requireJti)]);
  const use = env.usedJtis.record(key, (setBy(ctx.exp, requireExpiry) + env.leewaySeconds) * 1000);
  if (use === 'replayed') return 'invalid_client';
  return use === 'first' ? undefined : use;
});

/** RFC 6749 §2.3, RFC 7521 §4.2, RFC 7523 §3, OpenID Connect Core §9, in order: who the client is. */
export const assertionAuthenticationSteps: readonly Rfc7523Step[] = [
  refuseSecondAuthMethod,
  requireJwtBearerAssertionType,
  decodeAssertion,
  refuseCriticalExtensions,
  requireIssuerIsSubject,
  lookUpClient,
  matchClientIdParameter,
  verifyAssertion,
  requireAudience,
  requireExpiry,
  capLifetime,
  requireJti,
  refuseReplayedJti,
];
