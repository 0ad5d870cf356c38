import { bytesOf, encodeSegment, joinSegments, rawSegment } from './compact.js';
import { algOf, keyFits, privateKeyOf, signJws, signParts, signSegments, type JwsInput, type SigningKey } from './jws.js';

/**
 * Forgers over any JWS: each takes the `JwsInput` of a valid token (a StorX client_secret, an
 * RFC 7523 client assertion) and returns a compact token that differs from it in the one way it
 * names. "Signed" means signed with the input's key under the alg of the valid token's header.
 */

/** Spellings of the unsecured-JWS algorithm. @see RFC 7518 §3.6 */
export type AlgNoneSpelling = 'none' | 'None' | 'NONE';

/**
 * The signature part of an alg-none token: no third segment, an empty one, or the real signature
 * of the valid token's alg with its key (for a secret, an HMAC).
 */
export type AlgNoneSignature = 'absent' | 'empty' | 'hmac';

/** Which header change `tamperedHeaderJws` makes. */
export type HeaderTamper = 'typ' | 'extra-param';

/** Characters outside the base64url alphabet that `badBase64urlJws` can slip into a segment. */
export type NonBase64urlChar = '*' | '+' | '/' | '=' | ' ';

/** Which part `notUtf8Jws` puts an invalid UTF-8 byte in. */
export type NotUtf8Part = 'header' | 'payload';

/** A JSON value that is not an object, for `payloadNotObjectJws`. */
export type NonObjectJson = unknown[] | string | number | boolean | null;

const ONE_DAY = 86_400;

/** The three segments of the valid token of `input`. */
function validSegments(input: JwsInput): [string, string, string] {
  const [header = '', payload = '', signature = ''] = signJws(input).split('.');
  return [header, payload, signature];
}

/** The input's numeric `exp`. @throws RangeError when it has none, so there is nothing to move. */
function numericExp(input: JwsInput): number {
  const exp = input.claims['exp'];
  if (typeof exp !== 'number') throw new RangeError('this forger needs an input whose "exp" claim is a number');
  return exp;
}

/**
 * An unsecured JWT: the valid header with `alg` in the given spelling, the claims, and no
 * signature segment, an empty one, or the valid token's real signature over this header and
 * claims (accepted by a server that ignores `alg`).
 * @see RFC 7518 §3.6, RFC 8725 §3.1
 */
export function algNoneJws(input: JwsInput, spelling: AlgNoneSpelling, signature: AlgNoneSignature): string {
  const header = encodeSegment({ ...input.header, alg: spelling });
  const payload = encodeSegment(input.claims);
  if (signature === 'absent') return joinSegments(header, payload);
  if (signature === 'empty') return joinSegments(header, payload, '');
  return signSegments(header, payload, input.key, algOf(input));
}

/**
 * A token whose header `alg` is `alg`, signed under `alg` when the input's key can compute it
 * (HS384 with a secret, PS256 with an RSA key), else under the valid alg, so only the header is
 * wrong. @throws RangeError for the valid token's own alg.
 * @see RFC 7515 §4.1.1, RFC 8725 §3.1
 */
export function otherAlgJws(input: JwsInput, alg: string): string {
  const valid = algOf(input);
  if (alg === valid) throw new RangeError(`otherAlg needs an alg other than "${valid}"; ${valid} makes a valid token`);
  return signParts({ ...input.header, alg }, input.claims, input.key, keyFits(alg, input.key) ? alg : valid);
}

/** The valid token whose payload then had `exp` moved a day later, its signature kept. @see RFC 7515 §5.2 */
export function tamperedPayloadJws(input: JwsInput): string {
  const [header, , signature] = validSegments(input);
  return joinSegments(header, encodeSegment({ ...input.claims, exp: numericExp(input) + ONE_DAY }), signature);
}

/**
 * The valid token whose header then had `typ` set to `"jwt"`, or `kid` set to `"tampered"`, its
 * signature kept.
 * @see RFC 7515 §5.2
 */
