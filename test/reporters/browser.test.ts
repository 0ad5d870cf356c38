import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../cli/chromium.js';
import { PRINTED_TRANSCRIPTS } from '../../reporters/html/evidence.js';
import { brokenServers } from '../broken-servers/index.js';
import { grantproof, type CliRun } from '../support/run-cli.js';
import { browserTestsSkipReason } from '../support/machine.js';
import { referenceTarget } from '../support/servers.js';

/** A whole run as a child process, with room for a loaded CI machine (a limit, not an assertion). */
const RUN_LIMIT_MS = 180_000;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the screenshots of the reports go (reports/ is git-ignored; CI can keep them as artifacts). */
const SCREENSHOTS = path.join(ROOT, 'reports/screenshots');
/** Issue 20: a run with one failure prints on at most this many A4 pages. */
const ONE_FAILURE_PAGE_LIMIT = 15;
const run$ = promisify(execFile);
/** A broken server with a wrong error code: invalid_client where client_secret_expired is due. */
const BROKEN = brokenServers.find((s) => s.name === 'expired-as-invalid-client')!;

interface OpenedReport {
  readonly page: Page;
  /** Everything that shows the report is not self-contained: requests beyond the file itself, errors. */
  readonly offences: string[];
}

/**
 * Opens a report from file:// and records every request other than the document itself
 * (aborting it, so nothing leaves the machine), every console error (a request the
 * report's Content-Security-Policy refused shows as one) and every script error.
 */
