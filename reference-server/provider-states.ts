import { randomBytes } from 'node:crypto';
import type { ClientRegistry } from './clients.js';
import type { CodeStore } from './codes.js';
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
} from './state-change.js';

/** What the provider states of profile storx change and consult (SPEC §3). */
export interface StateDeps {
  readonly clients: ClientRegistry;
  readonly codes: CodeStore;
  readonly codeTtlSeconds: number;
  readonly bindCodesToSession: boolean;
  now(): number;
}

interface StateHandler {
  setup(params: Params, deps: StateDeps): StateAnswer;
  teardown(params: Params, deps: StateDeps): void;
}

const registeredClient: StateHandler = {
  setup(params, { clients }) {
    const client = clients.register(optionalString(params, 'redirect_uri') ?? defaultRedirectUri);
    if (client === undefined) throw atCapacity('clients');
    return {
      status: 200,
      body: { client_id: client.id, client_secret: client.secret, redirect_uri: client.redirectUri },
    };
  },
  /**
   * SPEC §3: teardown comes with the setup's params, to which the harness adds the `client_id`
   * the setup answered; without it nothing says which client to remove. The client's codes go
   * with it.
   */
  teardown(params, { clients, codes }) {
    const clientId = optionalString(params, 'client_id');
    if (clientId === undefined) return;
    codes.removeIssuedTo(clientId);
    clients.remove(clientId);
  },
};

function authorizationCode(expired: boolean): StateHandler {
  return {
    setup(params, deps) {
      const clientId = requiredString(params, 'client_id');
      const redirectUri = optionalString(params, 'redirect_uri');
      const scopes = optionalScopes(params) ?? defaultScopes;
      const client = deps.clients.get(clientId);
      if (client === undefined) throw new StateRefused(400, 'unknown_client', 'No client is registered with this client_id.');
      const session = deps.bindCodesToSession ? randomBytes(16).toString('hex') : undefined;
      const expiresAtMs = expired ? deps.now() - expiredCodeAgeMs : deps.now() + deps.codeTtlSeconds * 1000;
      const issued = deps.codes.issue({
        clientId,
        redirectUri: redirectUri ?? client.redirectUri,
        scopes,
        expiresAtMs,
        ...(session === undefined ? {} : { session }),
      });
      if (issued === undefined) throw atCapacity('authorization codes');
      const { code } = issued;
      const headers = session === undefined ? {} : { headers: { Cookie: `session=${session}` } };
      return { status: 200, body: { code, ...headers, ...(expired ? { scopes } : {}) } };
    },
    /**
     * SPEC §3: the harness adds the `code` the setup answered to the setup's params, and only
     * that code is removed; params that name no code (the setup's alone) remove every code of
     * their `client_id`.
     */
    teardown(params, { codes }) {
      const code = optionalString(params, 'code');
      const clientId = optionalString(params, 'client_id');
      if (code !== undefined) codes.consume(code);
      else if (clientId !== undefined) codes.removeIssuedTo(clientId);
    },
  };
}

const stateHandlers: ReadonlyMap<string, StateHandler> = new Map([
  ['a registered client', registeredClient],
  ['an authorization code', authorizationCode(false)],
  ['an expired authorization code', authorizationCode(true)],
]);

/** SPEC §3: sets up or tears down one provider state. */
export function applyStateChange(change: StateChange, deps: StateDeps): StateAnswer {
  const handler = stateHandlers.get(change.state);
  if (handler === undefined) return unknownStateAnswer;
  try {
    if (change.action === 'teardown') {
      handler.teardown(change.params, deps);
      return { status: 204 };
    }
    return handler.setup(change.params, deps);
  } catch (refusal) {
    if (!(refusal instanceof StateRefused)) throw refusal;
    return refusal.answer();
  }
}
