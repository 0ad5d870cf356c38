import { verifyHs256 } from '../../jwt/index.js';
import { jsonTypeOf, type Facts } from '../facts.js';
import { isPlaceholder } from '../placeholder.js';
import { redactedJwt } from '../redact.js';
import { bothZones, expiryPhrase, spanBetween } from '../time.js';
import { fail, pass, refusalOf, skipped, unknown, warn, type StepResult } from '../step.js';

/** SPEC §1: clients mint a JWT per request with a 5-minute life; longer SHOULD be refused (AUTH-EXP-TOO-FAR). */
export const MAX_LIFETIME_SECONDS = 300;
/** A NumericDate beyond this is milliseconds by mistake (the year 5138 in seconds). */
const MILLISECONDS_EXP = 1e11;
/** A stored secret as the seeds show it (64 hex characters), or as StorX hands it out (bcrypt). */
const STORED_SECRET_SHAPES: readonly { pattern: RegExp; name: string }[] = [
  { pattern: /^[0-9a-fA-F]{64}$/, name: '64 hex characters' },
  { pattern: /^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/, name: 'a bcrypt string' },
];
const HEX = /^(?:[0-9a-fA-F]{2})+$/;

const NO_JWS = 'client_secret is not a JWS';

/**
 * SPEC §1 step 1: `client_secret` must be a compact JWS (AUTH-MALFORMED-JWT). Names the seeds'
 * mistakes: the raw stored secret sent in its place, or template text left in the request.
 */
export function checkJws({ body, clientSecret, jws, jwsProblem, secret }: Facts): StepResult {
  const clause = 'SPEC §1 step 1';
  if (body === null || clientSecret === null) return skipped('jws', clause, 'no client_secret string to read');
  if (jws !== null) {
    return pass('jws', clause, 'a compact JWS (header.payload.signature)', [
      `header  ${JSON.stringify(jws.header)}`,
      `payload ${JSON.stringify(jws.payload)}`,
      `token   ${redactedJwt(clientSecret)}`,
    ]);
  }
  if (secret !== null && clientSecret.trim() === secret.trim()) {
    return fail('jws', clause, 'RAW_SECRET_SENT', refusalOf('AUTH-MALFORMED-JWT'), 'client_secret is the stored secret itself, not a JWT minted from it');
  }
  const shape = STORED_SECRET_SHAPES.find(({ pattern }) => pattern.test(clientSecret.trim()));
  if (shape) {
    return fail('jws', clause, 'RAW_SECRET_SENT', refusalOf('AUTH-MALFORMED-JWT'), `client_secret is ${shape.name}, the form of a stored secret, not a JWT minted from one`);
  }
  if (isPlaceholder(clientSecret)) {
    return fail('jws', clause, 'PLACEHOLDER', refusalOf('AUTH-MALFORMED-JWT'), `client_secret is the placeholder "${clientSecret}", not a JWT`);
  }
  if (clientSecret === '') return fail('jws', clause, 'NOT_A_JWS', refusalOf('AUTH-MALFORMED-JWT'), 'client_secret is empty, not a JWT');
  // The decoder's reason names the part, never its content.
  return fail('jws', clause, 'NOT_A_JWS', refusalOf('AUTH-MALFORMED-JWT'), `not a compact JWS: ${jwsProblem ?? 'it cannot be decoded'}`);
}

/**
 * SPEC §1 step 2: the header `alg` must be `HS256`, `none` in any spelling included
 * (AUTH-ALG-NONE, AUTH-ALG-OTHER); a `crit` header is refused (RFC 7515 §4.1.11).
 */
export function checkAlg({ jws }: Facts): StepResult {
  const clause = 'SPEC §1 step 2';
  if (jws === null) return skipped('alg', clause, NO_JWS);
  const { alg, crit, typ } = jws.header;
  if (typeof alg === 'string' && alg.toLowerCase() === 'none') {
    return fail('alg', clause, 'ALG_NONE', refusalOf('AUTH-ALG-NONE'), `alg "${alg}": an unsigned JWT; the server takes HS256 only`);
  }
  if (alg !== 'HS256') {
    return fail('alg', clause, 'ALG_NOT_HS256', refusalOf('AUTH-ALG-OTHER'), alg === undefined ? 'the header has no alg; the server takes HS256 only' : `alg ${JSON.stringify(alg)}; the server takes HS256 only`);
  }
  if (crit !== undefined) return fail('alg', clause, 'CRIT_HEADER', refusalOf('AUTH-HEADER-CRIT'), 'the header has crit: the server understands no extension (RFC 7515 §4.1.11)');
  return pass('alg', clause, typ === 'JWT' ? 'HS256' : `HS256 (typ ${typ === undefined ? 'absent' : JSON.stringify(typ)}: ignored)`);
}

