/**
 * The adapter's say over single authorization requests it drives itself. Each request carries
 * a random `state` (RFC 6749 §4.1.1); the provider's `pkce.required` and `ttl.AuthorizationCode`
 * helpers look that value up here, so a policy reaches exactly the one request that asked for
 * it, never another client's, and is forgotten once its code is issued.
 */
export interface CodePolicy {
  /** Codes that may be issued without a PKCE challenge (SPEC §5 PKCE-DOWNGRADE). */
  readonly withoutChallenge: Set<string>;
  /** Codes issued with the short lifetime of `an expired authorization code`. */
  readonly shortLived: Set<string>;
}

/** A policy that marks no request. */
export function emptyCodePolicy(): CodePolicy {
  return { withoutChallenge: new Set(), shortLived: new Set() };
}

/** The `state` parameter of the authorization request behind a provider context, if any. */
export function requestState(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const state = params?.['state'];
  return typeof state === 'string' ? state : undefined;
}
