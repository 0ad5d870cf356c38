import { isPlainObject } from './plain-object.js';

/**
 * Turning the HTTP body of a token request into its five fields (SPEC §1, "Request").
 * Anything else is `invalid_request`.
 */

/** The five required fields of SPEC §1, named as on the wire. */
export interface TokenRequest {
  readonly client_id: string;
  readonly client_secret: string;
  readonly redirect_uri: string;
  readonly code: string;
  readonly passphrase: string;
}

/** The raw material a body parser sees. */
export interface RawBody {
  /** The request's `Content-Type` header, if any. */
  readonly contentType: string | undefined;
  readonly bytes: Buffer;
}

/** Reads a token request from a body, or answers that it is `invalid_request`. */
export type BodyParser = (body: RawBody) => TokenRequest | 'invalid_request';

export const tokenRequestFields = [
  'client_id',
  'client_secret',
  'redirect_uri',
  'code',
  'passphrase',
] as const satisfies readonly (keyof TokenRequest)[];

/**
 * SPEC §1: `Content-Type: application/json`. The type and subtype are case-insensitive
 * (RFC 9110 §8.3.1) and may be followed by parameters; RFC 8259 §11 defines none, and a
 * `charset` "has no effect on compliant recipients": the body is read as UTF-8 whatever it says.
 */
export function isJsonMediaType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** RFC 8259: well-formed UTF-8 JSON whose top-level value is an object; otherwise `undefined`. */
export function parseJsonObject(bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return isPlainObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * SPEC §1: all five fields are required strings, all but `passphrase` non-empty (edge cases).
 * Extra members are ignored (RFC 6749 §3.2);
 * with duplicate keys, `JSON.parse` lets the last one win, which SPEC §1 allows.
 */
export function readTokenFields(body: Record<string, unknown>): TokenRequest | 'invalid_request' {
  const fields: Partial<Record<keyof TokenRequest, string>> = {};
  for (const name of tokenRequestFields) {
    const value = Object.hasOwn(body, name) ? body[name] : undefined;
    if (typeof value !== 'string') return 'invalid_request';
    if (value === '' && name !== 'passphrase') return 'invalid_request';
    fields[name] = value;
  }
  return fields as TokenRequest;
}

/** The reference parser: JSON content type, a JSON object, five string fields. */
export const parseTokenRequest: BodyParser = ({ contentType, bytes }) => {
  if (!isJsonMediaType(contentType)) return 'invalid_request';
  const body = parseJsonObject(bytes);
  return body === undefined ? 'invalid_request' : readTokenFields(body);
};
