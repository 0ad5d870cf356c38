import { randomBytes } from 'node:crypto';
import {
  algNoneJws,
  badBase64urlJws,
  flippedSignatureJws,
  nonJsonHeaderJws,
  nonJsonPayloadJws,
  notUtf8Jws,
  otherAlgJws,
  payloadNotObjectJws,
  segmentsJws,
  signatureFromOtherTokenJws,
  strippedSignatureJws,
  tamperedHeaderJws,
  tamperedPayloadJws,
  truncatedSignatureJws,
  withClaimsJws,
  withHeaderJws,
  withoutClaimJws,
  wrongKeyJws,
  type AlgNoneSignature,
  type AlgNoneSpelling,
  type HeaderTamper,
  type NonBase64urlChar,
  type NonObjectJson,
  type NotUtf8Part,
} from './forge-jws.js';
import type { HmacKey } from './compact.js';
import { signJws, type JwsInput } from './jws.js';

export type { AlgNoneSignature, AlgNoneSpelling, HeaderTamper, NonBase64urlChar, NotUtf8Part } from './forge-jws.js';

/**
 * StorX forgers: each takes the `ForgeInput` of a valid client_secret (SPEC §1) and is the
 * forger of the same name in forge-jws.ts applied to its `JwsInput` (`storxJws`).
 */

/** The valid token a forger starts from: who it is for, until when, and the stored secret. */
export interface ForgeInput {
  clientId: string;
  /** NumericDate, seconds. @see RFC 7519 §2 */
  exp: number;
  /** The client's stored secret: opaque text whose UTF-8 bytes are the HMAC key. */
  secret: string;
}

/** The JSON shapes `payloadNotObject` can sign instead of a claims object. */
export type NonObjectPayload = 'array' | 'number' | 'string' | 'null';

/**
 * The `JwsInput` of the valid client_secret of `input`: header `{"alg":"HS256","typ":"JWT"}`,
 * claims `{"client_id","exp"}`, keyed with the UTF-8 bytes of the stored secret. SPEC §1.
 * @see RFC 7518 §3.2
 */
export function storxJws({ clientId, exp, secret }: ForgeInput): JwsInput {
  return { header: { alg: 'HS256', typ: 'JWT' }, claims: { client_id: clientId, exp }, key: { kind: 'secret', secret } };
}

/**
 * An unsecured JWT, `alg` in the given spelling, with no signature segment, an empty one, or a
 * valid HMAC-SHA256 under the stored secret (accepted by a server that ignores `alg`). [AUTH-ALG-NONE]
 * @see RFC 7518 §3.6, RFC 8725 §3.1
 */
export function algNone(input: ForgeInput, spelling: AlgNoneSpelling, signature: AlgNoneSignature): string {
  return algNoneJws(storxJws(input), spelling, signature);
}

/**
 * A token whose header `alg` is `alg`, MACed with HS384/HS512 when it names one, else with
 * HS256 (so only the header is wrong). Throws RangeError for `HS256` itself. [AUTH-ALG-OTHER]
 * @see RFC 7515 §4.1.1, RFC 8725 §3.1
 */
export function otherAlg(input: ForgeInput, alg: string): string {
  return otherAlgJws(storxJws(input), alg);
}

/** A valid token whose payload then had `exp` moved a day later, original signature kept. [AUTH-SIG-TAMPERED] @see RFC 7515 §5.2 */
export function tamperedPayload(input: ForgeInput): string {
  return tamperedPayloadJws(storxJws(input));
}

/**
 * A valid token whose header then had `typ` changed to `"jwt"`, or a `kid` added, original
 * signature kept. [AUTH-SIG-TAMPERED]
 * @see RFC 7515 §5.2
 */
export function tamperedHeader(input: ForgeInput, change: HeaderTamper = 'typ'): string {
  return tamperedHeaderJws(storxJws(input), change);
}

/** A valid token with its signature removed: `header.payload.`. [AUTH-SIG-TAMPERED] @see RFC 7515 §7.1 */
export function strippedSignature(input: ForgeInput): string {
  return strippedSignatureJws(storxJws(input));
}

/** A valid token with the last 4 characters of its signature cut off. [AUTH-SIG-TAMPERED] @see RFC 7515 §5.2 */
export function truncatedSignature(input: ForgeInput): string {
  return truncatedSignatureJws(storxJws(input));
}

/**
 * A valid token with one bit flipped in the middle byte of its signature, re-encoded canonically
 * (never a change to the last character, whose low bits a lax decoder may ignore). [AUTH-SIG-TAMPERED]
 * @see RFC 7515 §5.2
 */
export function flippedSignature(input: ForgeInput): string {
  return flippedSignatureJws(storxJws(input));
}

/**
 * The header and payload of a valid token with the valid signature of another token of the same
 * client and key (one whose `exp` is a second later). [AUTH-SIG-TAMPERED]
 * @see RFC 7515 §5.2
 */
export function signatureFromOtherToken(input: ForgeInput): string {
  return signatureFromOtherTokenJws(storxJws(input));
}

/**
 * A well-formed HS256 token signed with `key` instead of the stored secret. Throws RangeError
 * when `key` has the same bytes as the secret. [AUTH-WRONG-KEY, AUTH-EXP-PRECEDENCE]
 * @see RFC 7518 §3.2
 */
export function wrongKey(input: ForgeInput, key: HmacKey): string {
  return wrongKeyJws(storxJws(input), { kind: 'secret', secret: key });
}

