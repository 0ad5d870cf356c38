import { isAsymmetricAlg, isHmacAlg, verifierFits, verifySignature, type VerificationKey } from '../../jwt/index.js';
import { param, type AssertionFacts, type AssertionKey } from '../assertion-facts.js';
import { assertionRefusalOf } from '../assertion-refusal.js';
import { jsonTypeOf } from '../facts.js';
import { isPlaceholder } from '../placeholder.js';
import { redactedJwt } from '../redact.js';
import { bothZones, expiryPhrase, spanBetween } from '../time.js';
import { fail, pass, skipped, unknown, warn, type StepResult } from '../step.js';
import { MAX_LIFETIME_SECONDS, mistakenKeys } from './client-secret.js';

const NO_JWS = 'client_assertion is not a JWS';
/** The claims RFC 7523 §3 names, items 1–7, and OIDC Core §9's. */
const RFC7523_CLAIMS: ReadonlySet<string> = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);

function verificationKeyOf(key: AssertionKey): VerificationKey {
  return key.kind === 'secret' ? { kind: 'secret', secret: key.secret } : { kind: 'jwk', jwk: key.jwk };
}

/**
 * RFC 7521 §4.2: `client_assertion` is sent; RFC 7523 §3 item 9, RFC 7515 §7.1: a JWS in compact
 * serialization (AUTH-MALFORMED-JWT). Names the mistakes: the client secret sent in its place,
 * template text, or client_secret sent instead (another authentication method, RFC 6749 §2.3.1).
 */
export function checkAssertionJws(facts: AssertionFacts): StepResult {
  const clause = 'RFC 7521 §4.2';
  const { assertion, jws, jwsProblem, key } = facts;
  const refusal = assertionRefusalOf('AUTH-MALFORMED-JWT');
  if (assertion === null) {
    const secretPost = param(facts, 'client_secret') === null ? '' : ' (client_secret is sent instead: that is client_secret_post, not a JWT assertion)';
    return fail('jws', clause, 'NOT_A_JWS', refusal, `no client_assertion${secretPost}`);
  }
  if (jws !== null) {
    return pass('jws', clause, 'a compact JWS (header.payload.signature)', [
      `header  ${JSON.stringify(jws.header)}`,
      `payload ${JSON.stringify(jws.payload)}`,
      `token   ${redactedJwt(assertion)}`,
    ]);
  }
  if (key?.kind === 'secret' && assertion.trim() === key.secret.trim()) {
    return fail('jws', clause, 'RAW_SECRET_SENT', refusal, 'client_assertion is the client secret itself, not a JWT signed with it');
  }
  if (isPlaceholder(assertion)) return fail('jws', clause, 'PLACEHOLDER', refusal, `client_assertion is the placeholder "${assertion}", not a JWT`);
  // The decoder's reason names the part, never its content.
  return fail('jws', clause, 'NOT_A_JWS', refusal, `not a compact JWS: ${jwsProblem ?? 'it cannot be decoded'}`);
}

/**
 * RFC 7515 §4.1.1, RFC 8725 §2.1, OIDC Core §9: `alg` is never `none` (AUTH-ALG-NONE); an HMAC
 * alg for client_secret_jwt, the key's own alg for private_key_jwt (AUTH-ALG-OTHER), never an
 * HMAC keyed with the client's public key (RFC7523-ALG-CONFUSION); no `crit` the server does not
 * understand (RFC 7515 §4.1.11, AUTH-HEADER-CRIT).
 */
