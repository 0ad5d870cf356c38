import { describe, expect, it } from 'vitest';
import { requirementById } from '../../catalogue/index.js';
import { contractBreaches, grantproof, idsWith, statusOf } from '../support/run-cli.js';
import { referenceTarget } from '../support/servers.js';
import { brokenServers, correctVariants } from './index.js';

/**
 * Every suite must be shown to catch the fault it is for: `grantproof run` against each
 * broken server fails the requirement named for its bug, and nothing the bug does not
 * explain.
 */
describe.concurrent('grantproof run against deliberately broken servers', () => {
  for (const server of brokenServers) {
    const level = requirementById(server.catches)?.level;
    it(`${server.name} (${server.bug}) fails ${server.catches}`, async () => {
      expect(level, `${server.catches} is not a catalogue ID`).toBeDefined();
      const target = await referenceTarget(server.options);
      try {
        const run = await grantproof(['run', ...target.args]);
        expect(await contractBreaches(run)).toBeNull();
        expect(statusOf(run, server.catches)).toBe(level === 'MUST' ? 'failed' : 'warning');
        expect(run.exitCode).toBe(level === 'MUST' ? 1 : 0);
        const wrong = [...idsWith(run, 'failed'), ...idsWith(run, 'warning')];
        const explained = new Set([server.catches, ...(server.alsoFails ?? [])]);
        expect(wrong.filter((id) => !explained.has(id)), 'failures the bug does not explain').toEqual([]);
      } finally {
        await target.close();
      }
    });
  }

  for (const variant of correctVariants) {
    it(`${variant.name} (a correct variant) passes clean with ${JSON.stringify(variant.runArgs)}`, async () => {
      const target = await referenceTarget(variant.options);
      try {
        const run = await grantproof(['run', ...target.args, ...variant.runArgs]);
        expect(run.exitCode, run.stdout).toBe(0);
        expect([...idsWith(run, 'failed'), ...idsWith(run, 'warning'), ...idsWith(run, 'inconclusive')]).toEqual([]);
      } finally {
        await target.close();
      }
    });
  }
});
