import { execFile } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contractBreaches, grantproof, statusOf } from '../support/run-cli.js';
import { referenceTarget } from '../support/servers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the example consumer project', { timeout: 240_000 }, () => {
  it('records its pact through its own client, and the reference server verifies it', async () => {
    const pactDir = await mkdtemp(path.join(tmpdir(), 'example-app-pacts-'));
    const consumerTests = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        process.execPath,
        [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', path.join(ROOT, 'test/contract/example-consumer.config.ts')],
        { env: { ...process.env, PACT_OUTPUT_DIR: pactDir, PACT_DO_NOT_TRACK: 'true' } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
      );
    });
    expect(consumerTests.code, consumerTests.output).toBe(0);
    expect(await readdir(pactDir)).toEqual(['example-app-storx-token-endpoint.json']);
    const target = await referenceTarget();
    try {
      const run = await grantproof(['verify-pact', ...target.args, '--pact-dir', pactDir]);
      expect(run.exitCode, run.stdout).toBe(0);
      expect(await contractBreaches(run)).toBeNull();
      expect(statusOf(run, 'CONTRACT-PACT')).toBe('passed');
      for (const id of ['AUTH-EXP-PAST', 'AUTH-WRONG-KEY', 'CODE-OTHER-CLIENT']) expect(run.stdout).toContain(`✓ example-app: ${id}:`);
    } finally {
      await target.close();
    }
  });
});