export function checkAssertionAlg({ jws, key }: AssertionFacts): StepResult {
  const clause = 'RFC 7515 §4.1.1, RFC 8725 §2.1';
  if (jws === null) return skipped('alg', clause, NO_JWS);
  const { alg, crit } = jws.header;
  if (typeof alg === 'string' && alg.toLowerCase() === 'none') return fail('alg', clause, 'ALG_NONE', assertionRefusalOf('AUTH-ALG-NONE'), `alg "${alg}": an unsigned assertion authenticates no one`);
  const other = (line: string) => fail('alg', clause, 'ALG_NOT_THE_CLIENTS', assertionRefusalOf('AUTH-ALG-OTHER'), line);
  if (!isHmacAlg(alg) && !isAsymmetricAlg(alg)) return other(alg === undefined ? 'the header has no alg' : `alg ${JSON.stringify(alg)} is no JWS algorithm (RFC 7518 §3.1)`);
  if (crit !== undefined) return fail('alg', clause, 'CRIT_HEADER', assertionRefusalOf('AUTH-HEADER-CRIT'), 'the header has crit: a server that understands no extension refuses it (RFC 7515 §4.1.11)');
  if (key === null) return pass('alg', clause, `${alg} (${isHmacAlg(alg) ? 'client_secret_jwt' : 'private_key_jwt'}: the server takes the client's registered alg)`);
  if (key.kind === 'secret') return isHmacAlg(alg) ? pass('alg', clause, `${alg} (client_secret_jwt)`) : other(`alg ${alg} with a client secret: client_secret_jwt is signed with HMAC (HS256)`);
  if (isHmacAlg(alg)) {
    return fail('alg', clause, 'ALG_CONFUSION', assertionRefusalOf('RFC7523-ALG-CONFUSION'), `alg ${alg} for a private_key_jwt client: an HMAC keyed with its public key would be a forgery anyone can make (RFC 8725 §2.1)`);
  }
  if (key.jwk.alg !== undefined && key.jwk.alg !== alg) return other(`alg ${alg}, but the client's JWK is for ${key.jwk.alg}`);
  if (!verifierFits(alg, verificationKeyOf(key))) return other(`alg ${alg} cannot be verified with the given JWK (kty ${String(key.jwk.kty)}${key.jwk.crv ? `, crv ${key.jwk.crv}` : ''})`);
  return pass('alg', clause, `${alg} (private_key_jwt${key.jwk.alg === undefined ? '' : ": the JWK's alg"})`);
}

/** RFC 7523 §3 items 1 and 2.B, OIDC Core §9: `iss` and `sub` are both the client_id (RFC7523-ISS-SUB). */
export function checkIssSub({ jws }: AssertionFacts): StepResult {
  const clause = 'RFC 7523 §3 items 1, 2.B';
  if (jws === null) return skipped('iss-sub', clause, NO_JWS);
  const { iss, sub } = jws.payload;
  const refusal = assertionRefusalOf('RFC7523-ISS-SUB');
  const problems = (['iss', 'sub'] as const).flatMap((name) => {
    const value = jws.payload[name];
    if (value === undefined) return [`no ${name}`];
    if (typeof value !== 'string') return [`${name} is ${jsonTypeOf(value)}, not a string`];
    return value === '' ? [`${name} is empty`] : [];
  });
  if (problems.length > 0) return fail('iss-sub', clause, 'ISS_SUB_MISSING', refusal, `${problems.join('; ')}: iss and sub are both the client_id`);
  if (iss !== sub) return fail('iss-sub', clause, 'ISS_NOT_SUB', refusal, `iss ${JSON.stringify(iss)} ≠ sub ${JSON.stringify(sub)}: for client authentication both are the client_id`);
  return pass('iss-sub', clause, `iss = sub = ${JSON.stringify(sub)}`);
}

/** RFC 7523 §3 item 2.B: only the server knows its clients; a template `sub` is no client at all (AUTH-UNREGISTERED). */
export function checkAssertionClient({ jws }: AssertionFacts): StepResult {
  const clause = 'RFC 7523 §3 item 2.B';
  const sub = jws?.payload.sub;
  if (typeof sub !== 'string' || sub === '') return skipped('client', clause, 'no sub to look up');
  if (isPlaceholder(sub)) return fail('client', clause, 'PLACEHOLDER', assertionRefusalOf('AUTH-UNREGISTERED'), `sub ${JSON.stringify(sub)} is a placeholder, not a registered client`);
  return unknown('client', clause, `only the server knows whether client ${JSON.stringify(sub)} is registered, and its key`);
}

