import { catalogue, POSITIVE_CONTROL_ID } from '../catalogue/index.js';
import type { CaseResult, RequirementResult, ResultStatus, RunResults } from '../results/model.js';
import { RUN_WIDE_EVIDENCE_LIMIT } from './evaluate.js';
import { ownerShard } from './selection.js';
import type { Shard } from '../vocabulary/run-config.js';

/** One shard's results, checked to belong to a complete set of one run. */
export interface ShardRun {
  readonly shard: Shard;
  readonly results: RunResults;
}

/** Failing statuses of a run-wide check, the strongest first. */
const FAILING: readonly ResultStatus[] = ['failed', 'known-failure', 'warning'];

/**
 * What one unsharded run would have found, from the results of shards 1..n (in order): a
 * case requirement's result comes from the shard that ran it; the positive control, run in
 * every shard, from the first shard where it did not pass, else shard 1; a run-wide check
 * judged every shard's own exchanges, so it fails when it failed in any shard.
 */
export function mergeShardResults(shards: readonly ShardRun[]): Map<string, CaseResult> {
  const merged = new Map<string, CaseResult>();
  for (const requirement of catalogue) {
    const perShard = shards.map(({ results }) => caseResultOf(results, requirement.id));
    const owner = ownerShard(requirement.id, shards.length);
    if (owner !== null) merged.set(requirement.id, perShard[owner - 1]!);
    else if (requirement.id === POSITIVE_CONTROL_ID) merged.set(requirement.id, perShard.find((r) => r.status !== 'passed') ?? perShard[0]!);
    else merged.set(requirement.id, combineRunWide(perShard, shards.length));
  }
  return merged;
}

/** A result without the requirement's description and threats, which the merged run takes from the catalogues. */
function caseResultOf(results: RunResults, id: string): CaseResult {
  const found = results.results.find((r) => r.id === id);
  if (!found) return { status: 'inconclusive', reason: `shard ${results.options.shard} has no result for it`, evidence: [] };
  const { id: _id, level, category, stage, title, source, expected, threats, ...result }: RequirementResult = found;
  return result;
}

/**
 * A run-wide check over all shards: the strongest failing status any shard found, with
 * each failing shard's reason and their evidence together (as many items as one run
 * keeps); passed when it passed somewhere and failed nowhere; otherwise the first shard's.
 */
function combineRunWide(perShard: readonly CaseResult[], count: number): CaseResult {
  const label = (index: number, text: string | undefined) => `shard ${index + 1}/${count}: ${text ?? ''}`;
  const ms = perShard.reduce((sum, r) => sum + (r.ms ?? 0), 0);
  const noted = perShard.flatMap((result, index) => (result.note === undefined ? [] : [label(index, result.note)]));
  const notes = noted.length ? { note: noted.join('; ') } : {};
  for (const status of FAILING) {
    const failing = perShard.map((result, index) => ({ result, index })).filter(({ result }) => result.status === status);
    if (failing.length === 0) continue;
    const first = failing[0]!.result;
    return {
      ...first,
      reason: failing.map(({ result, index }) => label(index, result.reason)).join('; '),
      ...notes,
      ms,
      evidence: failing.flatMap(({ result }) => result.evidence).slice(0, RUN_WIDE_EVIDENCE_LIMIT),
    };
  }
  // A shard that could not judge it leaves the merged run without a verdict on it, as it left the shard.
  const settled = perShard.find((r) => r.status === 'inconclusive') ?? perShard.find((r) => r.status === 'passed') ?? perShard[0]!;
  return { ...settled, ...notes, ms };
}
