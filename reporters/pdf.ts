import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { RESULTS_FILE } from './results-json.js';

/**
 * The foot of every page: the SHA-256 of the results.json the report was rendered from, so
 * a single printed page can be matched to its data, and the page number, so it can be cited.
 * The digest is 64 hex characters, checked before it is put into the template.
 */
function footer(resultsSha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(resultsSha256)) throw new Error(`not a SHA-256 digest: ${resultsSha256}`);
  return `<div style="font-size:7px;width:100%;margin:0 10mm;display:flex;justify-content:space-between;color:#57606a;font-family:monospace"><span>${RESULTS_FILE} SHA-256 ${resultsSha256}</span><span>page <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
}

/** Opens the exchanges the print style shows in full, for a Chromium that prints without firing `beforeprint`. */
const OPEN_PRINTED_EVIDENCE = "for (const d of document.querySelectorAll('details.evidence.printed')) d.open = true";

/**
 * Prints report.html to PDF the way Chromium prints it, through the report's print style:
 * the first page, the threats, the matrix and the clause index, then the evidence of the
 * failed, warned and known-failure requirements only (their first wrong exchanges in
 * full, see PRINTED_TRANSCRIPTS), each page footed with the
 * results.json digest and its number.
 */
export async function printPdf(browser: Browser, htmlFile: string, pdfFile: string, resultsSha256: string): Promise<void> {
  await mkdir(path.dirname(pdfFile), { recursive: true });
  const page = await browser.newPage();
  await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
  await page.evaluate(OPEN_PRINTED_EVIDENCE);
  await page.pdf({
    path: pdfFile,
    format: 'A4',
    printBackground: true,
    margin: { top: '12mm', bottom: '14mm', left: '10mm', right: '10mm' },
    displayHeaderFooter: true,
    headerTemplate: '<div></div>',
    footerTemplate: footer(resultsSha256),
    outline: true,
    tagged: true,
  });
  await page.close();
}
