import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { reportHtml, writeHtmlReport } from '../../reporters/html.js';
import { clausesCited } from '../../reporters/html/clauses.js';
import { PRINTED_TRANSCRIPTS } from '../../reporters/html/evidence.js';
import { writeResultsJson } from '../../reporters/results-json.js';
import { evidence, HOSTILE, result, sampleRun } from './sample-run.js';

const SHA = 'a'.repeat(64);

/** The markup of one requirement's row in the matrix and the facts it opens to. */
function resultBlock(page: string, id: string): string {
  const start = page.indexOf(`<details class="result`, page.indexOf(`id="req-${id}"`) - 200);
  expect(start, `no result ${id}`).toBeGreaterThan(-1);
  return page.slice(start, page.indexOf('</details>', start));
}

/** The markup of one requirement's evidence, in the evidence section. */
function evidenceBlock(page: string, id: string): string {
  const start = page.indexOf(`id="ev-${id}"`);
  expect(start, `no evidence for ${id}`).toBeGreaterThan(-1);
  return page.slice(start, page.indexOf('</section>', start));
}

/** The markup of a section of the page by its id. */
function section(page: string, id: string): string {
  const start = page.indexOf(`<section class="findings" id="${id}">`) > -1 ? page.indexOf(`<section class="findings" id="${id}">`) : page.indexOf(`<section id="${id}">`);
  expect(start, `no section ${id}`).toBeGreaterThan(-1);
  return page.slice(start, page.indexOf('</section>', start));
}

