import type { ProfileName } from './profile.js';

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

/** An error code of either profile's table. */
export type AnyErrorCode = ErrorCode | Rfc6749ErrorCode;

/** SPEC §4 `--status CODE=NNN`: the one status a target answers a code with, where the run pins it. */
export type StatusOverrides = Readonly<Partial<Record<AnyErrorCode, number>>>;

/** How a run judges a refusal's status: its profile's table (SPEC §1, §5), after its `--status` overrides. */
export interface AnswerRules {
  readonly profile: ProfileName;
  readonly statuses: StatusOverrides;
}

/**
 * SPEC §5 (RFC 6749 §5.2): `invalid_client` with 401 or 400, both conform unless `--status`
 * pins one; every other code 400.
 */
const RFC6749_ERROR_STATUSES: Readonly<Record<Rfc6749ErrorCode, readonly number[]>> = {
  invalid_request: [400],
  invalid_client: [401, 400],
  invalid_grant: [400],
  unauthorized_client: [400],
  unsupported_grant_type: [400],
  invalid_scope: [400],
};

/** The statuses a target conforms with when it answers `code`, the profile's preferred first, after the run's `--status` overrides. */
export function conformingStatuses(code: AnyErrorCode, rules: AnswerRules): readonly number[] {
  const pinned = rules.statuses[code];
  if (pinned !== undefined) return [pinned];
  const table: Readonly<Partial<Record<AnyErrorCode, readonly number[]>>> = rules.profile === 'storx' ? Object.fromEntries(ERROR_CODES.map((c) => [c, [DEFAULT_ERROR_STATUS[c]]])) : RFC6749_ERROR_STATUSES;
  return table[code] ?? [400];
}

/** The error codes a profile's answers may carry (SPEC §1's table, or RFC 6749 §5.2's for rfc7523). */
export function errorCodesOf(profile: ProfileName): readonly AnyErrorCode[] {
  return profile === 'storx' ? ERROR_CODES : RFC6749_ERROR_CODES;
}
