import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunResults } from '../results/model.js';

export const RESULTS_FILE = 'results.json';

/** SPEC §4 `results.json`: the results model as it is. */
export async function writeResultsJson(outDir: string, results: RunResults): Promise<string> {
  const file = path.join(outDir, RESULTS_FILE);
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
