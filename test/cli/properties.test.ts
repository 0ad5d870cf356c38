import { describe, expect, it } from 'vitest';
import { contractBreaches, grantproof, idsWith } from '../support/run-cli.js';
import { referenceTarget } from '../support/servers.js';
import { brokenServers } from '../broken-servers/index.js';

const PROPERTY_IDS = ['PROP-ONLY-VALID-ACCEPTED', 'PROP-NO-5XX', 'PROP-ERROR-SHAPE', 'PROP-NO-LEAK', 'PROP-SINGLE-USE', 'PROP-EXP-WINDOW'];

describe.concurrent('the property stage against the reference server', () => {
  for (let seed = 1; seed <= 20; seed += 1) {
    it(`holds with --seed ${seed}`, async () => {
      const run = await grantproof(['run', '--only', 'properties', '--seed', String(seed)]);
      expect(run.exitCode, run.stdout).toBe(0);
      expect(idsWith(run, 'passed')).toEqual(expect.arrayContaining(PROPERTY_IDS));
      expect(run.stderr).toContain(`seed ${seed}`);
    });
  }
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