/**
 * SPEC §1 step 2: the payload carries `client_id` (a string) and `exp` (a NumericDate, a JSON
 * number) (AUTH-CLIENT-ID-MISSING, AUTH-EXP-MISSING, AUTH-EXP-INVALID).
 * @see RFC 7519 §2 (NumericDate), §4.1.4
 */
export function checkClaims({ jws }: Facts): StepResult {
  const clause = 'SPEC §1 step 2';
  if (jws === null) return skipped('claims', clause, NO_JWS);
  const { client_id: clientId, exp } = jws.payload;
  const problems: { finding: 'CLAIM_MISSING' | 'CLAIM_NOT_TYPED'; requirement: string; text: string }[] = [];
  if (clientId === undefined) problems.push({ finding: 'CLAIM_MISSING', requirement: 'AUTH-CLIENT-ID-MISSING', text: 'no client_id claim' });
  else if (typeof clientId !== 'string') problems.push({ finding: 'CLAIM_NOT_TYPED', requirement: 'AUTH-CLIENT-ID-MISSING', text: `client_id is ${jsonTypeOf(clientId)}, not a string` });
  if (exp === undefined) problems.push({ finding: 'CLAIM_MISSING', requirement: 'AUTH-EXP-MISSING', text: 'no exp claim' });
  else if (typeof exp !== 'number') {
    const numeric = typeof exp === 'string' && exp.trim() !== '' && Number.isFinite(Number(exp));
    problems.push({ finding: 'CLAIM_NOT_TYPED', requirement: 'AUTH-EXP-INVALID', text: `exp is ${jsonTypeOf(exp)}${numeric ? ` ("${exp}")` : ''}, not a number: a NumericDate is a JSON number` });
  }
  const [first] = problems;
  if (first) return fail('claims', clause, first.finding, refusalOf(first.requirement), problems.map((p) => p.text).join('; '));
  const extra = Object.keys(jws.payload).filter((name) => name !== 'client_id' && name !== 'exp');
  return pass('claims', clause, `client_id a string, exp a number${extra.length ? ` (other claims ignored: ${extra.join(', ')})` : ''}`);
}

/**
 * SPEC §1 step 3: only the server knows its clients (seed 001: the client was never registered);
 * a template client_id (seed 001's `REGISTERED_CLIENT_ID`) is no client at all, in the JWT
 * or, when the JWT cannot be read, in the body.
 */
export function checkClientLookup({ body, jws }: Facts): StepResult {
  const clause = 'SPEC §1 step 3';
  const inJwt = jws?.payload.client_id;
  const inBody = body?.client_id;
  const [clientId, where] = typeof inJwt === 'string' ? [inJwt, ''] : jws === null && typeof inBody === 'string' ? [inBody, ' (the body\'s)'] : [null, ''];
  if (clientId === null) return skipped('client', clause, 'no client_id claim to look up');
  if (isPlaceholder(clientId)) return fail('client', clause, 'PLACEHOLDER', refusalOf('AUTH-UNREGISTERED'), `client_id ${JSON.stringify(clientId)}${where} is a placeholder, not a registered client`);
  return unknown('client', clause, `only the server knows whether client ${JSON.stringify(clientId)}${where} is registered, and its secret`);
}

/**
 * Keys someone may have signed with by mistake instead of the secret's UTF-8 bytes; `rule` names
 * where that keying is required (SPEC §1; OIDC Core §9 for client_secret_jwt).
 */
export function mistakenKeys(secret: string, rule: string): { finding: 'HEX_DECODED_KEY' | 'SECRET_WHITESPACE'; key: string | Uint8Array; line: string }[] {
  const keys: ReturnType<typeof mistakenKeys> = [];
  if (HEX.test(secret)) {
    keys.push({
      finding: 'HEX_DECODED_KEY',
      key: Buffer.from(secret, 'hex'),
      line: `signed with the secret hex-decoded (${secret.length / 2} bytes), not with its text: the server keys HMAC with the UTF-8 bytes of the secret (${rule})`,
    });
  }
  const trimmed = secret.trim();
  if (trimmed !== secret && trimmed !== '') {
    keys.push({ finding: 'SECRET_WHITESPACE', key: trimmed, line: 'verifies only with the whitespace around the given secret removed: one side reads the secret with a stray newline or space' });
  }
  keys.push({ finding: 'SECRET_WHITESPACE', key: `${secret}\n`, line: 'signed with the secret plus a trailing newline (read from a file or `echo` without -n): the key is the secret text alone' });
  return keys;
}

