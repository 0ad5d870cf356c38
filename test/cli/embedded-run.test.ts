import { describe, expect, it } from 'vitest';
import { catalogue } from '../../catalogue/index.js';
import { threats as threatCatalogue } from '../../catalogue/threats.js';
import { profilesOf } from '../../vocabulary/expectation.js';
import { notPartOf } from '../../results/model.js';
import { contractBreaches, grantproof, idsWith } from '../support/run-cli.js';

/** SPEC §7: the opt-in abuse stage, never part of a default run. */
const abuseStage = catalogue.filter((r) => r.stage === 'abuse').map((r) => r.id);
/** Threats only the abuse stage's requirements counter: undetermined in a run that does not select it. */
const abuseThreats = threatCatalogue.filter((t) => t.alternatives.flat().every((id) => abuseStage.includes(id))).map((t) => t.id);
/** SPEC §5: the requirements of profile rfc7523 alone, which a storx run skips, "not part of profile storx". */
const notStorx = catalogue.filter((r) => !profilesOf(r.expect).includes('storx')).map((r) => r.id);
/** Threats of profile rfc7523 alone: not relevant to a storx run (SPEC §6). */
const notStorxThreats = threatCatalogue.filter((t) => t.profiles !== undefined && !t.profiles.includes('storx')).map((t) => t.id);

describe('grantproof run against the embedded reference server', () => {
  it('passes every requirement of the default run, exits 0, and writes results.json and junit.xml by SPEC §4', async () => {
    const run = await grantproof(['run']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(await contractBreaches(run)).toBeNull();
    expect(run.results!.verdict).toBe('conformant');
    expect(idsWith(run, 'passed')).toEqual(catalogue.filter((r) => !abuseStage.includes(r.id) && !notStorx.includes(r.id)).map((r) => r.id));
    expect(run.results!.results.filter((r) => notStorx.includes(r.id)).map((r) => `${r.id} ${r.status}: ${r.reason}`)).toEqual(notStorx.map((id) => `${id} skipped: ${notPartOf('storx')}`));
    // The abuse stage sends bursts: a default run leaves it out, without effect on the verdict.
    expect(abuseStage).toHaveLength(3);
    expect(run.results!.results.filter((r) => abuseStage.includes(r.id)).map((r) => `${r.id} ${r.status}: ${r.reason}`)).toEqual(abuseStage.map((id) => `${id} skipped: not selected`));
    expect(run.stdout).toContain('verdict: conformant');
    expect(run.stderr).toMatch(/\[\s*1\/\d+\] ✓ RESP-SUCCESS/);
  });

  it('shows every threat mitigated: a correct server leaves none open, and none undetermined but those of the abuse stage it did not run (SPEC §6)', async () => {
    const run = await grantproof(['run', '--only', 'conformance,properties']);
    expect(run.exitCode, run.stderr).toBe(0);
    const threats = run.results!.threats!;
    expect(threats.map((t) => t.id)).toEqual(threatCatalogue.map((t) => t.id));
    expect(abuseThreats).toEqual(['T-CLIENT-CREDENTIAL-GUESSING']);
    const expected = (id: string) => (abuseThreats.includes(id) ? 'undetermined' : notStorxThreats.includes(id) ? 'not relevant' : 'mitigated');
    expect(threats.filter((t) => t.status !== expected(t.id)).map((t) => `${t.id}: ${t.status}`)).toEqual([]);
    expect(run.results!.results.find((r) => r.id === 'AUTH-ALG-NONE')!.threats).toEqual(['T-JWT-UNSIGNED']);
    expect(run.stdout).toMatch(new RegExp(`^threats: 1 undetermined · \\d+ mitigated · ${notStorxThreats.length} not relevant; none open$`, 'm'));
  });

  it('reports requirements --only left out as skipped, "not selected", without affecting the verdict; the positive control is always reported', async () => {
    const run = await grantproof(['run', '--only', 'AUTH-ALG-']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(await contractBreaches(run)).toBeNull();
    expect(idsWith(run, 'passed')).toEqual(['RESP-SUCCESS', 'AUTH-ALG-NONE', 'AUTH-ALG-OTHER']);
    const others = run.results!.results.filter((r) => !r.id.startsWith('AUTH-ALG-') && r.id !== 'RESP-SUCCESS');
    expect(others.filter((r) => r.status !== 'skipped' || r.reason !== (notStorx.includes(r.id) ? notPartOf('storx') : 'not selected')).map((r) => r.id)).toEqual([]);
    // Progress shows what runs, and one line for the rest (issue 21 item 5).
    const progress = run.stderr.split('\n').filter((line) => /^\[\d+\/\d+\]/.test(line));
    expect(progress.map((line) => line.replace(/ \(.*$/, ''))).toEqual(['[1/3] ✓ RESP-SUCCESS', '[2/3] ✓ AUTH-ALG-NONE', '[3/3] ✓ AUTH-ALG-OTHER']);
    expect(run.stderr).toContain(`- ${others.length} requirements not selected for this run (not run, no effect on the verdict)`);
  });
});
