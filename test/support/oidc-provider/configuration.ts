import { randomBytes } from 'node:crypto';
import type { ClientMetadata, Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { requestState, type CodePolicy } from './code-policy.js';
import { memoryStorage } from './storage.js';

/** What a test may change of the provider; every field has the default SPEC §5 assumes. */
export interface OidcProviderOptions {
  /** Lifetime of an authorization code, in seconds (oidc-provider's default: 60). */
  readonly codeTtlSeconds?: number;
  /** Lifetime of the code that `an expired authorization code` waits out, in seconds. */
  readonly expiredCodeTtlSeconds?: number;
  /** The provider's `clockTolerance` for client assertions, in seconds (default 0). */
  readonly clockToleranceSeconds?: number;
  /** The scopes the API resource offers (default `read`, `write`: the harness's `--scopes`). */
  readonly scopes?: readonly string[];
}

/** The resource indicator (RFC 8707) every access token is issued for. */
export const API_RESOURCE = 'urn:grantproof:api';

/** The one end-user the interaction logs in. */
export const TEST_ACCOUNT = 'grantproof-test-user';

/**
 * The static client the state endpoint introspects with (RFC 7662 §2.1 asks the caller to
 * authenticate); it authenticates with `client_secret_jwt`, the token endpoint's own method.
 */
export interface Introspector {
  readonly client_id: string;
  readonly client_secret: string;
}

/** A fresh introspector identity: a random secret, long enough for HS512. */
export function newIntrospector(): Introspector {
  return { client_id: 'grantproof-introspector', client_secret: randomBytes(64).toString('base64url') };
}

/**
 * oidc-provider's configuration for SPEC §5: the authorization-code grant only, PKCE S256
 * required (RFC 7636; RFC 9700 §2.1.1) except for a request the policy marks, the two JWT
 * client-authentication methods of OpenID Connect Core §9 only, open dynamic registration
 * (RFC 7591) with management (RFC 7592, for teardown), introspection (RFC 7662) and
 * revocation (RFC 7009), and access tokens for one API resource carrying `read`/`write`.
 */
export function providerConfiguration(
  options: OidcProviderOptions,
  policy: CodePolicy,
  introspector: Introspector,
): Configuration {
  const scope = (options.scopes ?? ['read', 'write']).join(' ');
  return {
    adapter: memoryStorage(),
    clients: [introspectorMetadata(introspector)],
    clientAuthMethods: ['client_secret_jwt', 'private_key_jwt'],
    clockTolerance: options.clockToleranceSeconds ?? 0,
    // RFC 6749 §4.1.3: redirect_uri is REQUIRED when the authorization request had one (the
    // provider would otherwise fill in a client's only registered URI).
    allowOmittingSingleRegisteredRedirectUri: false,
    responseTypes: ['code'],
    scopes: [],
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: (ctx) => !isMarked(policy.withoutChallenge, ctx) },
    ttl: {
      AuthorizationCode: (ctx) =>
        isMarked(policy.shortLived, ctx) ? (options.expiredCodeTtlSeconds ?? 1) : (options.codeTtlSeconds ?? 60),
      AccessToken: 600,
      Grant: 600,
      Interaction: 60,
      Session: 600,
    },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true },
      registrationManagement: { enabled: true, rotateRegistrationAccessToken: false },
      introspection: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope, audience: API_RESOURCE, accessTokenFormat: 'opaque', accessTokenTTL: 600 }),
      },
    },
  };
}

/** The introspector's registration: it takes no grants, it only calls introspection. */
function introspectorMetadata(introspector: Introspector): ClientMetadata {
  return {
    ...introspector,
    token_endpoint_auth_method: 'client_secret_jwt',
    grant_types: [],
    response_types: [],
    redirect_uris: [],
  };
}

/** Whether the authorization request behind `ctx` is one the policy marked. */
function isMarked(marked: ReadonlySet<string>, ctx: KoaContextWithOIDC): boolean {
  const state = requestState(ctx.oidc?.params);
  return state !== undefined && marked.has(state);
}
