import {
  atCapacity,
  defaultRedirectUri,
  defaultScopes,
  expiredCodeAgeMs,
  optionalScopes,
  optionalString,
  requiredString,
  StateRefused,
  unknownStateAnswer,
  type Params,
  type StateAnswer,
  type StateChange,
} from '../state-change.js';
import { asymmetricAlgs, hmacAlgs, makeClient, type AuthMethod } from './clients.js';
import type { Rfc7523Env } from './context.js';
import { makeCodeVerifier, s256Challenge } from './pkce.js';

/** What the provider states of profile rfc7523 change and consult (SPEC §5, states): the token endpoint's stores and clock, and how long a code lives. */
export type Rfc7523StateDeps = Pick<Rfc7523Env, 'clients' | 'codes' | 'accessTokens' | 'issuer' | 'tokenEndpoint' | 'now'> & { readonly codeTtlSeconds: number };

interface Rfc7523StateHandler {
  setup(params: Params, deps: Rfc7523StateDeps): StateAnswer | Promise<StateAnswer>;
  teardown(params: Params, deps: Rfc7523StateDeps): void;
}

/** The algs each method may be pinned to. */
const pinnableAlgs: Readonly<Record<AuthMethod, readonly string[]>> = {
  client_secret_jwt: hmacAlgs,
  private_key_jwt: asymmetricAlgs,
};

/** `token_endpoint_auth_method`: `client_secret_jwt` unless it says `private_key_jwt` (SPEC §5). */
function authMethod(params: Params): AuthMethod {
  const method = optionalString(params, 'token_endpoint_auth_method') ?? 'client_secret_jwt';
  if (method !== 'client_secret_jwt' && method !== 'private_key_jwt') {
    throw new StateRefused(400, 'invalid_params', 'params.token_endpoint_auth_method must be client_secret_jwt or private_key_jwt.');
  }
  return method;
}

/** `token_endpoint_auth_signing_alg`, when given: an alg of the method's kind (never `none`, never HMAC for a key). */
function pinnedAlg(params: Params, method: AuthMethod): string | undefined {
  const alg = optionalString(params, 'token_endpoint_auth_signing_alg');
  if (alg !== undefined && !pinnableAlgs[method].includes(alg)) {
    throw new StateRefused(400, 'invalid_params', `params.token_endpoint_auth_signing_alg must be one of ${pinnableAlgs[method].join(', ')} for ${method}.`);
  }
  return alg;
}

/** SPEC §5 `a registered client`: a client of either method, and what it needs to mint assertions. */
const registeredClient: Rfc7523StateHandler = {
  async setup(params, deps) {
    const method = authMethod(params);
    const alg = pinnedAlg(params, method);
    const redirectUri = optionalString(params, 'redirect_uri') ?? defaultRedirectUri;
    if (!deps.clients.hasRoom()) throw atCapacity('clients');
    const { client, credential } = await makeClient({ redirectUri, method, pinnedAlg: alg });
    // Another set-up may have taken the last room while the key was made.
    if (deps.clients.add(client) === undefined) throw atCapacity('clients');
    return {
      status: 200,
      body: {
        client_id: client.id,
        redirect_uri: client.redirectUri,
        ...credential,
        ...(client.pinned ? { token_endpoint_auth_signing_alg: client.signingAlg } : {}),
        issuer: deps.issuer,
        token_endpoint: deps.tokenEndpoint,
      },
    };
  },
  /** SPEC §3: the harness adds the `client_id` the setup answered; the client's codes go with it. */
  teardown(params, { clients, codes }) {
    const clientId = optionalString(params, 'client_id');
    if (clientId === undefined) return;
    codes.removeIssuedTo(clientId);
    clients.remove(clientId);
  },
};

/** `code_challenge_method`: `S256` unless it says `none` (SPEC §5; RFC 7636 §4.2, `plain` is not offered). */
function challengeMethod(params: Params): 'S256' | 'none' {
  const method = optionalString(params, 'code_challenge_method') ?? 'S256';
  if (method !== 'S256' && method !== 'none') {
    throw new StateRefused(400, 'invalid_params', 'params.code_challenge_method must be S256 or none.');
  }
  return method;
}

/**
 * SPEC §5 `an authorization code` (and `an expired authorization code`): a code for a client
 * and redirect URI, with the verifier of its S256 challenge unless issued without PKCE.
 */
function authorizationCode(expired: boolean): Rfc7523StateHandler {
  return {
    setup(params, deps) {
      const clientId = requiredString(params, 'client_id');
      const redirectUri = optionalString(params, 'redirect_uri');
      const scopes = optionalScopes(params) ?? defaultScopes;
      const verifier = challengeMethod(params) === 'S256' ? makeCodeVerifier() : undefined;
      const client = deps.clients.get(clientId);
      if (client === undefined) throw new StateRefused(400, 'unknown_client', 'No client is registered with this client_id.');
      const expiresAtMs = expired ? deps.now() - expiredCodeAgeMs : deps.now() + deps.codeTtlSeconds * 1000;
      const issued = deps.codes.issue({
        clientId,
        redirectUri: redirectUri ?? client.redirectUri,
        scopes,
        expiresAtMs,
        ...(verifier === undefined ? {} : { codeChallenge: s256Challenge(verifier) }),
      });
      if (issued === undefined) throw atCapacity('authorization codes');
      return { status: 200, body: { code: issued.code, ...(verifier === undefined ? {} : { code_verifier: verifier }), scopes } };
    },
    /** SPEC §3: the `code` the setup answered, or, without one, every code of the `client_id`. */
    teardown(params, { codes }) {
      const code = optionalString(params, 'code');
      const clientId = optionalString(params, 'client_id');
      if (code !== undefined) codes.consume(code);
      else if (clientId !== undefined) codes.removeIssuedTo(clientId);
    },
  };
}

/** SPEC §5 `an access token's status`: whether a token is active, for CODE-REUSE-REVOKES (RFC 6749 §4.1.2). */
const accessTokenStatus: Rfc7523StateHandler = {
  setup(params, { accessTokens }) {
    return { status: 200, body: { active: accessTokens.isActive(requiredString(params, 'access_token')) } };
  },
  teardown() {
    // Nothing was set up: the status is only read.
  },
};

const rfc7523StateHandlers: ReadonlyMap<string, Rfc7523StateHandler> = new Map([
  ['a registered client', registeredClient],
  ['an authorization code', authorizationCode(false)],
  ['an expired authorization code', authorizationCode(true)],
  ["an access token's status", accessTokenStatus],
]);

/** SPEC §5 (with §3's protocol): sets up or tears down one provider state of profile rfc7523. */
export async function applyRfc7523StateChange(change: StateChange, deps: Rfc7523StateDeps): Promise<StateAnswer> {
  const handler = rfc7523StateHandlers.get(change.state);
  if (handler === undefined) return unknownStateAnswer;
  try {
    if (change.action === 'teardown') {
      handler.teardown(change.params, deps);
      return { status: 204 };
    }
    return await handler.setup(change.params, deps);
  } catch (refusal) {
    if (!(refusal instanceof StateRefused)) throw refusal;
    return refusal.answer();
  }
}
