import { randomBytes } from 'node:crypto';
import { bytesOf, encodeSegment, hmac, joinSegments, rawSegment, signCompact, type HmacKey } from './compact.js';

/** The valid token a forger starts from: who it is for, until when, and the stored secret. */
export interface ForgeInput {
  clientId: string;
  /** NumericDate, seconds. @see RFC 7519 §2 */
  exp: number;
  /** The client's stored secret: opaque text whose UTF-8 bytes are the HMAC key. */
  secret: string;
}

/** Spellings of the unsecured-JWS algorithm. @see RFC 7518 §3.6 */
export type AlgNoneSpelling = 'none' | 'None' | 'NONE';

/** The signature part of an alg-none token: no third segment, an empty one, or a real MAC. */
export type AlgNoneSignature = 'absent' | 'empty' | 'hmac';

/** Which header change `tamperedHeader` makes. */
export type HeaderTamper = 'typ' | 'extra-param';

/** Characters outside the base64url alphabet that `badBase64url` can slip into a segment. */
export type NonBase64urlChar = '*' | '+' | '/' | '=' | ' ';

/** The JSON shapes `payloadNotObject` can sign instead of a claims object. */
export type NonObjectPayload = 'array' | 'number' | 'string' | 'null';

const HS256_HEADER = { alg: 'HS256', typ: 'JWT' } as const;
const ONE_DAY = 86_400;

function claimsOf({ clientId, exp }: ForgeInput): { client_id: string; exp: number } {
  return { client_id: clientId, exp };
}

function validSegments(input: ForgeInput): [string, string, string] {
  const header = encodeSegment(HS256_HEADER);
  const payload = encodeSegment(claimsOf(input));
  return [header, payload, hmac('HS256', input.secret, joinSegments(header, payload))];
}

/** `header.payload.HMAC-SHA256(header.payload)`: a correct MAC over whatever the segments say. */
function macSigned(header: string, payload: string, secret: HmacKey): string {
  const signingInput = joinSegments(header, payload);
  return joinSegments(signingInput, hmac('HS256', secret, signingInput));
}

/**
 * An unsecured JWT, `alg` in the given spelling, with no signature segment, an empty one, or a
 * valid HMAC-SHA256 under the stored secret (accepted by a server that ignores `alg`). [AUTH-ALG-NONE]
 * @see RFC 7518 §3.6, RFC 8725 §3.1
 */
export function algNone(input: ForgeInput, spelling: AlgNoneSpelling, signature: AlgNoneSignature): string {
  const header = encodeSegment({ alg: spelling, typ: 'JWT' });
  const payload = encodeSegment(claimsOf(input));
  if (signature === 'absent') return joinSegments(header, payload);
  if (signature === 'empty') return joinSegments(header, payload, '');
  return macSigned(header, payload, input.secret);
}

/**
 * A token whose header `alg` is `alg`, MACed with HS384/HS512 when it names one, else with
 * HS256 (so only the header is wrong). Throws RangeError for `HS256` itself. [AUTH-ALG-OTHER]
 * @see RFC 7515 §4.1.1, RFC 8725 §3.1
 */
export function otherAlg(input: ForgeInput, alg: string): string {
  if (alg === 'HS256') throw new RangeError('otherAlg needs an alg other than "HS256"; HS256 makes a valid token');
  const macAlg = alg === 'HS384' || alg === 'HS512' ? alg : 'HS256';
  return signCompact({ alg, typ: 'JWT' }, claimsOf(input), input.secret, macAlg);
}

/** A valid token whose payload then had `exp` moved a day later, original signature kept. [AUTH-SIG-TAMPERED] @see RFC 7515 §5.2 */
export function tamperedPayload(input: ForgeInput): string {
  const [header, , signature] = validSegments(input);
  return joinSegments(header, encodeSegment({ client_id: input.clientId, exp: input.exp + ONE_DAY }), signature);
}

/**
 * A valid token whose header then had `typ` changed to `"jwt"`, or a `kid` added, original
 * signature kept. [AUTH-SIG-TAMPERED]
 * @see RFC 7515 §5.2
 */
