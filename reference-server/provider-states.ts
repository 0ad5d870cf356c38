import { randomBytes } from 'node:crypto';
import type { ClientRegistry } from './clients.js';
import type { CodeStore } from './codes.js';
import { isPlainObject } from './plain-object.js';

/** A Pact provider-state change (SPEC §3). */
export interface StateChange {
  readonly action: 'setup' | 'teardown';
  readonly state: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** The answer to a state change: values for a setup, nothing for a teardown, or an error. */
export type StateAnswer =
  | { readonly status: 200; readonly body: Readonly<Record<string, unknown>> }
  | { readonly status: 204 }
  | { readonly status: StateErrorStatus; readonly body: { readonly error: string; readonly error_description: string } };

/** 400: a parameter of the wrong type or an unknown client; 404: an unknown state; 503: a bound reached. */
type StateErrorStatus = 400 | 404 | 503;

export interface StateDeps {
  readonly clients: ClientRegistry;
  readonly codes: CodeStore;
  readonly codeTtlSeconds: number;
  readonly bindCodesToSession: boolean;
  now(): number;
}

/** SPEC §3: a redirect URI like the seeds' when the client registration names none. */
export const defaultRedirectUri = 'https://myapp.com/callback';
/** SPEC §3: the scopes of a code when its set-up names none (the seeds' success body). */
export const defaultScopes: readonly string[] = ['read', 'write'];
/** How far past its expiry an expired code is issued: well clear of the boundary (SPEC §1). */
const expiredCodeAgeMs = 10_000;

type Params = StateChange['params'];

interface StateHandler {
  setup(params: Params, deps: StateDeps): StateAnswer;
  teardown(params: Params, deps: StateDeps): void;
}

/** A state change that cannot be made: a bad parameter or unknown client (400), or a bound reached (503). */
class StateRefused extends Error {
  constructor(
    readonly status: 400 | 503,
    readonly error: string,
    description: string,
  ) {
    super(description);
  }
}

/** At a bound of what the server keeps (see `ClientRegistry` and `CodeStore`): 503, until teardowns make room. */
function atCapacity(what: string): StateRefused {
  return new StateRefused(503, 'capacity_reached', `The server keeps no more ${what}: tear down the ones no longer needed (SPEC §3).`);
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
  if (handler === undefined) {
    return { status: 404, body: { error: 'unknown_state', error_description: 'This provider state is not supported.' } };
  }
  try {
    if (change.action === 'teardown') {
      handler.teardown(change.params, deps);
      return { status: 204 };
    }
    return handler.setup(change.params, deps);
  } catch (refusal) {
    if (!(refusal instanceof StateRefused)) throw refusal;
    return { status: refusal.status, body: { error: refusal.error, error_description: refusal.message } };
  }
}

/** Reads a state change from a JSON body: `{"action", "state", "params"?}`. */
export function readStateChange(body: Readonly<Record<string, unknown>>): StateChange | undefined {
  const { action, state, params = {} } = body;
  if ((action !== 'setup' && action !== 'teardown') || typeof state !== 'string' || !isPlainObject(params)) {
    return undefined;
  }
  return { action, state, params };
}

function optionalString(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw new StateRefused(400, 'invalid_params', `params.${name} must be a non-empty string.`);
  }
  return value;
}

function requiredString(params: Params, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined) throw new StateRefused(400, 'invalid_params', `params.${name} is required.`);
  return value;
}

function optionalScopes(params: Params): readonly string[] | undefined {
  const value = params['scopes'];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((scope) => typeof scope === 'string')) {
    throw new StateRefused(400, 'invalid_params', 'params.scopes must be an array of strings.');
  }
  return value;
}
