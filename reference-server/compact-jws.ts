import { isPlainObject } from './plain-object.js';

/** A JWS in compact serialization, its header and payload decoded but nothing verified yet. */
export interface DecodedJws {
  readonly header: Readonly<Record<string, unknown>>;
  readonly payload: Readonly<Record<string, unknown>>;
  /**
   * The three segments decoded, joined again: what the signature is verified on, so that the
   * signature is checked on what was decoded and nothing else.
   */
  readonly compact: string;
}

/**
 * RFC 7515 §7.1: three base64url segments joined by dots; the header and the payload are
 * UTF-8 JSON objects (RFC 7515 §4, RFC 7519 §7.2 steps 4 and 10). Returns `undefined` for
 * anything else.
 *
 * Decoding is strict, beyond what `compactVerify` checks later: RFC 7515 §2 base64url has no
 * padding, whitespace or other characters, and RFC 4648 §3.5 lets a decoder refuse non-zero
 * trailing bits, so a segment must be exactly the canonical encoding of the bytes it decodes
 * to (which refuses all of these at once). Two different strings never pass as the same
 * signature, so a used JWT cannot pass as a new one by a change of spelling (AUTH-REPLAY).
 */
export function decodeCompactJws(token: string): DecodedJws | undefined {
  const segments = token.split('.');
  if (segments.length !== 3) return undefined;
  const [headerSegment, payloadSegment, signatureSegment] = segments as [string, string, string];
  const header = jsonObject(headerSegment);
  const payload = jsonObject(payloadSegment);
  if (header === undefined || payload === undefined || canonicalBase64url(signatureSegment) === undefined) return undefined;
  return { header, payload, compact: segments.join('.') };
}

/** The bytes `segment` encodes, when it is their canonical base64url encoding. */
function canonicalBase64url(segment: string): Buffer | undefined {
  const bytes = Buffer.from(segment, 'base64url');
  return bytes.toString('base64url') === segment ? bytes : undefined;
}

/** The JSON object `segment` encodes as UTF-8, if it is one. */
function jsonObject(segment: string): Record<string, unknown> | undefined {
  const bytes = canonicalBase64url(segment);
  if (bytes === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return isPlainObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