/** RFC 7521 §4.2: a `client_id` sent beside the assertion names its `sub` (AUTH-CLIENT-ID-MISMATCH). */
export function checkAssertionClientId(facts: AssertionFacts): StepResult {
  const clause = 'RFC 7521 §4.2';
  const sub = facts.jws?.payload.sub;
  if (typeof sub !== 'string') return skipped('client-id', clause, facts.jws === null ? NO_JWS : 'the assertion has no sub string');
  const clientId = param(facts, 'client_id');
  if (clientId === null) return pass('client-id', clause, 'no client_id parameter (optional: the assertion names the client)');
  if (clientId === sub) return pass('client-id', clause, "the client_id parameter equals the assertion's sub");
  const near = clientId.trim().toLowerCase() === sub.trim().toLowerCase() ? ' (they differ only in letter case or spaces: the comparison is exact)' : '';
  return fail('client-id', clause, 'CLIENT_ID_MISMATCH', assertionRefusalOf('AUTH-CLIENT-ID-MISMATCH'), `the assertion is for ${JSON.stringify(sub)}, client_id names ${JSON.stringify(clientId)}${near}`);
}

/** A mistake that makes two URLs differ that a person reads as one, for the line. */
function nearMiss(aud: readonly string[], expected: string): string {
  const loose = (url: string) => url.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
  const close = aud.find((value) => loose(value) === loose(expected));
  return close === undefined ? '' : ` (${JSON.stringify(close)} differs only in scheme, case or a trailing slash: aud is compared as a string)`;
}

/**
 * RFC 7523 §3 item 3: `aud` identifies the authorization server, its token endpoint URL or its
 * issuer, compared as strings (RFC 7519 §4.1.3: a StringOrURI or an array of them) (RFC7523-AUD).
 */
export function checkAud({ jws, audience, request }: AssertionFacts): StepResult {
  const clause = 'RFC 7523 §3 item 3';
  if (jws === null) return skipped('aud', clause, NO_JWS);
  const { aud } = jws.payload;
  const refusal = assertionRefusalOf('RFC7523-AUD');
  if (aud === undefined) return fail('aud', clause, 'AUD_MISSING', refusal, 'no aud: it must name the server, its token endpoint URL or its issuer');
  const values = typeof aud === 'string' ? [aud] : aud;
  if (!Array.isArray(values) || !values.every((value): value is string => typeof value === 'string') || values.length === 0 || values.includes('')) {
    return fail('aud', clause, 'AUD_MISSING', refusal, `aud is ${Array.isArray(aud) ? 'an array that is empty or holds a non-string' : aud === '' ? 'empty' : jsonTypeOf(aud)}: it is a URL string, or an array of them, naming the server`);
  }
  const shown = values.map((value) => JSON.stringify(value)).join(', ');
  if (audience !== null) {
    if (values.includes(audience)) return pass('aud', clause, `${shown}: names ${audience}`);
    return fail('aud', clause, 'AUD_NOT_THIS_SERVER', refusal, `aud ${shown} does not name ${audience}${nearMiss(values, audience)}`);
  }
  if (request.url !== null && values.includes(request.url)) return pass('aud', clause, `${shown}: the URL the request is posted to`);
  return unknown('aud', clause, `aud names ${shown}: it must be the server's token endpoint URL or its issuer, as a string (give --audience URL to check)`);
}

/** ` (leeway 30 s)`, or nothing without one. */
function leewayNote(leewaySeconds: number): string {
  return leewaySeconds > 0 ? ` (leeway ${leewaySeconds} s)` : '';
}

/**
 * RFC 7523 §3 item 4: `exp` is present (AUTH-EXP-MISSING), a NumericDate, a JSON number
 * (AUTH-EXP-INVALID, RFC 7519 §2), and expired when now ≥ exp + leeway (AUTH-EXP-PAST); a server
 * MAY refuse one unreasonably far ahead (AUTH-EXP-TOO-FAR, a warning).
 */
