import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeResultsJson } from '../../reporters/results-json.js';
import type { RunResults } from '../../results/model.js';
import { startReferenceServer, type RunningReferenceServer } from '../../reference-server/index.js';
import { capLifetime, defaultRfc7523Seams } from '../../reference-server/rfc7523/index.js';
import { judge } from '../support/judge.js';
import { grantproof } from '../support/run-cli.js';

// `grantproof repro` of an rfc7523 run (SPEC §4, §5): the run's profile, audience and methods
// come back from results.json, and a variant named with its method is rebuilt for a client of
// that method. The target accepts any assertion lifetime (AUTH-EXP-TOO-FAR, a SHOULD: a warning).

let server: RunningReferenceServer;
let out: string;
let results: RunResults;
beforeAll(async () => {
  server = await startReferenceServer({ profile: 'rfc7523', enableStates: true, faults: { steps: defaultRfc7523Seams.steps.filter((step) => step !== capLifetime) } });
  out = await mkdtemp(path.join(tmpdir(), 'grantproof-repro-rfc7523-'));
  ({ results } = await judge(['--profile', 'rfc7523', '--audience', 'issuer', '--target', server.tokenUrl, '--state-url', server.stateUrl, '--only', 'AUTH-EXP-TOO-FAR', '--out', out]));
  await writeResultsJson(out, results);
});
afterAll(() => server.close());

describe('grantproof repro of an rfc7523 run', () => {
  it("replays each failing exchange with its own method, as the run's profile sends it", async () => {
    const failing = results.results.find((r) => r.id === 'AUTH-EXP-TOO-FAR')!.evidence.filter((e) => !e.ok);
    expect(failing.map((e) => e.variant)).toEqual([
      'exp a minute beyond the maximum lifetime (client_secret_jwt)',
      'exp ten years ahead (client_secret_jwt)',
      'exp a minute beyond the maximum lifetime (private_key_jwt)',
      'exp ten years ahead (private_key_jwt)',
    ]);
    const repro = await grantproof(['repro', 'AUTH-EXP-TOO-FAR', '--out', out, '--variant', '4']);
    expect({ exit: repro.exitCode, stderr: repro.stderr }).toEqual({ exit: 1, stderr: '' });
    expect(repro.stdout).toMatch(/^AUTH-EXP-TOO-FAR, failing exchange 4 of 4: exp ten years ahead \(private_key_jwt\)\n/);
    expect(repro.stdout).toContain('content-type: application/x-www-form-urlencoded');
    expect(repro.stdout).toMatch(/&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=eyJhbGciOiJFUzI1NiIs/);
    expect(repro.stdout).toContain('failed again, in the same way');
  });
});
