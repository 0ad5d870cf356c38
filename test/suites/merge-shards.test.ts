import { describe, expect, it } from 'vitest';
import type { CaseResult, RunResults } from '../../results/model.js';
import { mergeShardResults, type ShardRun } from '../../suites/merge-shards.js';
import { ownerShard, SHARED_OUT } from '../../suites/selection.js';
import { evidence, sampleRun } from '../reporters/sample-results.js';

const failing = (reason: string, n: number): CaseResult => ({ status: 'failed', reason, note: `judged ${n} exchanges of the run`, ms: 2, evidence: Array.from({ length: n }, () => evidence({ ok: false })) });
const passing = (n: number): CaseResult => ({ status: 'passed', note: `judged ${n} exchanges of the run`, ms: 1, evidence: [] });

/** Three shards of a run in which every requirement passed, but for what each shard says otherwise. */
function shardsOf(overrides: Readonly<Record<string, CaseResult>>[]): ShardRun[] {
  return overrides.map((o, i) => {
    const run: RunResults = sampleRun(o);
    return { shard: { index: i + 1, count: overrides.length }, results: { ...run, options: { shard: `${i + 1}/${overrides.length}` } } };
  });
}

describe('mergeShardResults', () => {
  it('takes each case requirement from the shard that ran it', () => {
    const id = SHARED_OUT[4]!;
    const owner = ownerShard(id, 3)!;
    const shards = shardsOf([0, 1, 2].map((i) => (i + 1 === owner ? { [id]: failing('owned', 1) } : { [id]: { status: 'skipped', reason: 'not selected', evidence: [] } })));
    expect(mergeShardResults(shards).get(id)!.reason).toBe('owned');
  });

  it.each([0, 1, 2])('fails a run-wide check that failed in shard %i only, with its reason and evidence', (index) => {
    const shards = shardsOf([0, 1, 2].map((i) => ({ 'RESP-NO-5XX': i === index ? failing('3 of 10 exchanges broke it', 3) : passing(10) })));
    const merged = mergeShardResults(shards).get('RESP-NO-5XX')!;
    expect(merged.status).toBe('failed');
    expect(merged.reason).toBe(`shard ${index + 1}/3: 3 of 10 exchanges broke it`);
    expect(merged.evidence).toHaveLength(3);
    expect(merged.note).toBe([0, 1, 2].map((i) => `shard ${i + 1}/3: judged ${i === index ? 3 : 10} exchanges of the run`).join('; '));
    expect(merged.ms).toBe(4);
  });

  it('keeps as much run-wide evidence as one run would, from every failing shard', () => {
    const shards = shardsOf([{ 'RESP-NO-LEAK': failing('a', 15) }, { 'RESP-NO-LEAK': failing('b', 15) }, {}]);
    const merged = mergeShardResults(shards).get('RESP-NO-LEAK')!;
    expect(merged.reason).toBe('shard 1/3: a; shard 2/3: b');
    expect(merged.evidence).toHaveLength(20);
  });

  it('passes a run-wide check that passed everywhere, and skips it only when no shard had anything to judge', () => {
    const nothing: CaseResult = { status: 'skipped', reason: 'nothing to judge: the run had no header URLs handed to the target', evidence: [] };
    const some = mergeShardResults(shardsOf([{ 'AUTH-HEADER-URL-FETCH': nothing }, { 'AUTH-HEADER-URL-FETCH': passing(2) }, { 'AUTH-HEADER-URL-FETCH': nothing }]));
    expect(some.get('AUTH-HEADER-URL-FETCH')!.status).toBe('passed');
    const none = mergeShardResults(shardsOf([0, 1, 2].map(() => ({ 'AUTH-HEADER-URL-FETCH': nothing }))));
    expect(none.get('AUTH-HEADER-URL-FETCH')).toMatchObject({ status: 'skipped', reason: nothing.reason });
  });

  it('takes the positive control from the first shard where it did not pass', () => {
    const broken: CaseResult = { status: 'failed', reason: 'expected 200, got 401', evidence: [evidence({ ok: false })] };
    const merged = mergeShardResults(shardsOf([{}, { 'RESP-SUCCESS': broken }, {}]));
    expect(merged.get('RESP-SUCCESS')).toEqual(broken);
  });
});
