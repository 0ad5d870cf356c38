import { describe, expect, it } from 'vitest';
import { junitXml } from '../../reporters/junit.js';
import { summaryTable } from '../../reporters/terminal.js';
import { threatLine, verdictStatement } from '../../results/statement.js';
import { evidence, sampleRun } from './sample-results.js';

const failed = { status: 'failed' as const, reason: 'expected 401 invalid_client, got 200', evidence: [evidence({ ok: false, actual: '200 with an access grant' })] };
const known = (id: string) => ({ status: 'known-failure' as const, reason: 'got 200', knownFailure: { reason: `tracked as ${id}` }, evidence: [evidence({ ok: false })] });

/** The `<property name="NAME" value="…"/>` of junit.xml, unescaped. */
function junitProperty(xml: string, name: string): string | undefined {
  const value = new RegExp(`<property name="${name}" value="([^"]*)"/>`).exec(xml)?.[1];
  return value?.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

describe('the verdict statement and the threat line, said the same by the terminal summary and junit.xml', () => {
  it('rests a conformant verdict on its known failures and warnings, never on "passed" alone', () => {
    expect(verdictStatement(sampleRun())).toBe('conformant: every selected MUST requirement passed');
    const run = sampleRun({ 'AUTH-ALG-NONE': known('1'), 'CODE-REUSED': known('2'), 'REDIRECT-MISMATCH': known('3') });
    expect(run.verdict).toBe('conformant');
    expect(verdictStatement(run)).toBe('conformant with 3 known failures');
    expect(verdictStatement(sampleRun({ 'AUTH-REPLAY': { status: 'warning', reason: 'accepted twice', evidence: [evidence({ ok: false })] } }))).toBe('conformant with 1 warning');
  });

  it('counts the failed MUSTs of a run that is not conformant, and the unjudged ones of a run with no verdict', () => {
    expect(verdictStatement(sampleRun({ 'AUTH-ALG-NONE': failed, 'CODE-REUSED': known('2') }))).toBe('not conformant: 1 MUST requirement failed, besides 1 known failure');
    expect(verdictStatement(sampleRun({ 'CODE-EXPIRED': { status: 'skipped', reason: 'no fixture', evidence: [] } }))).toBe('no verdict: 1 MUST requirement could not be judged (skipped or inconclusive)');
  });

  it('names the open threats in one line, which the terminal prints and junit.xml carries', () => {
    const run = sampleRun({ 'AUTH-ALG-NONE': failed, 'CODE-REUSED': known('2') });
    const line = threatLine(run.threats)!;
    expect(line).toMatch(/^threats: 1 not mitigated · 1 partially mitigated · \d+ mitigated; open: T-JWT-UNSIGNED \(not mitigated\), T-CODE-REPLAY \(partially mitigated\)$/);
    const terminal = summaryTable(run).split('\n');
    expect(terminal).toContain(line);
    expect(terminal.at(-1)).toBe(`verdict: ${verdictStatement(run)}`);
    const xml = junitXml(run);
    expect(junitProperty(xml, 'threats')).toBe(line);
    expect(junitProperty(xml, 'verdict statement')).toBe(verdictStatement(run));
    expect(junitProperty(xml, 'verdict')).toBe('not conformant');
  });

  it('says none is open on a clean run, and leaves the line out for a results.json written before threats', () => {
    expect(threatLine(sampleRun().threats)).toMatch(/^threats: \d+ mitigated; none open$/);
    const { threats: _none, ...older } = sampleRun();
    expect(threatLine(undefined)).toBeNull();
    expect(summaryTable(older)).not.toContain('threats:');
  });
});
