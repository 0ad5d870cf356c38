import { timingSafeEqual } from 'node:crypto';
import { hmac, type HmacKey } from './compact.js';

/** Why a string is not a decodable compact JWS; a closed set that callers switch on. */
export type DecodeErrorCode =
  | 'NOT_A_STRING'
  | 'SEGMENT_COUNT'
  | 'BAD_BASE64URL'
  | 'HEADER_NOT_JSON'
  | 'PAYLOAD_NOT_JSON'
  | 'HEADER_NOT_OBJECT'
  | 'PAYLOAD_NOT_OBJECT';

/** A compact JWS split and decoded, not verified. */
export interface DecodedCompact {
  ok: true;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** The signature segment as sent (base64url; empty when the token ends in `.`). */
  signature: string;
  /** `header-segment.payload-segment`, the bytes the MAC covers. @see RFC 7515 §5.1 */
  signingInput: string;
}

/** A decoding failure: `code` for programs, `message` (naming the part) for people. */
export interface DecodeFailure {
  ok: false;
  code: DecodeErrorCode;
  message: string;
}

export type DecodeResult = DecodedCompact | DecodeFailure;

const BASE64URL_ALPHABET = /^[A-Za-z0-9_-]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Strict base64url decoding: only the URL-safe alphabet, no padding, no whitespace, and only
 * canonical text (the one encoding of its bytes; unused trailing bits zero). Null otherwise.
 * @see RFC 7515 §2 (no padding, no line breaks), RFC 4648 §3.5 (canonical encoding)
 */
export function decodeBase64url(text: string): Uint8Array | null {
  if (!BASE64URL_ALPHABET.test(text) || text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? new Uint8Array(bytes) : null;
}

/** The three segments of a compact serialization, or null when there are not exactly three. */
function splitCompact(token: string): [string, string, string] | null {
  const segments = token.split('.');
  const [header, payload, signature] = segments;
  if (segments.length !== 3 || header === undefined || payload === undefined || signature === undefined) return null;
  return [header, payload, signature];
}

function failure(code: DecodeErrorCode, message: string): DecodeFailure {
  return { ok: false, code, message };
}

function badBase64url(part: 'header' | 'payload' | 'signature'): DecodeFailure {
  return failure('BAD_BASE64URL', `JWS ${part} segment is not strict base64url`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(utf8.decode(bytes)) };
  } catch {
    return { ok: false };
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

function decodeJsonObject(
  part: 'header' | 'payload',
  bytes: Uint8Array,
): { ok: true; value: Record<string, unknown> } | DecodeFailure {
  const parsed = parseJson(bytes);
  if (!parsed.ok) {
    // RFC 7515 §5.2 step 3: the decoded header must be "a completely valid JSON object
    // conforming to RFC 7159"; RFC 7519 §7.2 step 10 says the same of the claims set.
    return failure(
      part === 'header' ? 'HEADER_NOT_JSON' : 'PAYLOAD_NOT_JSON',
      `JWS ${part} is not UTF-8 JSON text`,
    );
  }
  if (!isObject(parsed.value)) {
    return failure(
      part === 'header' ? 'HEADER_NOT_OBJECT' : 'PAYLOAD_NOT_OBJECT',
      `JWS ${part} is JSON but ${describe(parsed.value)}, not an object`,
    );
  }
  return { ok: true, value: parsed.value };
}

/**
 * Splits and decodes a compact JWS without verifying it: exactly three segments, each strict
 * base64url, header and payload UTF-8 JSON objects. The signature may be empty.
 * @see RFC 7515 §5.2 (Message Signature or MAC Validation), RFC 7519 §7.2 (Validating a JWT)
 */
export function decodeCompact(token: unknown): DecodeResult {
  if (typeof token !== 'string') return failure('NOT_A_STRING', `token is ${describe(token)}, not a string`);
  const segments = splitCompact(token);
  if (segments === null) {
    return failure('SEGMENT_COUNT', `token has ${token.split('.').length} segment(s), a compact JWS has 3`);
  }
  const [header, payload, signature] = segments;
  const headerBytes = decodeBase64url(header);
  if (headerBytes === null) return badBase64url('header');
  const payloadBytes = decodeBase64url(payload);
  if (payloadBytes === null) return badBase64url('payload');
  if (decodeBase64url(signature) === null) return badBase64url('signature');
  const decodedHeader = decodeJsonObject('header', headerBytes);
  if (!decodedHeader.ok) return decodedHeader;
  const decodedPayload = decodeJsonObject('payload', payloadBytes);
  if (!decodedPayload.ok) return decodedPayload;
  return {
    ok: true,
    header: decodedHeader.value,
    payload: decodedPayload.value,
    signature,
    signingInput: `${header}.${payload}`,
  };
}

/**
 * Whether the token's third segment is the HMAC-SHA256 of its first two under `secret`
 * (a string means its UTF-8 bytes), compared in constant time. Checks the MAC only: the
 * header's `alg` and the JSON of the parts are not looked at, so it can show that a forged
 * `alg: none` token still carries a valid MAC.
 * @see RFC 7515 §5.2 step 8, RFC 7518 §3.2 (compared "in a constant-time manner")
 */
export function verifyHs256(token: string, secret: HmacKey): boolean {
  const segments = splitCompact(token);
  if (segments === null) return false;
  const [header, payload, signature] = segments;
  const actual = decodeBase64url(signature);
  if (actual === null) return false;
  const expected = Buffer.from(hmac('HS256', secret, `${header}.${payload}`), 'base64url');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
