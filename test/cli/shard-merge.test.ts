import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, type TestCase } from 'junit2json';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../catalogue/index.js';
import type { ReferenceServerOptions } from '../../reference-server/index.js';
import { brokenServers } from '../broken-servers/index.js';
import { allureResults, allureStatuses } from '../support/allure-results.js';
import { contractBreaches, grantproof, statusOf, type CliRun } from '../support/run-cli.js';
import { referenceTarget } from '../support/servers.js';

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

describe('grantproof run --shard i/n, then grantproof merge', () => {
  it.each([
    ['the reference server, properties included', {}, [], 0],
    // Only REQ-MALFORMED-JSON makes it answer 500: RESP-NO-5XX fails in one shard and must fail the merged run.
    ['a server that crashes on malformed JSON', brokenServers.find((s) => s.name === 'malformed-json-crashes')!.options, ['--only', 'conformance'], 1],
  ] as const)('against %s, the merged reports say what one run says', async (_, options, only, exit) => {
    const { whole, shards, merged } = await wholeAndMerged(options, only);
    expect(whole.exitCode, whole.stderr).toBe(exit);
    expect(merged.exitCode, merged.stderr).toBe(exit);
    for (const run of [whole, merged, ...shards]) expect(await contractBreaches(run)).toBeNull();

    expect(statuses(merged)).toEqual(statuses(whole));
    if (exit === 1) expect(shards.map((s) => statusOf(s, 'RESP-NO-5XX')).sort()).toEqual(['failed', 'passed', 'passed']);
    expect(merged.results!.verdict).toBe(whole.results!.verdict);
    expect(merged.results!.summary).toEqual(whole.results!.summary);
    const { out: _o1, ...wholeOptions } = whole.results!.options;
    const { out: _o2, ...mergedOptions } = merged.results!.options;
    expect(mergedOptions).toEqual(wholeOptions);
    expect(await junitOutcomes(merged.outDir)).toEqual(await junitOutcomes(whole.outDir));
    expect(allureStatuses(await allureResults(merged.outDir))).toEqual(allureStatuses(await allureResults(whole.outDir)));

    // Each shard exercised its own share: together every selected case requirement exactly once.
    const everyShard = new Set(['RESP-SUCCESS', ...catalogue.filter((r) => r.stage === 'run-wide').map((r) => r.id)]);
    const exercised = (run: CliRun) => run.results!.results.filter((r) => r.reason !== 'not selected' && !everyShard.has(r.id)).map((r) => r.id);
    expect(shards.flatMap(exercised).sort()).toEqual(exercised(whole).sort());
  }, 240_000);
});

describe('grantproof merge refuses what is not every shard of one run: exit 2, one line, nothing written', () => {
  let shards: CliRun[];
  let work: string;
  beforeAll(async () => {
    const target = await referenceTarget();
    try {
      shards = await Promise.all([1, 2].map((i) => grantproof(['run', ...target.args, '--only', 'AUTH-ALG-', '--seed', '3', '--shard', `${i}/2`])));
    } finally {
      await target.close();
    }
    work = await mkdtemp(path.join(tmpdir(), 'grantproof-refused-'));
  });

  /** A copy of shard `i`'s folder with its results.json changed by `edit`. */
  async function alteredShard(i: number, edit: (results: { target: string; options: Record<string, unknown> }) => void): Promise<string> {
    const dir = await mkdtemp(path.join(work, 'shard-'));
    await cp(shards[i - 1]!.outDir, dir, { recursive: true });
    const file = path.join(dir, 'results.json');
    const results = JSON.parse(await readFile(file, 'utf8')) as { target: string; options: Record<string, unknown> };
    edit(results);
    await writeFile(file, JSON.stringify(results));
    return dir;
  }

  async function expectRefused(dirs: string[], message: RegExp) {
    const out = await mkdtemp(path.join(work, 'out-'));
    const run = await grantproof(['merge', ...dirs, '--out', out]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    expect(await readdir(out)).toEqual([]);
  }

  it('merges the two shards it was given', async () => {
    const out = await mkdtemp(path.join(work, 'out-'));
    const run = await grantproof(['merge', shards[0]!.outDir, shards[1]!.outDir, '--out', out]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(await contractBreaches(run)).toBeNull();
  });

  it('an incomplete set', () => expectRefused([shards[0]!.outDir], /merge: incomplete set, shard 2\/2 missing/));
  it('a shard given twice', () => expectRefused([shards[0]!.outDir, shards[0]!.outDir], /merge: shard 1\/2 given twice/));
  it('shards of different seeds', async () =>
    expectRefused([shards[0]!.outDir, await alteredShard(2, (r) => (r.options.seed = 4))], /shards of different runs \(options\.seed 3 ≠ 4\)/));
  it('shards of different targets', async () =>
    expectRefused([shards[0]!.outDir, await alteredShard(2, (r) => (r.target = 'http://elsewhere.test/token'))], /shards of different runs \(target /));
  it('shards of different options', async () =>
    expectRefused([shards[0]!.outDir, await alteredShard(2, (r) => (r.options.leeway = 30))], /shards of different runs \(options\.leeway 0 ≠ 30\)/));
  it('shards of different splits', async () =>
    expectRefused([shards[0]!.outDir, await alteredShard(2, (r) => (r.options.shard = '2/3'))], /is shard 1\/2 but .* is shard 2\/3/));
  it('a folder that is no shard', async () =>
    expectRefused([shards[0]!.outDir, await alteredShard(2, (r) => delete r.options.shard)], /is not from a sharded run/));
  it('a folder without results', async () => expectRefused([shards[0]!.outDir, work], /no readable results\.json in/));
});

describe('--shard: bad arguments', () => {
  it.each([
    [['--shard', '2/3'], /--shard needs --seed N/],
    [['--shard', '4/3', '--seed', '1'], /--shard takes i\/n with 1 ≤ i ≤ n ≤ \d+/],
    [['--shard', 'half', '--seed', '1'], /--shard takes i\/n/],
  ])('%j: exit 2, one line', async (args, message) => {
    const run = await grantproof(['run', ...args]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    expect(run.results).toBeNull();
  });
});
