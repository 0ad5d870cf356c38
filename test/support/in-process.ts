import { catalogue } from '../../catalogue/index.js';
import type { RunConfig } from '../../client/config.js';
import { TargetClient } from '../../client/target.js';
import type { ReferenceServerOptions } from '../../reference-server/index.js';
import type { CaseResult } from '../../results/model.js';
import { Evaluation } from '../../suites/evaluate.js';
import { referenceTarget, type Listening } from './servers.js';

/** A run's configuration against `target`, as `grantproof run` resolves it from its defaults, with `settings` applied. */
export function runConfigFor(target: Listening, settings: Partial<RunConfig> = {}): RunConfig {
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
    runs: 200,
    callbackHost: '127.0.0.1',
    pacts: null,
    shard: null,
    expectedFailures: null,
    ...settings,
  };
}

/**
 * Every conformance, property and run-wide requirement, in the catalogue's run order, against
 * the reference server built with `options`, in this process (no vitest child, no reports):
 * each requirement's result by ID. The contract stage is left out (it needs a pact source).
 */
export async function runCatalogueInProcess(options: ReferenceServerOptions, settings: Partial<RunConfig>): Promise<Map<string, CaseResult>> {
  const target = await referenceTarget(options);
  const client = new TargetClient(runConfigFor(target, settings));
  const evaluation = new Evaluation(client, () => undefined);
  const results = new Map<string, CaseResult>();
  try {
    for (const requirement of catalogue.filter((r) => r.stage !== 'contract')) results.set(requirement.id, await evaluation.evaluate(requirement));
  } finally {
    await client.close();
    await target.close();
  }
  return results;
}

/** The IDs whose result has `status`, in catalogue order. */
export function idsWithStatus(results: ReadonlyMap<string, CaseResult>, status: CaseResult['status']): string[] {
  return [...results].filter(([, result]) => result.status === status).map(([id]) => id);
}
