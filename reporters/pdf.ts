import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';

/** Page numbers at the foot of every page, so a printed report can be cited by page. */
const FOOTER = '<div style="font-size:8px;width:100%;text-align:center;color:#57606a"><span class="pageNumber"></span> / <span class="totalPages"></span></div>';

/**
 * Prints report.html to PDF the way Chromium prints it: the report's print style opens
 * every result and its evidence and hides the filters, so the PDF holds everything.
 */
export async function printPdf(browser: Browser, htmlFile: string, pdfFile: string): Promise<void> {
  await mkdir(path.dirname(pdfFile), { recursive: true });
  const page = await browser.newPage();
  await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
  await page.pdf({
    path: pdfFile,
    format: 'A4',
    printBackground: true,
    margin: { top: '12mm', bottom: '14mm', left: '10mm', right: '10mm' },
    displayHeaderFooter: true,
    headerTemplate: '<div></div>',
    footerTemplate: FOOTER,
    outline: true,
    tagged: true,
  });
  await page.close();
}
