import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { galleryServer } from '../support/gallery-server.js';
import { contractBreaches, grantproof, idsWith, statusOf } from '../support/run-cli.js';

/**
 * A few of the gallery through `grantproof run` itself, for what only the command line shows:
 * exit statuses, the output files, and a blind spot's split between the stages. Every server
 * of the gallery is judged in-process by detection.test.ts.
 */
describe('grantproof run against gallery servers, as a command', () => {
  it('a bug the examples name: exit 1, every output file written, the requirement failed in results.json', async () => {
    const target = await galleryServer('expired-as-invalid-client');
    try {
      const run = await grantproof(['run', ...target.args, '--only', 'conformance']);
      expect(run.exitCode).toBe(1);
      expect(contractBreaches(run)).toBeNull();
      expect(statusOf(run, 'AUTH-EXP-PAST')).toBe('failed');
      expect(run.stdout).toMatch(/AUTH-EXP-PAST.*failed/);
      for (const file of ['results.json', 'report.html', 'junit.xml', 'allure-results']) expect(existsSync(path.join(run.outDir, file)), file).toBe(true);
    } finally {
      await target.close();
    }
  });

  it('a blind spot of the examples: the conformance stage exits 0, the property stage exits 1 on it', async () => {
    const target = await galleryServer('crash-on-boolean-field');
    try {
      const examples = await grantproof(['run', ...target.args, '--only', 'conformance']);
      const properties = await grantproof(['run', ...target.args, '--only', 'properties', '--seed', '1']);
      expect(examples.exitCode, examples.stdout).toBe(0);
      expect(properties.exitCode).toBe(1);
      expect(idsWith(properties, 'failed')).toContain('PROP-NO-5XX');
      expect(contractBreaches(properties)).toBeNull();
    } finally {
      await target.close();
    }
  });

  it('a correct variant with its run arguments: exit 0', async () => {
    const target = await galleryServer('invalid-client-400');
    try {
      const run = await grantproof(['run', ...target.args, '--status', 'invalid_client=400']);
      expect(run.exitCode, run.stdout).toBe(0);
      expect(contractBreaches(run)).toBeNull();
    } finally {
      await target.close();
    }
  });
});