export function checkAssertionExp({ jws, nowMs, leewaySeconds }: AssertionFacts): StepResult {
  const clause = 'RFC 7523 §3 item 4';
  if (jws === null) return skipped('exp', clause, NO_JWS);
  const { exp } = jws.payload;
  if (exp === undefined) return fail('exp', clause, 'CLAIM_MISSING', assertionRefusalOf('AUTH-EXP-MISSING'), 'no exp: the assertion MUST carry one');
  if (typeof exp !== 'number') return fail('exp', clause, 'CLAIM_NOT_TYPED', assertionRefusalOf('AUTH-EXP-INVALID'), `exp is ${jsonTypeOf(exp)}, not a number: a NumericDate is a JSON number`);
  const when = `${expiryPhrase(exp, nowMs)}: ${bothZones(exp)}${leewayNote(leewaySeconds)}`;
  if (nowMs >= (exp + leewaySeconds) * 1000) return fail('exp', clause, 'EXPIRED', assertionRefusalOf('AUTH-EXP-PAST'), when);
  if (exp * 1000 - nowMs > (MAX_LIFETIME_SECONDS + leewaySeconds) * 1000) {
    return warn('exp', clause, 'EXP_TOO_FAR', `${when}; a server MAY refuse an assertion living longer than ${spanBetween(0, MAX_LIFETIME_SECONDS * 1000)}`);
  }
  return pass('exp', clause, when);
}

/** RFC 7523 §3 item 5: an `nbf`, when present, a number not beyond now + leeway (RFC7523-NBF). */
export function checkNbf({ jws, nowMs, leewaySeconds }: AssertionFacts): StepResult {
  const clause = 'RFC 7523 §3 item 5';
  if (jws === null) return skipped('nbf', clause, NO_JWS);
  const { nbf } = jws.payload;
  if (nbf === undefined) return pass('nbf', clause, 'no nbf (optional)');
  const refusal = assertionRefusalOf('RFC7523-NBF');
  if (typeof nbf !== 'number') return fail('nbf', clause, 'CLAIM_NOT_TYPED', refusal, `nbf is ${jsonTypeOf(nbf)}, not a number: a NumericDate is a JSON number`);
  if (nbf * 1000 > nowMs + leewaySeconds * 1000) {
    return fail('nbf', clause, 'NOT_YET_VALID', refusal, `not valid for another ${spanBetween(nowMs, nbf * 1000)}: ${bothZones(nbf)}${leewayNote(leewaySeconds)}; the client's clock runs ahead, or nbf is set in the future`);
  }
  return pass('nbf', clause, `valid since ${spanBetween(nbf * 1000, nowMs)} ago`);
}

/** OIDC Core §9: `jti` is REQUIRED, a unique string (RFC7523-JTI-MISSING); RFC 7523 §3 item 7 lets a server refuse its reuse. */
export function checkJti({ jws }: AssertionFacts): StepResult {
  const clause = 'OIDC Core §9';
  if (jws === null) return skipped('jti', clause, NO_JWS);
  const { jti } = jws.payload;
  const refusal = assertionRefusalOf('RFC7523-JTI-MISSING');
  if (jti === undefined) return fail('jti', clause, 'JTI_MISSING', refusal, 'no jti: a client assertion carries a fresh unique jti');
  if (typeof jti !== 'string' || jti === '') return fail('jti', clause, 'JTI_MISSING', refusal, `jti is ${jti === '' ? 'empty' : jsonTypeOf(jti)}, not a unique string`);
  return pass('jti', clause, 'present: send a fresh one with every assertion (a server refuses one used before, RFC 7523 §3 item 7)');
}

