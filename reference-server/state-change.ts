import { isPlainObject } from './plain-object.js';

/**
 * What every profile's provider states share (SPEC §3): the shape of a change and of its
 * answer, the refusals, and the readers of the params.
 */

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

/** The params of a state change. */
export type Params = StateChange['params'];

/** SPEC §3: a redirect URI like the seeds' when the client registration names none. */
export const defaultRedirectUri = 'https://myapp.com/callback';
/** SPEC §3: the scopes of a code when its set-up names none (the seeds' success body). */
export const defaultScopes: readonly string[] = ['read', 'write'];
/** How far past its expiry an expired code is issued: well clear of the boundary (SPEC §1). */
export const expiredCodeAgeMs = 10_000;

/** SPEC §3: a state the target does not support is answered 404. */
export const unknownStateAnswer: StateAnswer = {
  status: 404,
  body: { error: 'unknown_state', error_description: 'This provider state is not supported.' },
};

/** A state change that cannot be made: a bad parameter or unknown client (400), or a bound reached (503). */
export class StateRefused extends Error {
  constructor(
    readonly status: 400 | 503,
    readonly error: string,
    description: string,
  ) {
    super(description);
  }

  /** The answer that says so. */
  answer(): StateAnswer {
    return { status: this.status, body: { error: this.error, error_description: this.message } };
  }
}

/** At a bound of what the server keeps (see `KeyedRegistry` and `CodeStore`): 503, until teardowns make room. */
export function atCapacity(what: string): StateRefused {
  return new StateRefused(503, 'capacity_reached', `The server keeps no more ${what}: tear down the ones no longer needed (SPEC §3).`);
}

/** Reads a state change from a JSON body: `{"action", "state", "params"?}`. */
export function readStateChange(body: Readonly<Record<string, unknown>>): StateChange | undefined {
  const { action, state, params = {} } = body;
  if ((action !== 'setup' && action !== 'teardown') || typeof state !== 'string' || !isPlainObject(params)) {
    return undefined;
  }
  return { action, state, params };
}

/** A non-empty string param, when given; anything else given is refused. */
export function optionalString(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw new StateRefused(400, 'invalid_params', `params.${name} must be a non-empty string.`);
  }
  return value;
}

/** A non-empty string param that must be given. */
export function requiredString(params: Params, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined) throw new StateRefused(400, 'invalid_params', `params.${name} is required.`);
  return value;
}

/** `params.scopes`, an array of strings, when given. */
export function optionalScopes(params: Params): readonly string[] | undefined {
  const value = params['scopes'];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((scope) => typeof scope === 'string')) {
    throw new StateRefused(400, 'invalid_params', 'params.scopes must be an array of strings.');
  }
  return value;
}
