import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, contractBreaches, grantproof, statusOf } from '../support/run-cli.js';
import { referenceTarget } from '../support/servers.js';

const BRIDGE = fileURLToPath(new URL('../support/bridge-fixtures.mjs', import.meta.url));

describe('--fixtures FILE.mjs', () => {
  it('takes fixtures from the module, and skips the cases whose state it lacks, with the reason', async () => {
    const target = await referenceTarget();
    try {
      const run = await grantproof(['run', '--target', target.tokenUrl, '--fixtures', BRIDGE], { env: { GP_STATE_URL: target.stateUrl } });
      expect(run.exitCode).toBe(2);
      expect(await contractBreaches(run)).toBeNull();
      const expired = run.results!.results.find((r) => r.id === 'CODE-EXPIRED')!;
      expect(expired.status).toBe('skipped');
      expect(expired.reason).toMatch(/^no fixture: the target does not support the state "an expired authorization code"/);
      expect(statusOf(run, 'CODE-REUSED')).toBe('passed');
      expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^grantproof: no verdict: CODE-EXPIRED skipped: no fixture/);
    } finally {
      await target.close();
    }
  });
});

describe('grantproof serve', () => {
  it('serves the token and state endpoints until SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--enable-states']);
    const tokenUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /token endpoint: (\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', () => reject(new Error(`serve exited early: ${out}`)));
    });
    const stateUrl = tokenUrl.replace('/api/v0/oauth2/token', '/provider-states');
    const client = await fetch(stateUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'setup', state: 'a registered client', params: {} }) });
    expect(client.status).toBe(200);
    const token = await fetch(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(token.status).toBe(400);
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
