/**
 * The error codes of the token endpoint, their default statuses and the fixed text that
 * accompanies them (SPEC §1, table of errors).
 *
 * Descriptions are constant strings: an error never repeats any part of the request, so no
 * answer can leak a secret, a JWT or a passphrase (SPEC §1: "no response may contain …").
 */

/** The `error` values of SPEC §1; `client_secret_expired` is StorX's addition to RFC 6749 §5.2. */
export type TokenErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'client_secret_expired'
  | 'invalid_code'
  | 'invalid_redirect_uri';

/** SPEC §1: the default status of each error code. */
export const defaultStatuses: Readonly<Record<TokenErrorCode, number>> = {
  invalid_request: 400,
  invalid_client: 401,
  client_secret_expired: 401,
  invalid_code: 400,
  invalid_redirect_uri: 400,
};

/** The `error_description` sent with each code (RFC 6749 §5.2: human-readable, optional). */
export const errorDescriptions: Readonly<Record<TokenErrorCode, string>> = {
  invalid_request:
    'The body must be a JSON object with the string fields client_id, client_secret, redirect_uri, code and passphrase.',
  invalid_client: 'Client authentication failed.',
  client_secret_expired: 'The client_secret JWT has expired.',
  invalid_code: 'The authorization code is unknown, expired, already redeemed or issued to another client.',
  invalid_redirect_uri: 'The redirect_uri differs from the one the authorization code was issued for.',
};