export function tamperedHeaderJws(input: JwsInput, change: HeaderTamper = 'typ'): string {
  const [, payload, signature] = validSegments(input);
  const header = change === 'typ' ? { ...input.header, typ: 'jwt' } : { ...input.header, kid: 'tampered' };
  return joinSegments(encodeSegment(header), payload, signature);
}

/** The valid token with its signature removed: `header.payload.`. @see RFC 7515 §7.1 */
export function strippedSignatureJws(input: JwsInput): string {
  const [header, payload] = validSegments(input);
  return joinSegments(header, payload, '');
}

/** The valid token with the last 4 characters of its signature cut off. @see RFC 7515 §5.2 */
export function truncatedSignatureJws(input: JwsInput): string {
  const [header, payload, signature] = validSegments(input);
  return joinSegments(header, payload, signature.slice(0, -4));
}

/**
 * The valid token with one bit flipped in the middle byte of its signature, re-encoded
 * canonically (never a change to the last character, whose low bits a lax decoder may ignore).
 * @see RFC 7515 §5.2
 */
export function flippedSignatureJws(input: JwsInput): string {
  const [header, payload, signature] = validSegments(input);
  const bytes = Buffer.from(signature, 'base64url');
  const middle = Math.floor(bytes.length / 2);
  bytes.writeUInt8(bytes.readUInt8(middle) ^ 0x01, middle);
  return joinSegments(header, payload, encodeSegment(rawSegment(bytes)));
}

/**
 * The header and payload of the valid token with the valid signature of another token of the
 * same key (one whose `exp` is a second later).
 * @see RFC 7515 §5.2
 */
export function signatureFromOtherTokenJws(input: JwsInput): string {
  const [header, payload] = validSegments(input);
  const [, , otherSignature] = validSegments({ ...input, claims: { ...input.claims, exp: numericExp(input) + 1 } });
  return joinSegments(header, payload, otherSignature);
}

/** Whether two signing keys are the same key: the same secret bytes, or the same private key. */
function sameKey(a: SigningKey, b: SigningKey): boolean {
  if (a.kind === 'secret' || b.kind === 'secret') {
    return a.kind === 'secret' && b.kind === 'secret' && bytesOf(a.secret).equals(bytesOf(b.secret));
  }
  return privateKeyOf(a.jwk).equals(privateKeyOf(b.jwk));
}

/**
 * The valid token's header and claims, signed under its alg with `key` instead of the input's.
 * @throws RangeError when `key` is the input's key, or cannot compute the alg.
 * @see RFC 7515 §5.2, RFC 7518 §3
 */
export function wrongKeyJws(input: JwsInput, key: SigningKey): string {
  if (sameKey(key, input.key)) {
    throw new RangeError(`wrongKey needs a key other than ${input.key.kind === 'secret' ? 'the stored secret' : "the input's private JWK"}`);
  }
  return signJws({ ...input, key }, algOf(input));
}

/**
 * The valid token cut or padded to `count` dot-separated segments: 1 is the header alone, 2 is
 * `header.payload`, 4 and 5 append copies of the signature.
 * @see RFC 7515 §7.1 (three parts), RFC 7516 §7.1 (five parts is JWE)
 */
export function segmentsJws(input: JwsInput, count: 1 | 2 | 4 | 5): string {
  const valid = validSegments(input);
  const [, , signature] = valid;
  return joinSegments(...valid.slice(0, count), ...Array<string>(Math.max(0, count - 3)).fill(signature));
}

/**
 * A token with `char` (not in the base64url alphabet) inserted in the middle of its payload
 * segment and a correct signature over that altered signing input, so only the encoding is wrong.
 * @see RFC 7515 §2 (Base64url Encoding), RFC 4648 §5
 */
export function badBase64urlJws(input: JwsInput, char: NonBase64urlChar = '*'): string {
  const [header, payload] = validSegments(input);
  const middle = Math.floor(payload.length / 2);
  return signSegments(header, `${payload.slice(0, middle)}${char}${payload.slice(middle)}`, input.key, algOf(input));
}

