import { isPlainObject } from './plain-object.js';

/** A JWS in compact serialization, its header and payload decoded but nothing verified yet. */
export interface DecodedJws {
  readonly header: Readonly<Record<string, unknown>>;
  readonly payload: Readonly<Record<string, unknown>>;
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
  // Stryker disable next-line ConditionalExpression: equivalent: compactVerify (step 4) refuses any other count too; step 1 refuses what it names
  if (segments.length !== 3) return undefined;
  // Stryker disable next-line StringLiteral: defaults never used, the line above has made sure of three segments
  const [headerSegment = '', payloadSegment = '', signatureSegment = ''] = segments;
  try {
    canonicalBase64url(signatureSegment);
    return { header: jsonObject(headerSegment), payload: jsonObject(payloadSegment) };
  } catch {
    return undefined;
  }
}

/** The bytes `segment` encodes; throws unless it is their canonical base64url encoding. */
function canonicalBase64url(segment: string): Buffer {
  const bytes = Buffer.from(segment, 'base64url');
  // Stryker disable next-line StringLiteral: the message of an error caught in decodeCompactJws, never shown
  if (bytes.toString('base64url') !== segment) throw new RangeError('not canonical base64url');
  return bytes;
}

/** The JSON object `segment` encodes as UTF-8; throws for anything else. */
function jsonObject(segment: string): Record<string, unknown> {
  const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(canonicalBase64url(segment)));
  // Stryker disable next-line StringLiteral: the message of an error caught in decodeCompactJws, never shown
  if (!isPlainObject(value)) throw new TypeError('not a JSON object');
  return value;
}
