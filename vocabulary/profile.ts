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

/** SPEC §5: how an rfc7523 client authenticates (OpenID Connect Core §9). */
export const AUTH_METHODS = ['client_secret_jwt', 'private_key_jwt'] as const;

export type AuthMethod = (typeof AUTH_METHODS)[number];

/**
 * SPEC §4 `--audience`: the `aud` of a run's assertions: the `--target` URL, the state answer's
 * `issuer`, or a URL given as it is.
 */
export type AudienceSetting = { readonly kind: 'token-endpoint' } | { readonly kind: 'issuer' } | { readonly kind: 'url'; readonly url: string };

/** The request field that carries the client's JWT in each profile: SPEC §1's `client_secret`, RFC 7521 §4.2's `client_assertion`. */
export const CREDENTIAL_FIELD = { storx: 'client_secret', rfc7523: 'client_assertion' } as const satisfies Record<ProfileName, string>;

/** The success field that carries what the target granted: SPEC §1 step 9's `access_grant`, RFC 6749 §5.1's `access_token`. */
export const GRANT_FIELD = { storx: 'access_grant', rfc7523: 'access_token' } as const satisfies Record<ProfileName, string>;

/** SPEC §5's parameters of a valid rfc7523 request, in the order the harness sends them; `client_id` is sent only where a case is about it. */
export const RFC7523_PARAMETERS = ['grant_type', 'code', 'redirect_uri', 'code_verifier', 'client_assertion_type', 'client_assertion'] as const;
