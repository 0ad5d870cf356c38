import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, type TestCase } from 'junit2json';
import { expect } from 'vitest';
import { catalogue } from '../../catalogue/index.js';
import type { ReferenceServerOptions } from '../../reference-server/index.js';
import { isNotSelected } from '../../results/model.js';
import { allureResults, allureStatuses } from './allure-results.js';
import { contractBreaches, grantproof, type CliRun } from './run-cli.js';
import { referenceTarget } from './servers.js';

/**
 * A small property stage keeps the five runs of each comparison short (four of them at once,
 * hence the long timeout on a busy 2-core machine); the seed makes shards and the whole run
 * explore alike.
 */
const RUN_ARGS = ['--seed', '7', '--runs', '30'];

const statuses = (run: CliRun) => Object.fromEntries(run.results!.results.map((r) => [r.id, r.status]));

/** Each testcase's outcome as a JUnit consumer reads it. */
async function junitOutcomes(outDir: string): Promise<Record<string, string>> {
  const parsed = (await parse(await readFile(path.join(outDir, 'junit.xml'), 'utf8'))) as { testsuite?: { testcase?: TestCase[] }[] };
  return Object.fromEntries(
    parsed.testsuite![0]!.testcase!.map((c) => [c.name!.split(':')[0]!, c.failure ? 'failure' : c.skipped ? `skipped ${c.skipped[0]!.message}` : 'passed']),
  );
}

/** `grantproof run` whole, and as three shards merged, against the same target. */
async function wholeAndMerged(options: ReferenceServerOptions, only: readonly string[]) {
  const target = await referenceTarget(options);
  try {
    const args = ['run', ...target.args, ...RUN_ARGS, ...only];
    const [whole, ...shards] = await Promise.all([grantproof(args), ...[1, 2, 3].map((i) => grantproof([...args, '--shard', `${i}/3`]))]);
    const out = await mkdtemp(path.join(tmpdir(), 'grantproof-merged-'));
    const merged = await grantproof(['merge', ...shards.map((s) => s.outDir), '--out', out]);
    return { whole: whole!, shards, merged };
  } finally {
    await target.close();
  }
}

/**
 * `grantproof run` whole and as three shards merged, against the reference server built with
 * `options`: the merged reports (statuses, verdict, summary, options, JUnit outcomes, Allure
 * statuses) say what the one run says, with exit status `exit`, and each shard ran its own share.
 */
export async function expectMergedLikeWhole(options: ReferenceServerOptions, only: readonly string[], exit: number): Promise<{ shards: CliRun[] }> {
  const { whole, shards, merged } = await wholeAndMerged(options, only);
  expect(whole.exitCode, whole.stderr).toBe(exit);
  expect(merged.exitCode, merged.stderr).toBe(exit);
  for (const run of [whole, merged, ...shards]) expect(await contractBreaches(run)).toBeNull();

  expect(statuses(merged)).toEqual(statuses(whole));
  expect(merged.results!.verdict).toBe(whole.results!.verdict);
  expect(merged.results!.summary).toEqual(whole.results!.summary);
  const { out: _o1, ...wholeOptions } = whole.results!.options;
  const { out: _o2, ...mergedOptions } = merged.results!.options;
  expect(mergedOptions).toEqual(wholeOptions);
  expect(await junitOutcomes(merged.outDir)).toEqual(await junitOutcomes(whole.outDir));
  expect(allureStatuses(await allureResults(merged.outDir))).toEqual(allureStatuses(await allureResults(whole.outDir)));

  // Each shard exercised its own share: together every selected case requirement exactly once.
  const everyShard = new Set(['RESP-SUCCESS', ...catalogue.filter((r) => r.stage === 'run-wide').map((r) => r.id)]);
  const exercised = (run: CliRun) => run.results!.results.filter((r) => !isNotSelected(r) && !everyShard.has(r.id)).map((r) => r.id);
  expect(shards.flatMap(exercised).sort()).toEqual(exercised(whole).sort());
  return { shards };
}