/** JSON-like text without quotes, `{name:value,…}`: what a hand-written template gets wrong. */
function unquoted(members: Record<string, unknown>): string {
  return `{${Object.entries(members).map(([name, value]) => `${name}:${String(value)}`).join(',')}}`;
}

/** A correctly signed token whose header is the unquoted text of the valid one, `{alg:HS256,typ:JWT}`. @see RFC 7515 §5.2 step 3 */
export function nonJsonHeaderJws(input: JwsInput): string {
  return signParts(rawSegment(unquoted(input.header)), input.claims, input.key, algOf(input));
}

/** A correctly signed token whose payload is the unquoted text of the claims, `{client_id:<id>,exp:<exp>}`. @see RFC 7519 §7.2 step 10 */
export function nonJsonPayloadJws(input: JwsInput): string {
  return signParts(input.header, rawSegment(unquoted(input.claims)), input.key, algOf(input));
}

/**
 * A correctly signed token whose payload is the JSON value `value`, which is not an object.
 * @see RFC 7519 §7.2 step 10
 */
export function payloadNotObjectJws(input: JwsInput, value: NonObjectJson): string {
  return signParts(input.header, value, input.key, algOf(input));
}

/** `json`, whose text ends in `"}`, with the byte 0xFF put inside that last string. */
function withInvalidByte(json: string): Uint8Array {
  if (!json.endsWith('"}')) throw new RangeError('notUtf8 needs a header whose last member is a string');
  return Buffer.concat([Buffer.from(json.slice(0, -2), 'utf8'), Buffer.from([0xff]), Buffer.from('"}', 'utf8')]);
}

/**
 * A correctly signed token whose header or payload is JSON but for one byte that is not UTF-8
 * (0xFF, inside a string: at the end of the header's last member, `typ` say, or as the value of
 * an extra `note` claim). jose refuses it; a lenient decoder (Go's encoding/json,
 * `Buffer#toString`) reads U+FFFD and accepts the token.
 * @throws RangeError for the header when its last member is not a string.
 * @see RFC 7519 §7.2 steps 4 and 10, RFC 3629 §1 (0xFF never appears in UTF-8)
 */
export function notUtf8Jws(input: JwsInput, part: NotUtf8Part): string {
  const header = part === 'header' ? rawSegment(withInvalidByte(JSON.stringify(input.header))) : input.header;
  const payload = part === 'payload' ? rawSegment(withInvalidByte(JSON.stringify({ ...input.claims, note: '' }))) : input.claims;
  return signParts(header, payload, input.key, algOf(input));
}

/** A correctly signed token whose payload is exactly `claims`, in the order given (nothing of the input's claims is kept). @see RFC 7519 §4 */
export function withClaimsJws(input: JwsInput, claims: Record<string, unknown>): string {
  return signJws({ ...input, claims }, algOf(input));
}

/** A correctly signed token whose claims are the input's with `name` set to `value` (in place when present, else last). @see RFC 7519 §4 */
export function withClaimJws(input: JwsInput, name: string, value: unknown): string {
  return withClaimsJws(input, { ...input.claims, [name]: value });
}

/** A correctly signed token whose payload lacks `claim`. @see RFC 7519 §4 */
export function withoutClaimJws(input: JwsInput, claim: string): string {
  const claims = { ...input.claims };
  delete claims[claim];
  return withClaimsJws(input, claims);
}

/**
 * A token with exactly `header` as its header (crit, kid, jku, no typ …), the input's claims,
 * and a correct signature under the valid token's alg whatever the header says.
 * @see RFC 7515 §4.1 (Registered Header Parameter Names), RFC 7515 §4.1.11 (crit)
 */
export function withHeaderJws(input: JwsInput, header: Record<string, unknown>): string {
  return signParts(header, input.claims, input.key, algOf(input));
}
