import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { brokenServers } from '../broken-servers/index.js';
import { contractBreaches, grantproof, statusOf, type CliRun } from '../support/run-cli.js';
import { referenceTarget } from '../support/servers.js';
import { expectMergedLikeWhole } from '../support/shards.js';

describe('grantproof run --shard i/n, then grantproof merge', () => {
  // Only REQ-MALFORMED-JSON makes it answer 500: RESP-NO-5XX fails in one shard and must fail the merged run.
  // The reference server with every stage, properties included, is shard-merge.soak.test.ts.
  it('against a server that crashes on malformed JSON, the merged reports say what one run says', async () => {
    const { shards } = await expectMergedLikeWhole(brokenServers.find((s) => s.name === 'malformed-json-crashes')!.options, ['--only', 'conformance'], 1);
    expect(shards.map((s) => statusOf(s, 'RESP-NO-5XX')).sort()).toEqual(['failed', 'passed', 'passed']);
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
