import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { reportHtml, writeHtmlReport } from '../../reporters/html.js';
import { writeResultsJson } from '../../reporters/results-json.js';
import { evidence, HOSTILE, result, sampleRun } from './sample-run.js';

const SHA = 'a'.repeat(64);

/** The markup of one requirement's row and everything it opens to. */
function resultBlock(page: string, id: string): string {
  const start = page.indexOf(`<details class="result`, page.indexOf(`id="req-${id}"`) - 200);
  expect(start, `no result ${id}`).toBeGreaterThan(-1);
  const end = page.indexOf('<details class="result', start + 1);
  return page.slice(start, end === -1 ? page.indexOf('</section>', start) : end);
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
    expect(page).toContain('<span class="verdict not-conformant" id="verdict">not conformant</span>');
    expect(page).toContain('not conformant (exit status 1)');
    for (const fact of [run.target, run.profile, 'grantproof 0.1.0', run.startedAt, run.finishedAt, '(5.5 s)', 'x-api-key']) expect(page).toContain(fact);
    for (const [key, count] of Object.entries(run.summary)) expect(page).toContain(`<b data-count="${key}">${count}</b>`);
    expect(page).toContain(`<b data-count="total">${run.results.length}</b>`);
    // A model that says otherwise is shown as it says: the report judges nothing.
    expect(reportHtml({ ...run, verdict: 'conformant' }, SHA)).toContain('id="verdict">conformant<');
  });

  it('shows requirements no test exercised as gaps with their reason, never as passes', () => {
    const page = reportHtml(sampleRun(), SHA);
    const skipped = resultBlock(page, 'CODE-EXPIRED');
    expect(skipped).toContain('<span class="status">gap: not exercised</span>');
    expect(skipped).toContain('no fixture: the target does not support &quot;an expired authorization code&quot;');
    expect(skipped).toContain('none recorded');
    const inconclusive = resultBlock(page, 'CODE-REUSED');
    expect(inconclusive).toContain('<span class="status">gap: inconclusive</span>');
    expect(inconclusive).toContain('the positive control failed');
    for (const block of [skipped, inconclusive]) expect(block).not.toMatch(/class="status">passed/);
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

  it('opens each result to its evidence: wrong exchanges first, transcripts, curl, expected and actual', () => {
    const block = resultBlock(reportHtml(sampleRun(), SHA), 'AUTH-EXP-PAST');
    expect(block).toContain('2 exchanges, 1 not as expected (listed first)');
    expect(block.indexOf('evidence wrong')).toBeLessThan(block.indexOf('evidence ok'));
    expect(block).toContain('<dt>expected</dt><dd>401 client_secret_expired</dd>');
    expect(block).toContain('<dt>actual</dt><dd>401 invalid_client</dd>');
    expect(block).toContain('POST http://127.0.0.1:1/api/v0/oauth2/token\ncontent-type: application/json\n\n{&quot;passphrase&quot;:&quot;[redacted passphrase]&quot;}');
    expect(block).toContain('HTTP 401\ncontent-type: application/json\n\n{&quot;error&quot;:&quot;invalid_client&quot;}');
    expect(block).toContain('<pre class="curl">curl -sS -X POST');
  });

  it('shows a property failure with its seed, path and shrunk example, and a missing answer', () => {
    const block = resultBlock(reportHtml(sampleRun(), SHA), 'PROP-NO-5XX');
    expect(block).toContain('shrunk to: exp as a boolean');
    expect(block).toContain('<dt>seed</dt><dd>1234</dd>');
    expect(block).toContain('<dt>path</dt><dd>7:0:1</dd>');
    expect(block).toContain('<dt>shrunk</dt><dd>yes');
    expect(block).toContain('no response: no answer within 10 s');
  });

  it('says under a cut body that it is an excerpt, with the length and SHA-256 of the whole (issue 16 item 2)', () => {
    const cut = evidence({ response: { status: 401, headers: {}, body: '{"error":"invalid_client","error_description":"ddd', bodyCut: true, bodyBytes: 1_500_049, bodySha256: 'ab'.repeat(32) } });
    const block = resultBlock(reportHtml(sampleRun({ results: [result({ id: 'AUTH-WRONG-KEY', status: 'passed', evidence: [cut] })] }), SHA), 'AUTH-WRONG-KEY');
    expect(block).toContain(`[body cut: its first 2048 characters of 1500049 bytes are shown; SHA-256 ${'ab'.repeat(32)}]`);
  });

  it('shows a known failure with its reason and link, and never makes a non-http link clickable', () => {
    const page = reportHtml(sampleRun(), SHA);
    const known = resultBlock(page, 'REDIRECT-MISMATCH');
    expect(known).toContain('<span class="status">known failure</span>');
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
    expect(page).toContain('<input type="checkbox" name="failedOnly">');
    expect(page).toContain('<select name="level"><option value="">all</option><option>MUST</option><option>SHOULD</option></select>');
    for (const category of ['response', 'client-authentication', 'authorization-code', 'redirect-uri', 'properties', 'contract']) {
      expect(page).toContain(`<option value="${category}">`);
    }
    expect(page).toMatch(/<script>[\s\S]*applyFilters[\s\S]*<\/script>/);
    const print = page.slice(page.indexOf('@media print'), page.indexOf('</style>'));
    expect(print).toContain('#filters { display: none; }');
    expect(print).toContain('details::details-content { content-visibility: visible; display: block; }');
  });

  it('fetches nothing: no external reference, and a Content-Security-Policy that forbids any', () => {
    const page = reportHtml(sampleRun(), SHA);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; script-src &#39;unsafe-inline&#39;">`);
    expect(page).not.toMatch(/<link|<img|<iframe|src=|url\(|@import/);
    // The one outside address is the known failure's link, which is only followed on a click.
    expect([...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual(['https://issues.example/42']);
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
