import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

/** The parts of an Allure result file (allure-js-commons' TestResult) the tests read. */
export interface AllureStep {
  readonly name: string;
  readonly status?: string;
  readonly statusDetails?: { readonly message?: string };
  readonly parameters: readonly { readonly name: string; readonly value: string }[];
  readonly attachments: readonly { readonly name: string; readonly source: string; readonly type: string }[];
  readonly steps: readonly AllureStep[];
}

export interface AllureResult extends AllureStep {
  readonly testCaseId?: string;
  readonly historyId?: string;
  readonly description?: string;
  readonly labels: readonly { readonly name: string; readonly value: string }[];
  readonly links: readonly { readonly url: string; readonly name?: string; readonly type?: string }[];
}

/** Every `*-result.json` under `OUT/allure-results`, by the requirement label. */
export async function allureResults(outDir: string): Promise<Map<string, AllureResult>> {
  const dir = path.join(outDir, 'allure-results');
  const files = (await readdir(dir)).filter((f) => f.endsWith('-result.json'));
  const results = await Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(dir, f), 'utf8')) as AllureResult));
  const byId = new Map<string, AllureResult>();
  for (const result of results) {
    const id = labelOf(result, 'requirement');
    if (!id || byId.has(id)) throw new Error(`allure-results: ${id ? `two results for ${id}` : `a result without a requirement label: ${result.name}`}`);
    byId.set(id, result);
  }
  return byId;
}

export function labelOf(result: AllureResult, name: string): string | undefined {
  return result.labels.find((l) => l.name === name)?.value;
}

/** The text of an attachment of a result. */
export function attachmentText(outDir: string, source: string): Promise<string> {
  return readFile(path.join(outDir, 'allure-results', source), 'utf8');
}

/** The Allure statuses and grantproof result labels of a run, by requirement ID, for comparing runs. */
export function allureStatuses(results: ReadonlyMap<string, AllureResult>): Record<string, string> {
  return Object.fromEntries([...results].sort(([a], [b]) => a.localeCompare(b)).map(([id, r]) => [id, `${r.status} ${labelOf(r, 'result')}`]));
}
