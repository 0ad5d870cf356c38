import { rm } from 'node:fs/promises';
import path from 'node:path';
import AllureReporter from 'allure-vitest/reporter';
import type { Reporter } from 'vitest/node';
import { harness } from '../../results/package-info.js';

/** SPEC §4: the folder under `--out` that grantproof owns for Allure. */
export const ALLURE_DIR = 'allure-results';

/**
 * allure-vitest's reporter, writing `allure-results/` under `outDir` from what each test
 * told Allure (reporters/allure.ts). `reportMatchers: false`: otherwise the arguments of
 * every `expect(...)`, secrets included, would be written too. The (redacted) target, the
 * harness and the seed are shown on the report's front page.
 */
export function allureReporter(outDir: string, target: string, seed: number): Reporter {
  const environmentInfo = { target, harness: `${harness.name} ${harness.version}`, seed: String(seed) };
  return new AllureReporter({ resultsDir: path.join(outDir, ALLURE_DIR), reportMatchers: false, environmentInfo });
}

/** Each run replaces `allure-results/`, so no result of an earlier run is rendered with this one's. */
export async function clearAllureResults(outDir: string): Promise<void> {
  await rm(path.join(outDir, ALLURE_DIR), { recursive: true, force: true });
}