/** RFC 7523 §3 item 6 (iat optional), RFC 7519 §4.1.6: a NumericDate; one ahead of the server's clock is a likely mistake. */
export function checkIat({ jws, nowMs, leewaySeconds }: AssertionFacts): StepResult {
  const clause = 'RFC 7523 §3 item 6';
  if (jws === null) return skipped('iat', clause, NO_JWS);
  const { iat } = jws.payload;
  if (iat === undefined) return pass('iat', clause, 'no iat (optional)');
  if (typeof iat !== 'number') return warn('iat', clause, 'IAT_NOT_TYPED', `iat is ${jsonTypeOf(iat)}, not a number: a NumericDate is a JSON number, and libraries refuse the assertion`);
  if (iat * 1000 > nowMs + leewaySeconds * 1000) return warn('iat', clause, 'IAT_IN_FUTURE', `issued ${spanBetween(nowMs, iat * 1000)} in the future: the client's clock runs ahead; a server may refuse it`);
  const extra = Object.keys(jws.payload).filter((name) => !RFC7523_CLAIMS.has(name));
  return pass('iat', clause, `issued ${spanBetween(iat * 1000, nowMs)} ago${extra.length ? ` (other claims ignored: ${extra.join(', ')})` : ''}`);
}

/** `HMAC-SHA256` for HS256. */
function hmacName(alg: string): string {
  return `HMAC-SHA${alg.slice(2)}`;
}

/**
 * RFC 7523 §3 item 9: the signature or MAC verifies with the client's key: client_secret_jwt an
 * HMAC keyed with the UTF-8 bytes of the secret (OIDC Core §9), private_key_jwt the client's
 * public key (AUTH-WRONG-KEY, AUTH-SIG-TAMPERED). When an HMAC fails, tries the mistakes people
 * make with the key (hex-decoding it, a stray newline).
 */
export function checkAssertionSignature({ jws, key }: AssertionFacts): StepResult {
  const clause = 'RFC 7523 §3 item 9';
  if (jws === null) return skipped('signature', clause, NO_JWS);
  if (key === null) return unknown('signature', clause, "not checked: give the client secret with --secret-env VAR (client_secret_jwt) or the client's JWK with --jwk-file FILE (private_key_jwt)");
  const { alg, kid } = jws.header;
  const verificationKey = verificationKeyOf(key);
  if (!verifierFits(alg, verificationKey)) return skipped('signature', clause, `alg ${JSON.stringify(alg)} is not verified with the given ${key.kind === 'secret' ? 'secret' : 'JWK'} (see alg)`);
  const verifies = (candidate: VerificationKey) => verifySignature(jws.signingInput, jws.signature, alg, candidate);
  const refusal = assertionRefusalOf('AUTH-WRONG-KEY');
  if (jws.signature === '') return fail('signature', clause, 'SIGNATURE_MISMATCH', refusal, 'the signature part is empty');
  if (key.kind === 'secret') {
    if (verifies(verificationKey)) return pass('signature', clause, `${hmacName(alg)} verifies with the given secret (key: its UTF-8 bytes)`);
    const mistake = mistakenKeys(key.secret, 'OIDC Core §9').find((mistaken) => verifies({ kind: 'secret', secret: mistaken.key }));
    if (mistake) return fail('signature', clause, mistake.finding, refusal, mistake.line);
    return fail('signature', clause, 'SIGNATURE_MISMATCH', refusal, 'does not verify with the given secret, nor with it hex-decoded: the assertion was signed with another secret');
  }
  const kidNote = key.jwk.kid === undefined ? '' : ` (kid ${JSON.stringify(key.jwk.kid)})`;
  if (verifies(verificationKey)) return pass('signature', clause, `${alg} verifies with the given JWK's public key${kidNote}`);
  if (kid !== undefined && key.jwk.kid !== undefined && kid !== key.jwk.kid) {
    return fail('signature', clause, 'KID_MISMATCH', refusal, `does not verify: signed for kid ${JSON.stringify(kid)}, the JWK given is kid ${JSON.stringify(key.jwk.kid)}`);
  }
  return fail('signature', clause, 'SIGNATURE_MISMATCH', refusal, `does not verify with the given JWK's public key${kidNote}: the assertion was signed with another key`);
}
