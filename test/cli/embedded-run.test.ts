import { describe, expect, it } from 'vitest';
import { catalogue } from '../../catalogue/index.js';
import { threats as threatCatalogue } from '../../catalogue/threats.js';
import { contractBreaches, grantproof, idsWith } from '../support/run-cli.js';

describe('grantproof run against the embedded reference server', () => {
  it('passes every requirement, exits 0, and writes results.json and junit.xml by SPEC §4', async () => {
    const run = await grantproof(['run']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(await contractBreaches(run)).toBeNull();
    expect(run.results!.verdict).toBe('conformant');
    expect(idsWith(run, 'passed')).toEqual(catalogue.map((r) => r.id));
    expect(run.stdout).toContain('verdict: conformant');
    expect(run.stderr).toMatch(/\[\s*1\/\d+\] ✓ RESP-SUCCESS/);
  });

  it('shows every threat mitigated: a correct server leaves none open, and none undetermined (SPEC §6)', async () => {
    const run = await grantproof(['run', '--only', 'conformance,properties']);
    expect(run.exitCode, run.stderr).toBe(0);
    const threats = run.results!.threats!;
    expect(threats.map((t) => t.id)).toEqual(threatCatalogue.map((t) => t.id));
    expect(threats.filter((t) => t.status !== 'mitigated').map((t) => `${t.id}: ${t.status}`)).toEqual([]);
    expect(run.results!.results.find((r) => r.id === 'AUTH-ALG-NONE')!.threats).toEqual(['T-JWT-UNSIGNED']);
    expect(run.stdout).toMatch(/^threats: \d+ mitigated; none open$/m);
  });

  it('reports requirements --only left out as skipped, "not selected", without affecting the verdict; the positive control is always reported', async () => {
    const run = await grantproof(['run', '--only', 'AUTH-ALG-']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(await contractBreaches(run)).toBeNull();
    expect(idsWith(run, 'passed')).toEqual(['RESP-SUCCESS', 'AUTH-ALG-NONE', 'AUTH-ALG-OTHER']);
    const others = run.results!.results.filter((r) => !r.id.startsWith('AUTH-ALG-') && r.id !== 'RESP-SUCCESS');
    expect(others.every((r) => r.status === 'skipped' && r.reason === 'not selected')).toBe(true);
    // Progress shows what runs, and one line for the rest (issue 21 item 5).
    const progress = run.stderr.split('\n').filter((line) => /^\[\d+\/\d+\]/.test(line));
    expect(progress.map((line) => line.replace(/ \(.*$/, ''))).toEqual(['[1/3] ✓ RESP-SUCCESS', '[2/3] ✓ AUTH-ALG-NONE', '[3/3] ✓ AUTH-ALG-OTHER']);
    expect(run.stderr).toContain(`- ${others.length} requirements not selected for this run (not run, no effect on the verdict)`);
  });
});
