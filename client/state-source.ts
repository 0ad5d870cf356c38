import { ModuleStates } from './fixture-module.js';
import type { HttpClient } from './http.js';
import { HttpStates, type StateSource } from './states.js';
import type { FixtureSource } from '../vocabulary/run-config.js';

/** Where a run's fixtures come from (SPEC §3): the state-change endpoint, or a `--fixtures` module bounded by `--timeout`. */
export function stateSource(source: FixtureSource, http: HttpClient, headers: Readonly<Record<string, string>>): StateSource {
  return source.kind === 'state-url' ? new HttpStates(source.url, http, headers) : new ModuleStates(source.path, http.timeoutMs);
}
