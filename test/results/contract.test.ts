import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exitStatusBreach, resultsContractBreaches } from '../../results/contract.js';
import { evidence, sampleRun } from '../reporters/sample-results.js';

/** A copy of `run` with `change` applied to its JSON form, as an outside writer might get it wrong. */
function broken(run: unknown, change: (doc: Record<string, any>) => void): unknown {
  const doc = JSON.parse(JSON.stringify(run)) as Record<string, any>;
  change(doc);
  return doc;
}

describe('the results contract (schema/results.v1.json and SPEC §4 verdict rules)', () => {
  it('accepts a conformant run, a failing run and a known failure as written by grantproof', () => {
    expect(resultsContractBreaches(sampleRun())).toEqual([]);
    expect(resultsContractBreaches(sampleRun({ 'AUTH-WRONG-KEY': { status: 'failed', reason: 'expected 401 invalid_client, got 200', evidence: [evidence({ ok: false })] } }))).toEqual([]);
    expect(
      resultsContractBreaches(sampleRun({ 'AUTH-WRONG-KEY': { status: 'known-failure', reason: 'got 200', knownFailure: { reason: 'tracked', link: 'https://example.org/1' }, evidence: [evidence()] } })),
    ).toEqual([]);
  });

  it('names each breach by its place in the document', () => {
    const run = sampleRun();
    expect(resultsContractBreaches(broken(run, (d) => (d.schemaVersion = 2)))).toEqual(['/schemaVersion: must be equal to constant']);
    expect(resultsContractBreaches(broken(run, (d) => delete d.verdict))).toEqual(["(top level): must have required property 'verdict'"]);
    expect(resultsContractBreaches(broken(run, (d) => (d.startedAt = 'yesterday')))).toEqual(['/startedAt: must match format "date-time"']);
    expect(resultsContractBreaches(broken(run, (d) => (d.results[2].status = 'flaky')))).toContain('/results/2/status: must be equal to one of the allowed values');
    expect(resultsContractBreaches(broken(run, (d) => delete d.results[1].evidence[0].curl))).toEqual(["/results/1/evidence/0: must have required property 'curl'"]);
  });

  it('refuses a skipped or inconclusive result without a reason, and a failure without evidence', () => {
    const run = sampleRun();
    expect(resultsContractBreaches(broken(run, (d) => Object.assign(d.results[3], { status: 'skipped' })))).toContain("/results/3: must have required property 'reason'");
    expect(resultsContractBreaches(broken(run, (d) => Object.assign(d.results[3], { status: 'failed', reason: 'x', evidence: [] })))).toContain('/results/3/evidence: must NOT have fewer than 1 items');
  });

  it('checks what a schema cannot: one result per ID, the summary counts, the verdict the results make', () => {
    const run = sampleRun();
    expect(resultsContractBreaches(broken(run, (d) => d.results.push(d.results[0])))).toEqual([`${run.results[0]!.id}: more than one result`, `summary.passed is ${run.summary.passed}, the results count ${run.summary.passed + 1}`]);
    expect(resultsContractBreaches(broken(run, (d) => (d.verdict = 'no verdict')))).toEqual(['verdict "no verdict", but the results make it "conformant"']);
    const skippedMust = broken(run, (d) => {
      Object.assign(d.results[1], { status: 'skipped', reason: 'rate limited (429)' });
      Object.assign(d.summary, { passed: run.summary.passed - 1, skipped: 1 });
    });
    expect(resultsContractBreaches(skippedMust)).toEqual([
      'verdict "conformant", but the results make it "no verdict"',
      `threat ${run.results[1]!.threats![0]} is "mitigated", but the results make it "undetermined"`,
    ]);
    const notSelected = broken(skippedMust, (d) => {
      d.results[1].reason = 'not selected';
      d.threats.find((t: { id: string }) => t.id === run.results[1]!.threats![0]).status = 'undetermined';
    });
    expect(resultsContractBreaches(notSelected)).toEqual([]);
  });

  it('allows what version 1 gains later: unknown members, threats, a result\'s threats', () => {
    const run = sampleRun();
    const gained = broken(run, (d) => {
      d.futureField = { anything: true };
      d.threats = [{ id: 'T-UNREGISTERED-CLIENT', title: 't', source: 'RFC 6819 §5.2.3', status: 'mitigated', alternatives: [['AUTH-UNREGISTERED']] }];
      d.results[0].threats = ['T-UNREGISTERED-CLIENT'];
    });
    expect(resultsContractBreaches(gained)).toEqual([]);
  });

  it('says when an exit status contradicts the verdict', () => {
    expect(exitStatusBreach({ verdict: 'conformant' }, 0)).toBeNull();
    expect(exitStatusBreach({ verdict: 'no verdict' }, 1)).toBe('exit status 1, but verdict "no verdict" means 2');
  });

  it('is the schema the package publishes', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { exports: Record<string, string>; files: string[] };
    expect(pkg.exports['./schema/results.v1.json']).toBe('./schema/results.v1.json');
    expect(pkg.files).toContain('schema');
    const schema = JSON.parse(readFileSync(new URL('../../schema/results.v1.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
});
