import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resultsContractBreaches } from '../results/contract.js';
import type { RunResults } from '../results/model.js';

export const RESULTS_FILE = 'results.json';

/**
 * SPEC §4 `results.json`: the results model as it is, checked against the results contract
 * (the shipped JSON Schema and the verdict rules) before it is written, so that no file
 * grantproof writes breaks the contract outside tools read.
 */
export async function writeResultsJson(outDir: string, results: RunResults): Promise<string> {
  const breaches = resultsContractBreaches(results);
  if (breaches.length > 0) throw new Error(`grantproof built a ${RESULTS_FILE} that breaks schema version 1 (a bug, please report it): ${breaches.join('; ')}`);
  const file = path.join(outDir, RESULTS_FILE);
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
