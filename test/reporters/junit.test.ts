import { parse, type TestCase } from 'junit2json';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { junitXml } from '../../reporters/junit.js';
import { evidence, sampleRun } from './sample-results.js';

/** A strict XML 1.0 parser's first complaint (saxes checks every character), or null. */
function wellFormednessError(xml: string): string | null {
  const parser = new SaxesParser();
  let error: string | null = null;
  parser.on('error', (e) => {
    error ??= e.message;
  });
  parser.write(xml).close();
  return error;
}

/** junit.xml as a JUnit consumer reads it: the one suite and its testcases by requirement ID. */
async function readJunit(xml: string) {
  expect(wellFormednessError(xml)).toBeNull();
  const parsed = (await parse(xml)) as { testsuite?: { testcase?: TestCase[]; tests?: number; failures?: number; skipped?: number; errors?: number; timestamp?: string; time?: number }[] };
  const suite = parsed.testsuite![0]!;
  const byId = new Map(suite.testcase!.map((c) => [c.name!.split(':')[0]!, c]));
  return { suite, byId };
}

const wrong = evidence({ variant: 'alg "none", no signature part', ok: false, actual: '200 with an access grant' });

describe('junit.xml', () => {
  it('has one testcase per requirement, with totals and a timestamp CI parsers accept', async () => {
    const run = sampleRun();
    const { suite, byId } = await readJunit(junitXml(run));
    expect(byId.size).toBe(run.results.length);
    expect(suite).toMatchObject({ tests: run.results.length, failures: 0, errors: 0, skipped: 0, time: 12.223 });
    // The Ant schema's xs:dateTime without a zone, which Jenkins parses.
    expect(suite.timestamp).toBe('2026-01-02T03:04:05');
    expect(byId.get('RESP-SUCCESS')).toMatchObject({ classname: 'grantproof.response', time: 0.04 });
  });

  it('makes a failed MUST a <failure> with the expected/actual message, its type, and each wrong answer with curl in the body', async () => {
    const reason = '1 of 2 requests answered wrongly; first: alg "none", no signature part: expected 401 invalid_client, got 200 with an access grant';
    const { suite, byId } = await readJunit(junitXml(sampleRun({ 'AUTH-ALG-NONE': { status: 'failed', reason, evidence: [evidence(), wrong] } })));
    const failure = byId.get('AUTH-ALG-NONE')!.failure![0]!;
    expect(failure.message).toBe(reason);
    expect(failure.type).toBe('MUST not met');
    expect(failure.inner).toContain('alg "none", no signature part\n  expected: 401 invalid_client\n  actual:   200 with an access grant\n  curl -sS');
    expect(failure.inner).not.toContain('a fully valid request');
    expect(suite.failures).toBe(1);
  });

  it('makes skipped, inconclusive and known failures <skipped> with their reason, never failures', async () => {
    const run = sampleRun({
      'CODE-EXPIRED': { status: 'skipped', reason: 'no fixture: the target does not support "an expired authorization code"', evidence: [] },
      'AUTH-WRONG-KEY': { status: 'inconclusive', reason: 'the positive control failed', evidence: [] },
      'REDIRECT-MISMATCH': { status: 'known-failure', reason: 'expected 400 invalid_redirect_uri, got 200', knownFailure: { reason: 'trailing slash, JIRA-7', link: 'https://jira.example/JIRA-7' }, evidence: [wrong] },
    });
    const { suite, byId } = await readJunit(junitXml(run));
    expect(suite).toMatchObject({ failures: 0, skipped: 3 });
    expect(byId.get('CODE-EXPIRED')!.skipped![0]!.message).toBe('skipped: no fixture: the target does not support "an expired authorization code"');
    expect(byId.get('AUTH-WRONG-KEY')!.skipped![0]!.message).toBe('inconclusive: the positive control failed');
    const known = byId.get('REDIRECT-MISMATCH')!;
    expect(known.failure).toBeUndefined();
    expect(known.skipped![0]!.message).toBe('known failure: trailing slash, JIRA-7 (https://jira.example/JIRA-7); expected 400 invalid_redirect_uri, got 200');
    expect(known['system-out']![0]).toContain('expected: 401 invalid_client\n  actual:   200 with an access grant');
  });

  it('passes a warning and a prunable expected failure, with the warning or note on <system-out>', async () => {
    const run = sampleRun({
      'AUTH-REPLAY': { status: 'warning', reason: 'the same JWT was accepted twice', evidence: [wrong] },
      'AUTH-ALG-OTHER': { status: 'passed', note: 'listed in --expected-failures but passed: remove it from known.json', evidence: [evidence()] },
    });
    const { suite, byId } = await readJunit(junitXml(run));
    expect(suite).toMatchObject({ failures: 0, skipped: 0 });
    expect(byId.get('AUTH-REPLAY')).toMatchObject({ 'system-out': ['warning (SHOULD): the same JWT was accepted twice'] });
    expect(byId.get('AUTH-REPLAY')!.failure).toBeUndefined();
    expect(byId.get('AUTH-ALG-OTHER')).toMatchObject({ 'system-out': ['listed in --expected-failures but passed: remove it from known.json'] });
  });

  it('stays well-formed when evidence holds characters XML 1.0 cannot carry, and escapes markup', async () => {
    const hostile = evidence({ ok: false, variant: 'a body with \u0000, \u0001, \u001b and a lone \ud800', actual: '400 </failure><x a="&">', curl: "curl --data-raw '\u0007'" });
    const xml = junitXml(sampleRun({ 'REQ-FIELD-TYPES': { status: 'failed', reason: 'a body with \u0001: expected 400', evidence: [hostile] } }));
    const { byId } = await readJunit(xml);
    const failure = byId.get('REQ-FIELD-TYPES')!.failure![0]!;
    expect(failure.message).toBe('a body with \ufffd: expected 400');
    expect(failure.inner).toContain('a body with \ufffd, \ufffd, \ufffd and a lone \ufffd');
    expect(failure.inner).toContain('400 </failure><x a="&">');
  });
});
