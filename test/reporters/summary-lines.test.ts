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
    // The threats of profile rfc7523 alone (T-ASSERTION-…) are not relevant to this storx run (SPEC §6).
    expect(line).toMatch(/^threats: 1 not mitigated · 1 partially mitigated · \d+ mitigated · \d+ not relevant; open: T-JWT-UNSIGNED \(not mitigated\), T-CODE-REPLAY \(partially mitigated\)$/);
    const terminal = summaryTable(run).split('\n');
    expect(terminal).toContain(line);
    expect(terminal.at(-1)).toBe(`verdict: ${verdictStatement(run)}`);
    const xml = junitXml(run);
    expect(junitProperty(xml, 'threats')).toBe(line);
    expect(junitProperty(xml, 'verdict statement')).toBe(verdictStatement(run));
    expect(junitProperty(xml, 'verdict')).toBe('not conformant');
  });

  it('says none is open on a clean run, and leaves the line out for a results.json written before threats', () => {
    expect(threatLine(sampleRun().threats)).toMatch(/^threats: \d+ mitigated · \d+ not relevant; none open$/);
    const { threats: _none, ...older } = sampleRun();
    expect(threatLine(undefined)).toBeNull();
    expect(summaryTable(older)).not.toContain('threats:');
  });
});

describe('the terminal summary shows what the report would otherwise hide (issue 21 item 4)', () => {
  const flat = (text: string) => text.replace(/[│┌┐└┘├┤┬┴┼─\s]+/g, ' ');

  it('shows the first line of the redacted body that answered a failed case, cut at 120 characters', () => {
    const crash = 'TypeError: Cannot read properties of undefined (reading \'exp\')\n    at verify (/app/src/token.js:41:17)';
    const run = sampleRun({
      'AUTH-EXP-MISSING': { status: 'failed', reason: 'expected 401 invalid_client, got 500', evidence: [evidence({ ok: false, response: { status: 500, headers: { 'content-type': 'text/plain' }, body: crash } })] },
      'AUTH-ALG-NONE': { status: 'failed', reason: 'got 400', evidence: [evidence(), evidence({ ok: false, response: { status: 400, headers: {}, body: `internal failure ${'word '.repeat(40)}` } })] },
    });
    const terminal = flat(summaryTable(run));
    expect(terminal).toContain("the answer: TypeError: Cannot read properties of undefined (reading 'exp')");
    expect(terminal).not.toContain('at verify');
    expect(terminal).toContain(`the answer: ${`internal failure ${'word '.repeat(40)}`.slice(0, 120)}…`);
  });

  it('names a requirement left out for a reason of its own, as no gap to fix; a plain "not selected" stays out', () => {
    const run = sampleRun({
      'CONTRACT-PACT': { status: 'skipped', reason: 'not selected: no pact source (--pact-dir or --broker-url)', evidence: [] },
      'CODE-REUSED': { status: 'skipped', reason: 'not selected', evidence: [] },
    });
    const terminal = summaryTable(run).split('\n');
    expect(terminal).toContain('CONTRACT-PACT not run, not a gap to fix: not selected: no pact source (--pact-dir or --broker-url)');
    expect(terminal.join('\n')).not.toContain('CODE-REUSED');
  });
});

