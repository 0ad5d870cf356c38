import { compactVerify } from 'jose';
import { decodeCompactJws } from '../compact-jws.js';
import { namedStep, setBy, type Step } from './context.js';

/** SPEC §1 step 1: `client_secret` is a JWS in compact serialization (RFC 7515 §7.1). */
export const parseClientSecret = namedStep(function parseClientSecret(ctx) {
  const jws = decodeCompactJws(ctx.request.client_secret);
  if (jws === undefined) return 'invalid_client';
  ctx.jws = jws;
  return undefined;
});

/**
 * SPEC §1 step 2: the payload names the client (`client_id`, a string) and its expiry (`exp`,
 * a NumericDate: RFC 7519 §2, a JSON number, fractions allowed).
 */
export const readClaims = namedStep(function readClaims(ctx) {
  const { payload } = setBy(ctx.jws, parseClientSecret);
  const clientId = payload['client_id'];
  const exp = payload['exp'];
  if (typeof clientId !== 'string' || typeof exp !== 'number' || !Number.isFinite(exp)) {
    return 'invalid_client';
  }
  ctx.claims = { clientId, exp };
  return undefined;
});

/**
 * SPEC §1 step 2: `alg` is exactly `HS256`. Header parameter values are case-sensitive
 * (RFC 7515 §4.1.1), so `hs256`, `none`, `None` and `NONE` are all refused. The one check of
 * the alg: `verifySignature` lets jose take the alg from the header.
 */
export const requireHs256 = namedStep(function requireHs256(ctx) {
  if (setBy(ctx.jws, parseClientSecret).header['alg'] !== 'HS256') return 'invalid_client';
  return undefined;
});

/**
 * SPEC §1 edge cases; RFC 7515 §4.1.11: a `crit` extension the server does not understand
 * makes the JWS invalid, and this server understands none. jose alone would accept
 * `crit: ["b64"]` (RFC 7797), which it implements.
 */
export const refuseCriticalExtensions = namedStep(function refuseCriticalExtensions(ctx) {
  if (Object.hasOwn(setBy(ctx.jws, parseClientSecret).header, 'crit')) return 'invalid_client';
  return undefined;
});

/** SPEC §1 step 3: the stored secret is looked up by the JWT's `client_id`. */
export const lookUpClient = namedStep(function lookUpClient(ctx, env) {
  const client = env.clients.get(setBy(ctx.claims, readClaims).clientId);
  if (client === undefined) return 'invalid_client';
  ctx.client = client;
  return undefined;
});

const utf8 = new TextEncoder();

/**
 * SPEC §1 step 4: HMAC-SHA256 (RFC 7518 §3.2) keyed with the UTF-8 bytes of the stored secret,
 * never its hex decoding. Verified by jose, independently of the harness's own JWT code. jose
 * takes the alg from the header, which `requireHs256` has made HS256; with a key of bytes it
 * admits no alg but an HMAC one.
 */
export const verifySignature = namedStep(async function verifySignature(ctx) {
  const { secret } = setBy(ctx.client, lookUpClient);
  try {
    await compactVerify(setBy(ctx.jws, parseClientSecret).compact, utf8.encode(secret));
    return undefined;
  } catch {
    return 'invalid_client';
  }
});

/**
 * SPEC §1 step 5; RFC 7519 §4.1.4: the JWT is expired when now ≥ exp + leeway. Run only after
 * the signature, so a forged expired JWT gets `invalid_client`.
 */
export const checkExpiry = namedStep(function checkExpiry(ctx, env) {
  const { exp } = setBy(ctx.claims, readClaims);
  if (env.now() / 1000 >= exp + env.leewaySeconds) return 'client_secret_expired';
  return undefined;
});

/**
 * SPEC §1 (SHOULD): clients mint a JWT per request with a short life, so an `exp` further
 * ahead than the maximum lifetime plus leeway is refused.
 */
export const capLifetime = namedStep(function capLifetime(ctx, env) {
  const { exp } = setBy(ctx.claims, readClaims);
  if (exp > env.now() / 1000 + env.maxLifetimeSeconds + env.leewaySeconds) return 'invalid_client';
  return undefined;
});

/** SPEC §1 step 6: the JWT's `client_id` equals the body's, byte for byte. */
export const matchClientId = namedStep(function matchClientId(ctx) {
  if (setBy(ctx.claims, readClaims).clientId !== ctx.request.client_id) return 'invalid_client';
  return undefined;
});

/**
 * SPEC §1 (SHOULD): a JWT that has authenticated a client (steps 1–6) is refused afterwards,
 * until its expiry refuses it anyway (now ≥ exp + leeway, step 5). A JWT the ledger has no room
 * to remember is not accepted either: the request is answered busy.
 */
export const refuseReplayedJwt = namedStep(function refuseReplayedJwt(ctx, env) {
  const { exp } = setBy(ctx.claims, readClaims);
  const use = env.usedJwts.record(ctx.request.client_secret, (exp + env.leewaySeconds) * 1000);
  if (use === 'replayed') return 'invalid_client';
  return use === 'first' ? undefined : use;
});

/** SPEC §1 steps 1–6 and the one-time JWT, in order. */
export const clientAuthenticationSteps: readonly Step[] = [
  parseClientSecret,
  readClaims,
  requireHs256,
  refuseCriticalExtensions,
  lookUpClient,
  verifySignature,
  checkExpiry,
  capLifetime,
  matchClientId,
  refuseReplayedJwt,
];
