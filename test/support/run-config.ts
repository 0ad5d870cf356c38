import type { RunConfig } from '../../client/config.js';

/** A run's configuration for in-process tests: SPEC §4's defaults, against `tokenUrl` and `stateUrl`. */
export function runConfig(target: { readonly tokenUrl: string; readonly stateUrl: string }, overrides: Partial<RunConfig> = {}): RunConfig {
  return {
    tokenUrl: target.tokenUrl,
    fixtures: { kind: 'state-url', url: target.stateUrl },
    leewaySeconds: 0,
    maxLifetimeSeconds: 300,
    statuses: {},
    headers: {},
    timeoutMs: 10_000,
    ratePerSecond: null,
    maxWaitMs: 0,
    only: null,
    seed: 1,
    runs: 10,
    callbackHost: '127.0.0.1',
    pacts: null,
    shard: null,
    expectedFailures: null,
    ...overrides,
  };
}
