import { describe, expect, it } from 'vitest';
import { expectPropertyStageHolds, PROPERTY_IDS } from '../support/property-stage.js';
import { contractBreaches, grantproof, idsWith } from '../support/run-cli.js';
import { referenceTarget } from '../support/servers.js';
import { brokenServers } from '../broken-servers/index.js';

/** Three seeds here; test/soak/property-seeds.soak.test.ts holds the stage on 20. */
describe('the property stage against the reference server', () => {
  for (const seed of [1, 2, 3]) {
    it(`holds with --seed ${seed}`, () => expectPropertyStageHolds(seed));
  }
});

it('prints the seed, so that any run can be replayed', async () => {
  const run = await grantproof(['run', '--only', 'properties', '--seed', '4']);
  expect(run.exitCode, run.stdout).toBe(0);
  expect(idsWith(run, 'passed')).toEqual(expect.arrayContaining(PROPERTY_IDS));
  expect(run.stderr).toContain('seed 4');
});

describe('a property failure', () => {
  it('is shrunk, reported with seed and path and a curl command, and replayed exactly by --seed', async () => {
    const server = brokenServers.find((s) => s.name === 'crash-on-boolean-field')!;
    const target = await referenceTarget(server.options);
    try {
      const runs = [await grantproof(['run', ...target.args, '--only', 'PROP-NO-5XX', '--seed', '7']), await grantproof(['run', ...target.args, '--only', 'PROP-NO-5XX', '--seed', '7'])];
      for (const run of runs) {
        expect(run.exitCode).toBe(1);
        expect(await contractBreaches(run)).toBeNull();
      }
      const [first, second] = runs.map((run) => run.results!.results.find((r) => r.id === 'PROP-NO-5XX')!);
      const evidence = first!.evidence[0]!;
      expect(evidence).toMatchObject({ seed: 7, shrunk: true, ok: false });
      expect(evidence.path).toMatch(/^\d+(:\d+)*$/);
      expect(evidence.curl).toMatch(/^curl /);
      expect(evidence.variant).toMatch(/^shrunk to: .*\b(true|false)\b|boolean/);
      expect(second!.evidence[0]!.variant).toBe(evidence.variant);
      expect(second!.evidence[0]!.path).toBe(evidence.path);
      expect(first!.reason).toContain('replay with --seed 7');
    } finally {
      await target.close();
    }
  });
});