/**
 * A token keyed with the stored secret hex-decoded (the seeds' mistake) rather than its UTF-8
 * bytes. Returns null when the secret is not non-empty, even-length hex (a bcrypt secret, say):
 * then there is no such mistake to make. [AUTH-WRONG-KEY]
 * @see RFC 7518 §3.2
 */
export function hexDecodedKey(input: ForgeInput): string | null {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(input.secret)) return null;
  return signJws({ ...storxJws(input), key: { kind: 'secret', secret: Buffer.from(input.secret, 'hex') } });
}

/**
 * A valid token cut or padded to `count` dot-separated segments: 1 is the header alone, 2 is
 * `header.payload`, 4 and 5 append copies of the signature. [AUTH-MALFORMED-JWT]
 * @see RFC 7515 §7.1 (three parts), RFC 7516 §7.1 (five parts is JWE)
 */
export function segments(input: ForgeInput, count: 1 | 2 | 4 | 5): string {
  return segmentsJws(storxJws(input), count);
}

/**
 * A token with `char` (not in the base64url alphabet) inserted in the middle of its payload
 * segment, and a correct HMAC-SHA256 over that altered signing input, so only the encoding is
 * wrong. [AUTH-MALFORMED-JWT]
 * @see RFC 7515 §2 (Base64url Encoding), RFC 4648 §5
 */
export function badBase64url(input: ForgeInput, char: NonBase64urlChar = '*'): string {
  return badBase64urlJws(storxJws(input), char);
}

/** A correctly MACed token whose header is the JSON-like but unquoted text `{alg:HS256,typ:JWT}`. [AUTH-MALFORMED-JWT] @see RFC 7515 §5.2 step 3 */
export function nonJsonHeader(input: ForgeInput): string {
  return nonJsonHeaderJws(storxJws(input));
}

/** A correctly MACed token whose payload is the unquoted text `{client_id:<id>,exp:<exp>}`. [AUTH-MALFORMED-JWT] @see RFC 7519 §7.2 step 10 */
export function nonJsonPayload(input: ForgeInput): string {
  return nonJsonPayloadJws(storxJws(input));
}

/**
 * A correctly signed HS256 token whose payload is JSON but not an object: `[claims]`, the `exp`
 * number, the client_id string, or `null`. [AUTH-MALFORMED-JWT]
 * @see RFC 7519 §7.2 step 10
 */
export function payloadNotObject(input: ForgeInput, shape: NonObjectPayload = 'array'): string {
  const payloads: Record<NonObjectPayload, NonObjectJson> = {
    array: [{ client_id: input.clientId, exp: input.exp }],
    number: input.exp,
    string: input.clientId,
    null: null,
  };
  return payloadNotObjectJws(storxJws(input), payloads[shape]);
}

/**
 * A correctly MACed token whose header or payload is JSON but for one byte that is not UTF-8
 * (0xFF, inside a string: a `typ` in the header, an extra claim in the payload). jose refuses
 * it; a lenient decoder (Go's encoding/json, `Buffer#toString`) reads U+FFFD and accepts the
 * token. [AUTH-JWT-NOT-UTF8]
 * @see RFC 7519 §7.2 steps 4 and 10, RFC 3629 §1 (0xFF never appears in UTF-8)
 */
export function notUtf8(input: ForgeInput, part: NotUtf8Part): string {
  return notUtf8Jws(storxJws(input), part);
}

/**
 * `token` spelled differently but decoding to the same bytes: the last character of its
 * signature changed in the low bits that base64url leaves unused (two of them for the 32 bytes
 * of HMAC-SHA256). A lax decoder reads the same signature; a replay cache keyed by the text
 * sees a new token. [AUTH-REPLAY]
 * @see RFC 4648 §3.5 (canonical encoding), RFC 7515 §2
 */
export function respelledSignature(token: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(token.at(-1) ?? '');
  const signatureLength = token.length - token.lastIndexOf('.') - 1;
  if (last === -1 || (signatureLength * 6) % 8 === 0) throw new RangeError('respelledSignature needs a signature whose last base64url character has unused bits');
  return `${token.slice(0, -1)}${alphabet[last ^ 1]}`;
}

/** Random base64url text with no dots (one segment), not a JWS at all. [AUTH-MALFORMED-JWT] @see RFC 7515 §7.1 */
export function randomText(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * A correctly signed HS256 token whose payload is exactly `claims` (nothing of the input's claims
 * is kept), e.g. without client_id, with `exp` "123", null, true, {} or a fraction, with extra
 * claims, or another client_id. [AUTH-CLIENT-ID-MISSING, AUTH-EXP-MISSING, AUTH-EXP-INVALID, AUTH-CLIENT-ID-MISMATCH]
 * @see RFC 7519 §4.1.4, RFC 7519 §2 (NumericDate)
 */
export function withClaims(input: ForgeInput, claims: Record<string, unknown>): string {
  return withClaimsJws(storxJws(input), claims);
}

/** A correctly signed HS256 token whose payload lacks `claim`. [AUTH-CLIENT-ID-MISSING, AUTH-EXP-MISSING] @see RFC 7519 §4.1.4 */
export function withoutClaim(input: ForgeInput, claim: 'client_id' | 'exp'): string {
  return withoutClaimJws(storxJws(input), claim);
}

/**
 * A token with exactly `header` as its header (crit, kid, jku, no typ …), the input's claims,
 * and a correct HMAC-SHA256 under the stored secret whatever the header says.
 * @see RFC 7515 §4.1 (Registered Header Parameter Names), RFC 7515 §4.1.11 (crit)
 */
export function withHeader(input: ForgeInput, header: Record<string, unknown>): string {
  return withHeaderJws(storxJws(input), header);
}
