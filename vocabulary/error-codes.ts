/**
 * The error codes of SPEC §1 and their default HTTP statuses; a run may override a status
 * per code with `--status CODE=NNN`.
 */
export const DEFAULT_ERROR_STATUS = {
  invalid_request: 400,
  invalid_client: 401,
  client_secret_expired: 401,
  invalid_code: 400,
  invalid_redirect_uri: 400,
} as const;

export type ErrorCode = keyof typeof DEFAULT_ERROR_STATUS;

export const ERROR_CODES = Object.keys(DEFAULT_ERROR_STATUS) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(DEFAULT_ERROR_STATUS, value);
}

/** SPEC §5 (RFC 6749 §5.2): the error codes of the rfc7523 profile. */
export const RFC6749_ERROR_CODES = ['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope'] as const;

export type Rfc6749ErrorCode = (typeof RFC6749_ERROR_CODES)[number];

/** The status a target should answer `code` with, after the run's `--status` overrides. */
export function expectedStatus(code: ErrorCode, overrides: Readonly<Partial<Record<ErrorCode, number>>>): number {
  return overrides[code] ?? DEFAULT_ERROR_STATUS[code];
}