/**
 * SPEC §1 step 4: HMAC-SHA256 keyed with the UTF-8 bytes of the stored secret (AUTH-WRONG-KEY,
 * AUTH-SIG-TAMPERED). When it fails, tries the mistakes people make with the key.
 */
export function checkSignature({ jws, clientSecret, secret }: Facts): StepResult {
  const clause = 'SPEC §1 step 4';
  if (jws === null || clientSecret === null) return skipped('signature', clause, NO_JWS);
  if (secret === null) return unknown('signature', clause, 'not checked: give the client\'s stored secret with --secret-env VAR (or --secret)');
  if (verifyHs256(clientSecret, secret)) return pass('signature', clause, 'HMAC-SHA256 verifies with the given secret (key: its UTF-8 bytes)');
  const mistake = mistakenKeys(secret, 'SPEC §1').find(({ key }) => verifyHs256(clientSecret, key));
  if (mistake) return fail('signature', clause, mistake.finding, refusalOf('AUTH-WRONG-KEY'), mistake.line);
  if (jws.signature === '') return fail('signature', clause, 'SIGNATURE_MISMATCH', refusalOf('AUTH-WRONG-KEY'), 'the signature part is empty');
  return fail('signature', clause, 'SIGNATURE_MISMATCH', refusalOf('AUTH-WRONG-KEY'), 'does not verify with the given secret, nor with it hex-decoded: the JWT was signed with another secret');
}

/**
 * SPEC §1 step 5: expired when now ≥ exp (RFC 7519 §4.1.4), `client_secret_expired` (AUTH-EXP-PAST);
 * a JWT living longer than 5 minutes SHOULD be refused (AUTH-EXP-TOO-FAR).
 */
export function checkExp({ jws, nowMs }: Facts): StepResult {
  const clause = 'SPEC §1 step 5';
  const exp = jws?.payload.exp;
  if (typeof exp !== 'number') return skipped('exp', clause, jws === null ? NO_JWS : 'no numeric exp to judge');
  const when = `${expiryPhrase(exp, nowMs)}: ${bothZones(exp)}`;
  if (nowMs >= exp * 1000) return fail('exp', clause, 'EXPIRED', refusalOf('AUTH-EXP-PAST'), when);
  if (exp * 1000 - nowMs > MAX_LIFETIME_SECONDS * 1000) {
    const millis = exp > MILLISECONDS_EXP ? ' (exp looks like milliseconds: a NumericDate counts seconds)' : '';
    return warn('exp', clause, 'EXP_TOO_FAR', `${when}${millis}; a server SHOULD refuse a JWT living longer than ${spanBetween(0, MAX_LIFETIME_SECONDS * 1000)}`);
  }
  return pass('exp', clause, when);
}

/** SPEC §1 step 6: the JWT's client_id equals the body's, byte for byte (AUTH-CLIENT-ID-MISMATCH). */
export function checkClientIdMatch({ body, jws }: Facts): StepResult {
  const clause = 'SPEC §1 step 6';
  const inJwt = jws?.payload.client_id;
  const inBody = body?.client_id;
  if (jws === null) return skipped('client-id', clause, NO_JWS);
  if (typeof inJwt !== 'string') return skipped('client-id', clause, 'the JWT has no client_id string (step 2)');
  if (typeof inBody !== 'string') return skipped('client-id', clause, 'the body has no client_id string');
  if (inJwt === inBody) return pass('client-id', clause, "the JWT's client_id equals the body's");
  const near = inJwt.trim().toLowerCase() === inBody.trim().toLowerCase() ? ' (they differ only in letter case or spaces: the comparison is byte for byte)' : '';
  return fail('client-id', clause, 'CLIENT_ID_MISMATCH', refusalOf('AUTH-CLIENT-ID-MISMATCH'), `the JWT is for ${JSON.stringify(inJwt)}, the body names ${JSON.stringify(inBody)}${near}`);
}