async function openReport(browser: Browser, file: string): Promise<OpenedReport> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const documentUrl = pathToFileURL(file).href;
  const offences: string[] = [];
  page.on('request', (request) => {
    if (request.url() !== documentUrl) offences.push(`request: ${request.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') offences.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => offences.push(`script error: ${error.message}`));
  await page.route('**/*', (route) => (route.request().url() === documentUrl ? route.continue() : route.abort()));
  await page.goto(documentUrl, { waitUntil: 'load' });
  return { page, offences };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The pages of a PDF as poppler renders them (pdftoppm, PNG at 50 dpi) into `dir`, in order. */
async function renderPdf(pdf: string, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  await run$('pdftoppm', ['-r', '50', '-png', pdf, path.join(dir, 'page')]);
  const pages = (await readdir(dir)).filter((name) => /^page-\d+\.png$/.test(name));
  return pages.sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0])).map((name) => path.join(dir, name));
}

/** The text of one page of a PDF (poppler's pdftotext). */
async function pdfPageText(pdf: string, page: number): Promise<string> {
  const { stdout } = await run$('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-']);
  return stdout;
}

/** Whether an element lies wholly inside the first screen of the page (the 1280×900 viewport, unscrolled). */
async function onFirstScreen(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= 900;
}

/** Whether a computed colour (`rgb(r, g, b)`) is green: its green channel above the others. */
async function isGreen(locator: Locator, property: 'color' | 'backgroundColor'): Promise<boolean> {
  type Window = { getComputedStyle(element: unknown): Record<string, string> };
  const colour = await locator.evaluate((element, name) => (globalThis as unknown as Window).getComputedStyle(element)[name]!, property);
  const [r, g, b] = colour.match(/\d+/g)!.map(Number);
  return g! > r! && g! > b!;
}

const skipReason = browserTestsSkipReason();
if (skipReason) console.log(`test/reporters/browser.test.ts skipped: ${skipReason}`);
/** The PDF's pages are checked with poppler; like the browser, it is never missing in CI (.ci/run installs it). */
const popplerSkipReason = process.env.CI || spawnSync('pdftoppm', ['-v']).error === undefined ? null : "no pdftoppm; install Debian's poppler-utils (apt-get install poppler-utils)";
if (!skipReason && popplerSkipReason) console.log(`test/reporters/browser.test.ts, the PDF's pages: skipped: ${popplerSkipReason}`);

describe.skipIf(skipReason !== null)(`report.html in headless Chromium, for a run against a broken server${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let browser: Browser;
  let run: CliRun;
  let reportFile: string;
  /** The same run with the bug's requirement listed in --expected-failures: conformant, with one known failure. */
  let known: CliRun;

  beforeAll(async () => {
    const expected = path.join(await mkdtemp(path.join(tmpdir(), 'grantproof-expected-')), 'expected-failures.json');
    await writeFile(expected, JSON.stringify({ [BROKEN.catches]: { reason: 'tracked upstream', link: 'https://issues.example/7' } }));
    const target = await referenceTarget(BROKEN.options);
    try {
      run = await grantproof(['run', ...target.args, '--only', 'conformance']);
      known = await grantproof(['run', ...target.args, '--only', 'conformance', '--expected-failures', expected]);
    } finally {
      await target.close();
    }
    reportFile = path.join(run.outDir, 'report.html');
    browser = await launchChromium();
  }, RUN_LIMIT_MS);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the verdict and counts of results.json, opens the failed requirement to its evidence, and fetches nothing', async () => {
    expect(run.exitCode).toBe(1);
    const results = run.results!;
    const { page, offences } = await openReport(browser, reportFile);
    expect(await page.locator('#verdict').textContent()).toBe('not conformant');
    expect(await page.locator('#verdict-statement').textContent()).toBe('not conformant: 1 MUST requirement failed');
    for (const [key, count] of Object.entries(results.summary)) expect(await page.locator(`[data-count="${key}"]`).textContent(), key).toBe(String(count));
    expect(await page.locator('#results-sha256').textContent()).toBe(sha256(await readFile(path.join(run.outDir, 'results.json'))));

    const failed = page.locator(`#req-${BROKEN.catches}`);
    expect(await failed.locator('.status').textContent()).toBe('✗ FAILED');
    await failed.locator('summary').first().click();
    await failed.locator(`a[href="#ev-${BROKEN.catches}"]`).click();
    const wrong = page.locator(`#ev-${BROKEN.catches} details.evidence.wrong`).first();
    const curl = wrong.locator('pre.curl');
    expect(await curl.isVisible()).toBe(false);
    await wrong.locator('summary').click();
    expect(await curl.isVisible()).toBe(true);
    expect(await curl.textContent()).toMatch(/^curl -sS -X POST http:\/\/127\.0\.0\.1:\d+\/api\/v0\/oauth2\/token /);
    expect(await wrong.locator('dd').first().textContent()).toBe('401 client_secret_expired');
    expect(await wrong.locator('dd').nth(1).textContent()).toBe('401 invalid_client (error differs)');
    expect(await wrong.locator('pre.transcript').first().textContent()).toContain('[signature redacted]');

    const skipped = page.locator('#req-PROP-NO-5XX .status');
    expect(await skipped.textContent()).toBe('– gap: not exercised');
    await mkdir(SCREENSHOTS, { recursive: true });
    await wrong.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-html-failed-evidence.png') });
    expect(offences).toEqual([]);
  });

  it('shows on its first screen the verdict, the failed MUST with its clause, and the threats it leaves open', async () => {
    const { page, offences } = await openReport(browser, reportFile);
    const failure = page.locator('#failed-musts li');
    expect(await failure.count()).toBe(1);
    expect(await failure.textContent()).toContain(`${BROKEN.catches} `);
    expect(await failure.locator('.source').textContent()).toBe(run.results!.results.find((r) => r.id === BROKEN.catches)!.source);
    const open = run.results!.threats!.filter((t) => t.status === 'not mitigated' || t.status === 'partially mitigated');
    expect(open.map((t) => t.id)).toContain('T-SEED-EXPIRED-JWT');
    expect(await page.locator('#open-threats li').evaluateAll((items) => items.map((li) => li.getAttribute('data-threat')))).toEqual(open.map((t) => t.id));
    expect(await page.locator('#open-threats li[data-threat="T-SEED-EXPIRED-JWT"] .threat-status').textContent()).toBe('◐ partially mitigated');
    for (const selector of ['#verdict', '#verdict-statement', '#failed-musts li', '#open-threats li']) expect(await onFirstScreen(page, selector), selector).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-html-failed-run.png') });
    expect(offences).toEqual([]);
  });

  it('shows a known-failure run as conformant with what it rests on, never green, its known failure on the first screen and in "failed only"', async () => {
    expect(known.exitCode).toBe(0);
    const { page, offences } = await openReport(browser, path.join(known.outDir, 'report.html'));
    expect(await page.locator('#verdict').textContent()).toBe('conformant');
    expect(await page.locator('#verdict-statement').textContent()).toBe('conformant with 1 known failure');
    const badge = page.locator('.verdict');
    expect(await badge.getAttribute('class')).toBe('verdict v-conformant-with-known-failures');
    expect(await isGreen(badge, 'backgroundColor'), 'a green verdict badge').toBe(false);
    const line = page.locator('#known-failures li');
    expect(await line.count()).toBe(1);
    expect(await line.locator('.status').textContent()).toBe('✗ known failure');
    expect(await line.textContent()).toContain('tracked upstream');
    const row = page.locator(`#req-${BROKEN.catches}`);
    expect(await isGreen(row.locator('.status'), 'color'), 'a green known-failure status').toBe(false);
    expect(await isGreen(line.locator('.status'), 'color'), 'a green known-failure line').toBe(false);
    expect(await onFirstScreen(page, '#known-failures li')).toBe(true);
    expect(await onFirstScreen(page, '#open-threats li[data-threat="T-SEED-EXPIRED-JWT"]')).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-html-known-failure-run.png') });
    await page.locator('input[name="failedOnly"]').check();
    expect(await page.locator('details.result:visible').evaluateAll((rows) => rows.map((el) => el.getAttribute('data-id')))).toEqual([BROKEN.catches]);
    expect(offences).toEqual([]);
  });

  it('filters by failed only, by level and by category', async () => {
    const results = run.results!.results;
    const { page, offences } = await openReport(browser, reportFile);
    const shown = () => page.locator('details.result:visible').count();
    expect(await shown()).toBe(results.length);
    await page.locator('input[name="failedOnly"]').check();
    expect(await shown()).toBe(run.results!.summary.failed);
    expect(await page.locator('details.result:visible').getAttribute('data-id')).toBe(BROKEN.catches);
    await page.locator('input[name="failedOnly"]').uncheck();
    await page.locator('select[name="level"]').selectOption('SHOULD');
    expect(await shown()).toBe(results.filter((r) => r.level === 'SHOULD').length);
    await page.locator('select[name="level"]').selectOption('');
    await page.locator('select[name="category"]').selectOption('redirect-uri');
    expect(await shown()).toBe(results.filter((r) => r.category === 'redirect-uri').length);
    expect(await page.locator('section.category:visible').count()).toBe(1);
    await page.locator('button[type="reset"]').click();
    await page.locator('section.category:visible').nth(1).waitFor();
    expect(await shown()).toBe(results.length);
    expect(offences).toEqual([]);
  });

  it('prints the matrix whole, one line a requirement, and the evidence of the failure only, its wrong exchanges open', async () => {
    const { page } = await openReport(browser, reportFile);
    await page.locator('select[name="category"]').selectOption('redirect-uri');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#filters').isVisible()).toBe(false);
    expect(await page.locator('details.result:visible').count()).toBe(run.results!.results.length);
    expect(await page.locator('details.result .body:visible').count()).toBe(0);
    expect(await page.locator(`#ev-${BROKEN.catches} details.evidence.printed pre.curl`).first().isVisible()).toBe(true);
    expect(await page.locator('section.evidence-of:visible').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-id')))).toEqual([BROKEN.catches]);
  });

  it('catches a report that would fetch something, whether its Content-Security-Policy refuses it or not', async () => {
    const page = await readFile(reportFile, 'utf8');
    const planted = page.replace('</body>', '<img src="http://127.0.0.1:9/pixel.png"></body>');
    const withoutPolicy = planted.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    const dir = await mkdtemp(path.join(tmpdir(), 'grantproof-planted-'));
    for (const [name, text] of [['refused.html', planted], ['fetched.html', withoutPolicy]] as const) {
      await writeFile(path.join(dir, name), text);
      const { offences } = await openReport(browser, path.join(dir, name));
      expect(offences.join('\n'), name).toContain('127.0.0.1:9/pixel.png');
    }
  });

  it('grantproof report renders the same bytes from results.json alone and prints them to PDF', async () => {
    const written = await readFile(reportFile);
    const pdf = path.join(run.outDir, 'report.pdf');
    const again = await grantproof(['report', '--out', run.outDir, '--pdf', pdf]);
    expect(again.stderr).toBe('');
    expect(again.exitCode).toBe(0);
    expect((await readFile(reportFile)).equals(written)).toBe(true);
    const bytes = await readFile(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it.skipIf(popplerSkipReason !== null)('prints a one-failure run on a few pages, each footed with its number and the results.json SHA-256; its first page is the summary', async () => {
    const pdf = path.join(run.outDir, 'report.pdf');
    if (!(await readdir(run.outDir)).includes('report.pdf')) await grantproof(['report', '--out', run.outDir, '--pdf', pdf]);
    const pages = await renderPdf(pdf, path.join(run.outDir, 'pdf-pages'));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.length).toBeLessThanOrEqual(ONE_FAILURE_PAGE_LIMIT);
    const digest = sha256(await readFile(path.join(run.outDir, 'results.json')));
    const first = await pdfPageText(pdf, 1);
    expect(first).toContain('grantproof report: ✗ not conformant');
    expect(first).toContain('not conformant: 1 MUST requirement failed');
    expect(first).toContain(BROKEN.catches);
    expect(first).toContain('T-SEED-EXPIRED-JWT');
    for (let n = 1; n <= pages.length; n += 1) {
      const text = await pdfPageText(pdf, n);
      expect(text, `page ${n}`).toContain(`results.json SHA-256 ${digest}`);
      expect(text, `page ${n}`).toMatch(new RegExp(`page ${n} / ${pages.length}\\s*$`));
    }
    // Transcripts only of the failure's wrong exchanges: every other exchange is a line, or its requirement's row.
    const printed = (await Promise.all(pages.map((_, i) => pdfPageText(pdf, i + 1)))).join('\n');
    const inFull = run.results!.results.reduce((sum, r) => sum + Math.min(r.evidence.filter((e) => !e.ok).length, PRINTED_TRANSCRIPTS), 0);
    expect(inFull).toBeGreaterThan(0);
    expect(printed.match(/curl -sS -X POST/g)).toHaveLength(inFull);
    await mkdir(SCREENSHOTS, { recursive: true });
    await writeFile(path.join(SCREENSHOTS, 'report-pdf-first-page.png'), await readFile(pages[0]!));
  });
});

describe('grantproof report, when it cannot', () => {
  it('says in one line, exit 2, that there is no results.json to render', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'grantproof-empty-'));
    const run = await grantproof(['report', '--out', empty]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(`grantproof: no results.json in ${empty}: run \`grantproof run --out ${empty}\` first, or give --out the folder that holds one\n`);
  });

  it('refuses a results.json that is not one, in one line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'grantproof-bad-'));
    await writeFile(path.join(dir, 'results.json'), '{"schemaVersion": 2}');
    const run = await grantproof(['report', '--out', dir]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^grantproof: .*results\.json is not a grantproof results file \(schemaVersion 1 with results\): give --out the folder of a grantproof run\n$/);
  });

  it('says how to install Chromium when there is none, exit 2', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'grantproof-nochromium-'));
    await writeFile(path.join(dir, 'results.json'), JSON.stringify({ schemaVersion: 1, results: [] }));
    const run = await grantproof(['report', '--out', dir, '--pdf', path.join(dir, 'report.pdf')], { env: { GRANTPROOF_CHROMIUM: '/nonexistent/chromium' } });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe("grantproof: no Chromium at /nonexistent/chromium: install Debian's chromium: apt-get install chromium (or set GRANTPROOF_CHROMIUM to a Chromium executable)\n");
  });
});
