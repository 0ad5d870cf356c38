import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../cli/chromium.js';
import { brokenServers } from '../broken-servers/index.js';
import { grantproof, type CliRun } from '../support/run-cli.js';
import { browserTestsSkipReason } from '../support/machine.js';
import { referenceTarget } from '../support/servers.js';

/** A whole run as a child process, with room for a loaded CI machine (a limit, not an assertion). */
const RUN_LIMIT_MS = 180_000;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the screenshot of the report goes (reports/ is git-ignored; CI can keep it as an artifact). */
const SCREENSHOT = path.join(ROOT, 'reports/screenshots/report-html-failed-run.png');
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

const skipReason = browserTestsSkipReason();
if (skipReason) console.log(`test/reporters/browser.test.ts skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)(`report.html in headless Chromium, for a run against a broken server${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let browser: Browser;
  let run: CliRun;
  let reportFile: string;

  beforeAll(async () => {
    const target = await referenceTarget(BROKEN.options);
    try {
      run = await grantproof(['run', ...target.args, '--only', 'conformance']);
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
    for (const [key, count] of Object.entries(results.summary)) expect(await page.locator(`[data-count="${key}"]`).textContent(), key).toBe(String(count));
    expect(await page.locator('#results-sha256').textContent()).toBe(sha256(await readFile(path.join(run.outDir, 'results.json'))));

    const failed = page.locator(`#req-${BROKEN.catches}`);
    expect(await failed.locator('.status').textContent()).toBe('FAILED');
    const wrong = failed.locator('details.evidence.wrong').first();
    const curl = wrong.locator('pre.curl');
    expect(await curl.isVisible()).toBe(false);
    await failed.locator('summary').first().click();
    await wrong.locator('summary').click();
    expect(await curl.isVisible()).toBe(true);
    expect(await curl.textContent()).toMatch(/^curl -sS -X POST http:\/\/127\.0\.0\.1:\d+\/api\/v0\/oauth2\/token /);
    expect(await wrong.locator('dd').first().textContent()).toBe('401 client_secret_expired');
    expect(await wrong.locator('dd').nth(1).textContent()).toBe('401 invalid_client (error differs)');
    expect(await wrong.locator('pre.transcript').first().textContent()).toContain('[signature redacted]');

    const skipped = page.locator('#req-PROP-NO-5XX .status');
    expect(await skipped.textContent()).toBe('gap: not exercised');
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await failed.scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT });
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

  it('prints everything: every result and its evidence open, filtered-out rows shown, no filters', async () => {
    const { page } = await openReport(browser, reportFile);
    await page.locator('select[name="category"]').selectOption('redirect-uri');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#filters').isVisible()).toBe(false);
    expect(await page.locator('details.result:visible').count()).toBe(run.results!.results.length);
    expect(await page.locator(`#req-${BROKEN.catches} details.evidence pre.curl`).first().isVisible()).toBe(true);
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
