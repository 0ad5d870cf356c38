import { isPlainObject } from './plain-object.js';

/** A JWS in compact serialization, its header and payload decoded but nothing verified yet. */
export interface DecodedJws {
  readonly header: Readonly<Record<string, unknown>>;
  readonly payload: Readonly<Record<string, unknown>>;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * RFC 7515 §7.1: three base64url segments joined by dots; the header and the payload are
 * UTF-8 JSON objects (RFC 7515 §4, RFC 7519 §7.2 step 10). Returns `undefined` for anything else.
 *
 * Decoding is strict, beyond what `compactVerify` checks later: RFC 7515 §2 base64url has no
 * padding, whitespace or other characters, and RFC 4648 §3.5 lets a decoder refuse non-zero
 * trailing bits, so a segment must be exactly the canonical encoding of the bytes it decodes
 * to (which refuses all of these at once). Two different strings never pass as the same
 * signature, so a replayed JWT cannot pass as a new one by a change of spelling.
 */
export function decodeCompactJws(token: string): DecodedJws | undefined {
  const segments = token.split('.');
  if (segments.length !== 3) return undefined;
  const [headerSegment = '', payloadSegment = '', signatureSegment = ''] = segments;
  if (decodeBase64url(signatureSegment) === undefined) return undefined;
  const header = decodeJsonObject(headerSegment);
  const payload = decodeJsonObject(payloadSegment);
  if (header === undefined || payload === undefined) return undefined;
  return { header, payload };
}

function decodeBase64url(segment: string): Buffer | undefined {
  const bytes = Buffer.from(segment, 'base64url');
  return bytes.toString('base64url') === segment ? bytes : undefined;
}

function decodeJsonObject(segment: string): Record<string, unknown> | undefined {
  const bytes = decodeBase64url(segment);
  if (bytes === undefined || bytes.length === 0) return undefined;
  try {
    const value: unknown = JSON.parse(strictUtf8.decode(bytes));
    return isPlainObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
