import { createHmac } from 'node:crypto';

/** The HMAC JWS algorithms the raw layer can compute. @see RFC 7518 §3.2 */
export type HmacAlg = 'HS256' | 'HS384' | 'HS512';

/** An HMAC key: a string means its UTF-8 bytes, never a hex or base64 decoding of it. */
export type HmacKey = string | Uint8Array;

const HASH_OF: Record<HmacAlg, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/**
 * Literal segment content that is not JSON-serialised: text (encoded as UTF-8) or raw bytes.
 * Lets a forger put non-JSON text, or invalid UTF-8, into a header or payload segment.
 */
export class RawSegment {
  constructor(readonly content: string | Uint8Array) {}
}

/** Wraps literal text or bytes so that `encodeSegment` base64url-encodes them as they are. */
export function rawSegment(content: string | Uint8Array): RawSegment {
  return new RawSegment(content);
}

/** The bytes of a key or of segment content: a string means its UTF-8 encoding, never a hex or base64 decoding. */
export function bytesOf(value: string | Uint8Array): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
}

/**
 * Base64url without padding; a string is encoded as its UTF-8 bytes.
 * @see RFC 7515 §2 (Base64url Encoding), RFC 4648 §5
 */
export function base64url(input: string | Uint8Array): string {
  return bytesOf(input).toString('base64url');
}

/**
 * One segment of a compact serialization: `BASE64URL(UTF8(JSON.stringify(value)))`, or the
 * literal content of a `RawSegment`. Any JSON value is accepted, so callers can build headers
 * and payloads that are arrays, numbers or objects with mistyped members.
 * @throws TypeError when `value` has no JSON text (undefined, a function, a symbol).
 * @see RFC 7515 §7.1 (JWS Compact Serialization)
 */
export function encodeSegment(value: unknown): string {
  if (value instanceof RawSegment) return base64url(value.content);
  const json: unknown = JSON.stringify(value);
  if (typeof json !== 'string') throw new TypeError(`segment value of type ${typeof value} has no JSON text`);
  return base64url(json);
}

/**
 * The base64url-encoded HMAC of a JWS Signing Input, computed synchronously with node:crypto.
 * @see RFC 7518 §3.2 (HMAC with SHA-2 Functions)
 */
export function hmac(alg: HmacAlg, key: HmacKey, signingInput: string): string {
  return createHmac(HASH_OF[alg], bytesOf(key)).update(signingInput, 'utf8').digest('base64url');
}

/** Joins already-encoded segments with `.`, whatever their number. @see RFC 7515 §7.1 */
export function joinSegments(...segments: string[]): string {
  return segments.join('.');
}

/**
 * A compact JWS `b64(header).b64(payload).b64(HMAC)` for any header and payload, synchronously.
 * The MAC algorithm is `alg`, independent of whatever the header says, so a header may claim
 * `none`, `RS256` or nothing at all.
 * @see RFC 7515 §7.1, RFC 7515 §5.1 (Message Signature or MAC Computation)
 */
export function signCompact(header: unknown, payload: unknown, key: HmacKey, alg: HmacAlg = 'HS256'): string {
  const signingInput = joinSegments(encodeSegment(header), encodeSegment(payload));
  return joinSegments(signingInput, hmac(alg, key, signingInput));
}
