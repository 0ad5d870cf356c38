import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { allureReporter, clearAllureResults } from '../suites/vitest/allure-results.js';
import { RESULTS_FILE } from '../reporters/results-json.js';
import { summaryTable } from '../reporters/terminal.js';
import { assembleResults } from '../results/assemble.js';
import { isNotSelected, VERDICT_EXIT, type RunResults } from '../results/model.js';
import { REPLAY_KEY } from '../suites/context.js';
import { mergeShardResults, type ShardRun } from '../suites/merge-shards.js';
import { RunStopped, UsageError } from './errors.js';
import { harness } from '../results/package-info.js';
import { ensureWritableOut } from './out-dir.js';
import { noVerdictLine, runSuites, writeReports, type RunIo } from './run.js';
import type { Shard } from '../vocabulary/run-config.js';

/** Options that name a shard rather than the run it belongs to. */
const PER_SHARD_OPTIONS = new Set(['shard', 'out']);

/**
 * `grantproof merge DIR…`: the reports of one unsharded run, from the `--out` folders of
 * its shards (`grantproof run --shard i/n`). The merged results are replayed through the
 * same suite and reporters as a run's, so results.json, junit.xml and allure-results/ say
 * what one run would; the exit status follows the merged verdict (SPEC §4).
 */
export async function merge(dirs: readonly string[], out: string, io: RunIo): Promise<number> {
  const shards = checkOneCompleteRun(await Promise.all(dirs.map(readShard)));
  const first = shards[0]!;
  const { shard: _shard, ...options }: Record<string, unknown> = { ...first.run.results.options, out };
  const outDir = ensureWritableOut(out);
  await clearAllureResults(outDir);
  const merged = mergeShardResults(shards.map(({ run }) => run));
  const exercised = [...merged.values()].filter((result) => !isNotSelected(result)).length;
  const replayed = await runSuites({ [REPLAY_KEY]: { profile: first.run.results.profile, results: Object.fromEntries(merged) } }, allureReporter(outDir, first.run.results.target, Number(options.seed)), io, exercised);
  const results = assembleResults(
    {
      harness,
      target: first.run.results.target,
      profile: first.run.results.profile,
      options,
      startedAt: new Date(Math.min(...shards.map(({ run }) => Date.parse(run.results.startedAt)))),
      finishedAt: new Date(Math.max(...shards.map(({ run }) => Date.parse(run.results.finishedAt)))),
    },
    replayed.results,
    `harness error: ${replayed.errors[0] ?? 'the replay reported no result for it'}`,
  );
  await writeReports(outDir, results);
  io.out(`${summaryTable(results)}\nmerged ${shards.length} shards: ${outDir}`);
  const exit = VERDICT_EXIT[results.verdict];
  if (exit === 2) throw new RunStopped(noVerdictLine(results));
  return exit;
}

interface ShardDir {
  readonly dir: string;
  readonly run: ShardRun;
}

async function readShard(dir: string): Promise<ShardDir> {
  const file = path.join(dir, RESULTS_FILE);
  let results: RunResults;
  try {
    results = JSON.parse(await readFile(file, 'utf8')) as RunResults;
  } catch {
    throw new UsageError(`merge: no readable ${RESULTS_FILE} in ${dir}; give the --out folder of each \`grantproof run --shard i/n\``);
  }
  const match = /^(\d+)\/(\d+)$/.exec(String(results.options?.shard ?? ''));
  if (results.schemaVersion !== 1 || !match) throw new UsageError(`merge: ${file} is not from a sharded run; run each shard with \`grantproof run --shard i/n --seed N\``);
  const shard: Shard = { index: Number(match[1]), count: Number(match[2]) };
  return { dir, run: { shard, results } };
}

/**
 * SPEC §4 "merge refuses" shards of different runs (harness, target, options, seed) or an
 * incomplete set, before anything is written. Returns the shards in order, 1..n.
 */
function checkOneCompleteRun(shards: readonly ShardDir[]): ShardDir[] {
  const first = shards[0]!;
  // The share-out follows the catalogue, so it is only known for this harness's own version.
  const version = first.run.results.harness?.version;
  if (version !== harness.version) throw new UsageError(`merge: ${first.dir} was run by grantproof ${version}; merge it with that version, not ${harness.version}`);
  for (const other of shards.slice(1)) {
    const difference = differenceOf(first.run.results, other.run.results);
    if (difference) throw new UsageError(`merge: ${first.dir} and ${other.dir} are shards of different runs (${difference}); merge the shards of one run`);
  }
  const { count } = first.run.shard;
  const byIndex = new Map<number, ShardDir>();
  for (const shard of shards) {
    if (shard.run.shard.count !== count) throw new UsageError(`merge: ${first.dir} is shard ${first.run.shard.index}/${count} but ${shard.dir} is shard ${shard.run.shard.index}/${shard.run.shard.count}; merge the shards of one run`);
    const twice = byIndex.get(shard.run.shard.index);
    if (twice) throw new UsageError(`merge: shard ${shard.run.shard.index}/${count} given twice (${twice.dir}, ${shard.dir})`);
    byIndex.set(shard.run.shard.index, shard);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length) throw new UsageError(`merge: incomplete set, shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing; give the --out folder of every shard`);
  return Array.from({ length: count }, (_, i) => byIndex.get(i + 1)!);
}

/** The first thing that tells two shards' runs apart, e.g. `options.seed 1 ≠ 2`, or null. */
function differenceOf(a: RunResults, b: RunResults): string | null {
  if (a.harness?.version !== b.harness?.version) return `harness ${a.harness?.version} ≠ ${b.harness?.version}`;
  if (a.target !== b.target) return `target ${a.target} ≠ ${b.target}`;
  const keys = new Set([...Object.keys(a.options ?? {}), ...Object.keys(b.options ?? {})]);
  for (const key of keys) {
    if (PER_SHARD_OPTIONS.has(key)) continue;
    const [x, y] = [JSON.stringify(a.options[key]), JSON.stringify(b.options[key])];
    if (x !== y) return `options.${key} ${x ?? 'absent'} ≠ ${y ?? 'absent'}`;
  }
  return null;
}
