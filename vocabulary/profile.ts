/**
 * The wire formats and rules grantproof tests (SPEC §5): `storx`, the StorX dialect of SPEC §1
 * (a JSON body whose client_secret is an HS256 JWT), and `rfc7523`, standard JWT client
 * assertions (RFC 7523 §2.2) on the authorization-code grant with PKCE.
 */
export const PROFILES = ['storx', 'rfc7523'] as const;

export type ProfileName = (typeof PROFILES)[number];

/** SPEC §4 `--profile`: the profile of a run that names none. */
export const DEFAULT_PROFILE = 'storx' satisfies ProfileName;

export function isProfileName(value: unknown): value is ProfileName {
  return typeof value === 'string' && (PROFILES as readonly string[]).includes(value);
}