export function tamperedHeader(input: ForgeInput, change: HeaderTamper = 'typ'): string {
  const [, payload, signature] = validSegments(input);
  const header = change === 'typ' ? { alg: 'HS256', typ: 'jwt' } : { ...HS256_HEADER, kid: 'tampered' };
  return joinSegments(encodeSegment(header), payload, signature);
}

/** A valid token with its signature removed: `header.payload.`. [AUTH-SIG-TAMPERED] @see RFC 7515 §7.1 */
export function strippedSignature(input: ForgeInput): string {
  const [header, payload] = validSegments(input);
  return joinSegments(header, payload, '');
}

/** A valid token with the last 4 characters of its signature cut off. [AUTH-SIG-TAMPERED] @see RFC 7515 §5.2 */
export function truncatedSignature(input: ForgeInput): string {
  const [header, payload, signature] = validSegments(input);
  return joinSegments(header, payload, signature.slice(0, -4));
}

/**
 * A valid token with one bit flipped in the middle byte of its signature, re-encoded canonically
 * (never a change to the last character, whose low bits a lax decoder may ignore). [AUTH-SIG-TAMPERED]
 * @see RFC 7515 §5.2
 */
export function flippedSignature(input: ForgeInput): string {
  const [header, payload, signature] = validSegments(input);
  const bytes = Buffer.from(signature, 'base64url');
  const middle = Math.floor(bytes.length / 2);
  bytes.writeUInt8(bytes.readUInt8(middle) ^ 0x01, middle);
  return joinSegments(header, payload, encodeSegment(rawSegment(bytes)));
}

/**
 * The header and payload of a valid token with the valid signature of another token of the same
 * client and key (one whose `exp` is a second later). [AUTH-SIG-TAMPERED]
 * @see RFC 7515 §5.2
 */
export function signatureFromOtherToken(input: ForgeInput): string {
  const [header, payload] = validSegments(input);
  const [, , otherSignature] = validSegments({ ...input, exp: input.exp + 1 });
  return joinSegments(header, payload, otherSignature);
}

/**
 * A well-formed HS256 token signed with `key` instead of the stored secret. Throws RangeError
 * when `key` has the same bytes as the secret. [AUTH-WRONG-KEY, AUTH-EXP-PRECEDENCE]
 * @see RFC 7518 §3.2
 */
export function wrongKey(input: ForgeInput, key: HmacKey): string {
  if (bytesOf(key).equals(bytesOf(input.secret))) throw new RangeError('wrongKey needs a key other than the stored secret');
  return signCompact(HS256_HEADER, claimsOf(input), key);
}

/**
 * A token keyed with the stored secret hex-decoded (the seeds' mistake) rather than its UTF-8
 * bytes. Returns null when the secret is not non-empty, even-length hex (a bcrypt secret, say):
 * then there is no such mistake to make. [AUTH-WRONG-KEY]
 * @see RFC 7518 §3.2
 */
export function hexDecodedKey(input: ForgeInput): string | null {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(input.secret)) return null;
  return signCompact(HS256_HEADER, claimsOf(input), Buffer.from(input.secret, 'hex'));
}

/**
 * A valid token cut or padded to `count` dot-separated segments: 1 is the header alone, 2 is
 * `header.payload`, 4 and 5 append copies of the signature. [AUTH-MALFORMED-JWT]
 * @see RFC 7515 §7.1 (three parts), RFC 7516 §7.1 (five parts is JWE)
 */
export function segments(input: ForgeInput, count: 1 | 2 | 4 | 5): string {
  const valid = validSegments(input);
  const [, , signature] = valid;
  return joinSegments(...valid.slice(0, count), ...Array<string>(Math.max(0, count - 3)).fill(signature));
}

/**
 * A token with `char` (not in the base64url alphabet) inserted in the middle of its payload
 * segment, and a correct HMAC-SHA256 over that altered signing input, so only the encoding is
 * wrong. [AUTH-MALFORMED-JWT]
 * @see RFC 7515 §2 (Base64url Encoding), RFC 4648 §5
 */