describe('report.html', () => {
  it('escapes everything that comes from the target or the results, in text and attributes', () => {
    const run = sampleRun({ target: HOSTILE, options: { header: HOSTILE } });
    const hostile = {
      ...run,
      results: run.results.map((r) => ({ ...r, title: HOSTILE, reason: HOSTILE, category: HOSTILE as never, evidence: r.evidence.map((e) => ({ ...e, variant: HOSTILE, actual: HOSTILE, curl: HOSTILE })) })),
    };
    const page = reportHtml(hostile, SHA);
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp;&#39;');
    // In an attribute (the category filter's option value, each row's data-category) it stays inside the quotes.
    expect(page).toContain('data-category="&lt;script&gt;alert(&quot;x&quot;)');
    // The only script is the report's own.
    expect(page.match(/<script>/g)).toHaveLength(1);
  });

  it('shows the verdict, the run facts and the summary counts of the model, computing none', () => {
    const run = sampleRun();
    const page = reportHtml(run, SHA);
    expect(page).toContain('<span class="verdict v-not-conformant"><b class="mark" aria-hidden="true">✗</b> <span id="verdict">not conformant</span></span>');
    expect(page).toContain('<p class="statement" id="verdict-statement">not conformant: 2 MUST requirements failed, besides 1 known failure and 1 warning</p>');
    expect(page).toContain('not conformant (exit status 1)');
    for (const fact of [run.target, run.profile, 'grantproof 0.1.0', run.startedAt, run.finishedAt, '(5.5 s)', 'x-api-key']) expect(page).toContain(fact);
    for (const [key, count] of Object.entries(run.summary)) expect(page).toContain(`<b data-count="${key}">${count}</b>`);
    expect(page).toContain(`<b data-count="total">${run.results.length}</b>`);
    // A model that says otherwise is shown as it says: the report judges nothing.
    expect(reportHtml({ ...run, verdict: 'conformant' }, SHA)).toContain('id="verdict">conformant<');
  });

  it('opens with what an auditor reads first: failed MUSTs, known failures, unjudged MUSTs, open threats and warnings, one line each with its clause', () => {
    const page = reportHtml(sampleRun(), SHA);
    const first = page.slice(0, page.indexOf('</section>', page.indexOf('<section class="findings" id="warnings">')));
    expect(first.indexOf('id="failed-musts"')).toBeLessThan(first.indexOf('id="known-failures"'));
    const failed = section(page, 'failed-musts');
    expect(failed.match(/<li /g)).toHaveLength(2);
    expect(failed).toContain('<span class="status"><b class="mark" aria-hidden="true">✗</b> FAILED</span> <a class="id" href="#req-AUTH-EXP-PAST">AUTH-EXP-PAST</a> AUTH-EXP-PAST title <span class="why">— expected 401 client_secret_expired, got 401 invalid_client (error differs)</span> <span class="source">SPEC §1 step 4</span>');
    const known = section(page, 'known-failures');
    expect(known).toContain('<span class="status"><b class="mark" aria-hidden="true">✗</b> known failure</span> <a class="id" href="#req-REDIRECT-MISMATCH">REDIRECT-MISMATCH</a>');
    expect(known).toContain('tracked upstream <a href="https://issues.example/42">');
    expect(section(page, 'gaps').match(/<li /g)).toHaveLength(2);
    const threats = section(page, 'open-threats');
    expect(threats).toContain('<a class="id" href="#threat-T-SEED-EXPIRED-JWT">T-SEED-EXPIRED-JWT</a>');
    expect(threats).toContain('— not met: AUTH-EXP-PAST');
    expect(threats).toContain('<span class="threat-status"><b class="mark" aria-hidden="true">✗</b> not mitigated</span>');
    expect(section(page, 'warnings')).toContain('<a class="id" href="#req-AUTH-REPLAY">AUTH-REPLAY</a> AUTH-REPLAY title <span class="why">— the same JWT was accepted twice</span>');
  });

  it('never shows a conformant run with known failures in the colour of a clean pass, and says what the verdict rests on', () => {
    const run = sampleRun();
    const onlyKnown = run.results.map((r) => (r.status === 'passed' || r.status === 'known-failure' ? r : { ...r, status: 'passed' as const, reason: undefined }));
    const conformant = { ...run, verdict: 'conformant' as const, results: onlyKnown, summary: { passed: onlyKnown.length - 1, failed: 0, warnings: 0, skipped: 0, inconclusive: 0, knownFailures: 1 } };
    const page = reportHtml(conformant, SHA);
    expect(page).toContain('<span class="verdict v-conformant-with-known-failures"><b class="mark" aria-hidden="true">!</b> <span id="verdict">conformant</span></span>');
    expect(page).toContain('id="verdict-statement">conformant with 1 known failure</p>');
    expect(page).not.toContain('v-conformant"');
    expect(page).not.toContain('id="failed-musts"');
  });

  it('lists every threat with the model\'s status as mark and word, its source and each alternative\'s requirements with theirs', () => {
    const page = reportHtml(sampleRun(), SHA);
    const threats = section(page, 'threats');
    expect(threats.match(/<tr class="t-/g)?.length).toBe(sampleRun().threats!.length);
    const row = threats.slice(threats.indexOf('id="threat-T-REDIRECT-URI-MANIPULATION"'), threats.indexOf('</tr>', threats.indexOf('id="threat-T-REDIRECT-URI-MANIPULATION"')));
    expect(row).toContain('<b class="mark" aria-hidden="true">✗</b> not mitigated');
    expect(row).toContain('RFC 9700 §4.1');
    expect(row).toContain('<span class="ref s-known-failure" title="known-failure"><b class="mark" aria-hidden="true">✗</b> <a href="#req-REDIRECT-MISMATCH">REDIRECT-MISMATCH</a></span>');
    expect(resultBlock(page, 'AUTH-EXP-PAST')).toContain('<dt>counters</dt><dd><a href="#threat-T-SEED-EXPIRED-JWT">T-SEED-EXPIRED-JWT</a></dd>');
  });

  it('says so when a results.json from before the threat catalogue carries no threats', () => {
    const { threats: _threats, ...older } = sampleRun();
    const page = reportHtml(older, SHA);
    expect(section(page, 'open-threats')).toContain('carries no threat view');
    expect(page).not.toContain('<section id="threats">');
  });

  it('has a clause index: every RFC and SPEC clause cited, in order, with its requirements\' and threats\' statuses', () => {
    const page = reportHtml(sampleRun(), SHA);
    const index = section(page, 'clauses');
    const clauses = [...index.matchAll(/<tr data-clause="([^"]+)">/g)].map((m) => m[1]);
    expect(clauses.slice(0, 3)).toEqual(['SPEC §1', 'SPEC §1 step 4', 'SPEC §1 step 9']);
    expect(clauses).toContain('RFC 6749 §5.1');
    expect(clauses.indexOf('RFC 6819 §4.3.3')).toBeLessThan(clauses.indexOf('RFC 6819 §4.4.1.1'));
    expect(clauses.indexOf('RFC 6819 §4.4.1.3')).toBeLessThan(clauses.indexOf('RFC 6819 §4.4.1.11'));
    expect(clauses.every((c) => /^(SPEC|RFC \d+) §/.test(c!))).toBe(true);
    const rfc9700 = index.slice(index.indexOf('data-clause="RFC 9700 §4.1"'), index.indexOf('</tr>', index.indexOf('data-clause="RFC 9700 §4.1"')));
    expect(rfc9700).toContain('href="#threat-T-REDIRECT-URI-MANIPULATION"');
  });

  it('reads the clauses a source cites without its remarks, a remark with a ";" of its own included', () => {
    expect(clausesCited('SPEC §1 (request); RFC 9110 §8.3.1 (type and subtype are case-insensitive; OWS before ";"); RFC 8259 §11 (a charset has no effect)')).toEqual([
      { document: 'SPEC', section: '§1' },
      { document: 'RFC 9110', section: '§8.3.1' },
      { document: 'RFC 8259', section: '§11' },
    ]);
    expect(clausesCited('RFC 6819 §5.1.5.3, §5.1.5.4 (short expiry, one-time use); seed 002')).toEqual([
      { document: 'RFC 6819', section: '§5.1.5.3' },
      { document: 'RFC 6819', section: '§5.1.5.4' },
    ]);
  });

  it('shows requirements no test exercised as gaps with their reason, never as passes', () => {
    const page = reportHtml(sampleRun(), SHA);
    const skipped = resultBlock(page, 'CODE-EXPIRED');
    expect(skipped).toContain('<span class="status"><b class="mark" aria-hidden="true">–</b> gap: not exercised</span>');
    expect(skipped).toContain('no fixture: the target does not support &quot;an expired authorization code&quot;');
    expect(skipped).toContain('none recorded');
    const inconclusive = resultBlock(page, 'CODE-REUSED');
    expect(inconclusive).toContain('<span class="status"><b class="mark" aria-hidden="true">?</b> gap: inconclusive</span>');
    expect(inconclusive).toContain('the positive control failed');
    for (const block of [skipped, inconclusive]) expect(block).not.toMatch(/passed<\/span>/);
  });

  it('groups the matrix by category with each level, status and source clause', () => {
    const page = reportHtml(sampleRun(), SHA);
    const headings = [...page.matchAll(/<h3>([^<]+) <span/g)].map((m) => m[1]);
    expect(headings).toEqual(['Responses', 'Client authentication', 'Authorization code', 'Redirect URI', 'Properties (generated requests)', 'Contract (Pact verification)']);
    const row = resultBlock(page, 'RESP-SUCCESS');
    expect(row).toContain('<span class="level">MUST</span>');
    expect(row).toContain('<span class="source">SPEC §1 step 9; RFC 6749 §5.1</span>');
    expect(resultBlock(page, 'AUTH-REPLAY')).toContain('<span class="level">SHOULD</span><span class="title">AUTH-REPLAY title<span class="reason">the same JWT was accepted twice</span>');
  });

  it('opens each result to its facts and links its evidence: wrong exchanges first, transcripts, curl, expected and actual', () => {
    const page = reportHtml(sampleRun(), SHA);
    expect(resultBlock(page, 'AUTH-EXP-PAST')).toContain('<dt>evidence</dt><dd><a href="#ev-AUTH-EXP-PAST">2 exchanges, 1 not as expected (listed first)</a></dd>');
    const block = evidenceBlock(page, 'AUTH-EXP-PAST');
    expect(block.indexOf('evidence wrong')).toBeLessThan(block.indexOf('evidence ok'));
    expect(block).toContain('<dt>expected</dt><dd>401 client_secret_expired</dd>');
    expect(block).toContain('<dt>actual</dt><dd>401 invalid_client</dd>');
    expect(block).toContain('POST http://127.0.0.1:1/api/v0/oauth2/token\ncontent-type: application/json\n\n{&quot;passphrase&quot;:&quot;[redacted passphrase]&quot;}');
    expect(block).toContain('HTTP 401\ncontent-type: application/json\n\n{&quot;error&quot;:&quot;invalid_client&quot;}');
    expect(block).toContain('<pre class="curl">curl -sS -X POST');
  });

  it('marks the first wrong exchanges of a requirement for print in full, and says the others are in report.html', () => {
    const run = sampleRun();
    const many = Array.from({ length: PRINTED_TRANSCRIPTS + 2 }, (_, i) => evidence({ variant: `wrong ${i}`, ok: false }));
    const page = reportHtml({ ...run, results: run.results.map((r) => (r.id === 'AUTH-EXP-PAST' ? { ...r, evidence: [evidence(), ...many] } : r)) }, SHA);
    const block = evidenceBlock(page, 'AUTH-EXP-PAST');
    expect(block.match(/class="evidence wrong printed"/g)).toHaveLength(PRINTED_TRANSCRIPTS);
    expect(block.match(/class="evidence wrong"/g)).toHaveLength(2);
    expect(block).toContain(`The first ${PRINTED_TRANSCRIPTS} of ${PRINTED_TRANSCRIPTS + 2} exchanges not as expected are printed in full`);
    expect(evidenceBlock(reportHtml(run, SHA), 'AUTH-EXP-PAST')).not.toContain('print-only');
  });

  it('shows a property failure with its seed, path and shrunk example, and a missing answer', () => {
    const block = evidenceBlock(reportHtml(sampleRun(), SHA), 'PROP-NO-5XX');
    expect(block).toContain('shrunk to: exp as a boolean');
    expect(block).toContain('<dt>seed</dt><dd>1234</dd>');
    expect(block).toContain('<dt>path</dt><dd>7:0:1</dd>');
    expect(block).toContain('<dt>shrunk</dt><dd>yes');
    expect(block).toContain('no response: no answer within 10 s');
  });

  it('says under a cut body that it is an excerpt, with the length and SHA-256 of the whole (issue 16 item 2)', () => {
    const cut = evidence({ response: { status: 401, headers: {}, body: '{"error":"invalid_client","error_description":"ddd', bodyCut: true, bodyBytes: 1_500_049, bodySha256: 'ab'.repeat(32) } });
    const block = evidenceBlock(reportHtml(sampleRun({ results: [result({ id: 'AUTH-WRONG-KEY', status: 'passed', evidence: [cut] })] }), SHA), 'AUTH-WRONG-KEY');
    expect(block).toContain(`[body cut: its first 2048 characters of 1500049 bytes are shown; SHA-256 ${'ab'.repeat(32)}]`);
  });

  it('shows a known failure with its reason and link, and never makes a non-http link clickable', () => {
    const page = reportHtml(sampleRun(), SHA);
    const known = resultBlock(page, 'REDIRECT-MISMATCH');
    expect(known).toContain('<span class="status"><b class="mark" aria-hidden="true">✗</b> known failure</span>');
    expect(known).toContain('<dt>known failure</dt><dd>tracked upstream <a href="https://issues.example/42">https://issues.example/42</a></dd>');
    const run = sampleRun();
    const hostileLink = { ...run, results: run.results.map((r) => (r.id === 'REDIRECT-MISMATCH' ? { ...r, knownFailure: { reason: 'x', link: 'javascript:alert(1)' } } : r)) };
    expect(resultBlock(reportHtml(hostileLink, SHA), 'REDIRECT-MISMATCH')).toContain('<dd>x javascript:alert(1)</dd>');
    const malformed = { ...run, results: run.results.map((r) => (r.id === 'REDIRECT-MISMATCH' ? { ...r, knownFailure: 'just a string' as never } : r)) };
    expect(resultBlock(reportHtml(malformed, SHA), 'REDIRECT-MISMATCH')).not.toContain('<dt>known failure</dt>');
  });

  it('shows the target log when the run carries one, escaped, and no section otherwise', () => {
    expect(reportHtml(sampleRun(), SHA)).not.toContain('class="target-log"');
    const page = reportHtml(sampleRun({ targetLog: { source: 'container grantproof-target', lines: ['listening on :10100', `panic: ${HOSTILE}`] } }), SHA);
    expect(page).toContain('<h2>Target log <span class="meta">(container grantproof-target)</span></h2>');
    expect(page).toContain('<pre>listening on :10100\npanic: &lt;script&gt;');
  });

  it('has the filters (failed only, level, category) and their inline script, hidden in print', () => {
    const page = reportHtml(sampleRun(), SHA);
    expect(page).toContain('<input type="checkbox" name="failedOnly"> failed only (known failures included)');
    expect(page).toContain("const FAILED = ['failed', 'known-failure'];");
    expect(page).toContain('<select name="level"><option value="">all</option><option>MUST</option><option>SHOULD</option></select>');
    for (const category of ['response', 'client-authentication', 'authorization-code', 'redirect-uri', 'properties', 'contract']) {
      expect(page).toContain(`<option value="${category}">`);
    }
    expect(page).toMatch(/<script>[\s\S]*applyFilters[\s\S]*<\/script>/);
    const print = page.slice(page.indexOf('@media print'), page.indexOf('</style>'));
    expect(print).toContain('#filters { display: none; }');
    expect(print).toContain('details.evidence.printed::details-content { content-visibility: visible; display: block; }');
    expect(print).toContain('section.evidence-of.s-passed, section.evidence-of.s-skipped, section.evidence-of.s-inconclusive { display: none !important; }');
  });

  it('fetches nothing: no external reference, and a Content-Security-Policy that forbids any', () => {
    const page = reportHtml(sampleRun(), SHA);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; script-src &#39;unsafe-inline&#39;">`);
    expect(page).not.toMatch(/<link|<img|<iframe|src=|url\(|@import/);
    // The one outside address is the known failure's link (on the first page and in its row), only followed on a click.
    expect([...page.matchAll(/href="([^"#][^"]*)"/g)].map((m) => m[1])).toEqual(['https://issues.example/42', 'https://issues.example/42']);
  });

  it('carries the SHA-256 of results.json as written, the digest sha256sum prints', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'grantproof-html-'));
    const run = sampleRun();
    const resultsFile = await writeResultsJson(dir, run);
    const reportFile = await writeHtmlReport(dir, run, await readFile(resultsFile));
    const { stdout } = await promisify(execFile)('sha256sum', ['results.json'], { cwd: dir });
    const digest = stdout.split(' ')[0]!;
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    const page = await readFile(reportFile, 'utf8');
    expect(page).toContain(`<code id="results-sha256">${digest}</code>`);
    expect(page).toContain('<code>sha256sum results.json</code>');
  });

  it('is a pure function of the model: the same model renders the same bytes', () => {
    expect(reportHtml(sampleRun(), SHA)).toBe(reportHtml(JSON.parse(JSON.stringify(sampleRun())), SHA));
  });
});
