import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256Hex, writeHtmlReport } from '../reporters/html.js';
import { printPdf } from '../reporters/pdf.js';
import { RESULTS_FILE } from '../reporters/results-json.js';
import type { RunResults } from '../results/model.js';
import { launchChromium } from './chromium.js';
import { UsageError } from './errors.js';

export interface ReportFlags {
  out: string;
  pdf?: string;
}

/**
 * `grantproof report`: renders report.html again from the results.json in `--out` alone
 * (after merging shards, say; the report is a function of that file), and with `--pdf`
 * prints it to PDF through Chromium.
 */
export async function report(flags: ReportFlags, out: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const bytes = await readResultsFile(flags.out);
  const run = parseResults(bytes, path.join(flags.out, RESULTS_FILE));
  const browser = flags.pdf === undefined ? null : await launchChromium(env);
  try {
    const htmlFile = await writeHtmlReport(flags.out, run, bytes);
    out(`report: ${htmlFile}`);
    if (browser && flags.pdf !== undefined) {
      await printPdf(browser, htmlFile, path.resolve(flags.pdf), sha256Hex(bytes));
      out(`pdf: ${flags.pdf}`);
    }
  } finally {
    await browser?.close();
  }
}

async function readResultsFile(outDir: string): Promise<Buffer> {
  const file = path.join(outDir, RESULTS_FILE);
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UsageError(`no ${RESULTS_FILE} in ${outDir}: run \`grantproof run --out ${outDir}\` first, or give --out the folder that holds one`);
    }
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** SPEC §4 results.json, schema version 1; anything else is refused in one line. */
function parseResults(bytes: Buffer, file: string): RunResults {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new UsageError(`${file} is not JSON (${(error as Error).message}): give --out the folder of a grantproof run`);
  }
  const candidate = parsed as Partial<RunResults> | null;
  if (candidate?.schemaVersion !== 1 || !Array.isArray(candidate.results)) {
    throw new UsageError(`${file} is not a grantproof results file (schemaVersion 1 with results): give --out the folder of a grantproof run`);
  }
  return candidate as RunResults;
}