export function badBase64url(input: ForgeInput, char: NonBase64urlChar = '*'): string {
  const [header, payload] = validSegments(input);
  const middle = Math.floor(payload.length / 2);
  return macSigned(header, `${payload.slice(0, middle)}${char}${payload.slice(middle)}`, input.secret);
}

/** A correctly MACed token whose header is the JSON-like but unquoted text `{alg:HS256,typ:JWT}`. [AUTH-MALFORMED-JWT] @see RFC 7515 §5.2 step 3 */
export function nonJsonHeader(input: ForgeInput): string {
  return macSigned(encodeSegment(rawSegment('{alg:HS256,typ:JWT}')), encodeSegment(claimsOf(input)), input.secret);
}

/** A correctly MACed token whose payload is the unquoted text `{client_id:<id>,exp:<exp>}`. [AUTH-MALFORMED-JWT] @see RFC 7519 §7.2 step 10 */
export function nonJsonPayload(input: ForgeInput): string {
  const text = `{client_id:${input.clientId},exp:${input.exp}}`;
  return macSigned(encodeSegment(HS256_HEADER), encodeSegment(rawSegment(text)), input.secret);
}

/**
 * A correctly signed HS256 token whose payload is JSON but not an object: `[claims]`, the `exp`
 * number, the client_id string, or `null`. [AUTH-MALFORMED-JWT]
 * @see RFC 7519 §7.2 step 10
 */
export function payloadNotObject(input: ForgeInput, shape: NonObjectPayload = 'array'): string {
  const payloads: Record<NonObjectPayload, unknown> = {
    array: [claimsOf(input)],
    number: input.exp,
    string: input.clientId,
    null: null,
  };
  return signCompact(HS256_HEADER, payloads[shape], input.secret);
}

/** Which part `notUtf8` puts an invalid UTF-8 byte in. */
export type NotUtf8Part = 'header' | 'payload';

/**
 * A correctly MACed token whose header or payload is JSON but for one byte that is not UTF-8
 * (0xFF, inside a string: a `typ` in the header, an extra claim in the payload). jose refuses
 * it; a lenient decoder (Go's encoding/json, `Buffer#toString`) reads U+FFFD and accepts the
 * token. [AUTH-JWT-NOT-UTF8]
 * @see RFC 7519 §7.2 steps 4 and 10, RFC 3629 §1 (0xFF never appears in UTF-8)
 */
export function notUtf8(input: ForgeInput, part: NotUtf8Part): string {
  const invalid = Buffer.from([0xff]);
  const json = (text: string) => rawSegment(Buffer.concat([Buffer.from(text.slice(0, -2), 'utf8'), invalid, Buffer.from('"}', 'utf8')]));
  const header = part === 'header' ? json('{"alg":"HS256","typ":"JWT"}') : HS256_HEADER;
  const payload = part === 'payload' ? json(JSON.stringify({ ...claimsOf(input), note: '' })) : claimsOf(input);
  return signCompact(header, payload, input.secret);
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
  return signCompact(HS256_HEADER, claims, input.secret);
}

/** A correctly signed HS256 token whose payload lacks `claim`. [AUTH-CLIENT-ID-MISSING, AUTH-EXP-MISSING] @see RFC 7519 §4.1.4 */
export function withoutClaim(input: ForgeInput, claim: 'client_id' | 'exp'): string {
  const claims: Record<string, unknown> = claimsOf(input);
  delete claims[claim];
  return withClaims(input, claims);
}

/**
 * A token with exactly `header` as its header (crit, kid, jku, no typ …), the input's claims,
 * and a correct HMAC-SHA256 under the stored secret whatever the header says.
 * @see RFC 7515 §4.1 (Registered Header Parameter Names), RFC 7515 §4.1.11 (crit)
 */
export function withHeader(input: ForgeInput, header: Record<string, unknown>): string {
  return signCompact(header, claimsOf(input), input.secret);
}
