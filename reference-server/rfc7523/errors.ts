/**
 * The error codes of the rfc7523 token endpoint (RFC 6749 §5.2), their default statuses and
 * the fixed text that accompanies them (SPEC §5). Descriptions are constant strings: an error
 * never repeats any part of the request, so no answer can leak a secret, an assertion or a token.
 */

/** The `error` values this endpoint answers with (RFC 6749 §5.2). */
export type Rfc7523ErrorCode = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type';

/** RFC 6749 §5.2: 400, and 401 for a failed client authentication. */
export const rfc7523Statuses: Readonly<Record<Rfc7523ErrorCode, number>> = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unsupported_grant_type: 400,
};

/** The `error_description` sent with each code (RFC 6749 §5.2: human-readable, optional). */
export const rfc7523ErrorDescriptions: Readonly<Record<Rfc7523ErrorCode, string>> = {
  invalid_request:
    'The body must be application/x-www-form-urlencoded, each parameter at most once, with code and redirect_uri, and one client authentication method.',
  invalid_client: 'Client authentication failed.',
  invalid_grant: 'The authorization code is invalid, expired, already redeemed, issued to another client or for another redirect_uri, or the code_verifier does not match.',
  unsupported_grant_type: 'Only grant_type=authorization_code is supported.',
};
