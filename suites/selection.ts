import type { RunSettings, Shard } from '../vocabulary/run-config.js';
import { notPartOf, type CaseResult } from '../results/model.js';
import { NOT_SELECTED } from '../vocabulary/outcome.js';
import { catalogue, POSITIVE_CONTROL_ID } from '../catalogue/index.js';
import type { Requirement } from '../catalogue/types.js';

/** The stages `--only` may name (SPEC §4, §7). */
export const STAGES = ['conformance', 'properties', 'contract', 'abuse'] as const;

/**
 * The stages a run leaves out unless `--only` names them, the stage or an ID (prefix) of
 * theirs: the abuse stage sends bursts (SPEC §7, "never part of a default run").
 */
const OPT_IN_STAGES: readonly string[] = ['abuse'];

/**
 * The stages whose exchanges the run-wide checks need to have something to judge: the
 * contract stage alone sends the pacts' few requests, judged by Pact against the recorded
 * answers (a full run still judges them run-wide too).
 */
const STAGES_WITH_RUN_WIDE: readonly string[] = ['conformance', 'properties'];

/**
 * SPEC §4 `--only`: an entry selects a requirement when it is its ID, a prefix of its ID
 * (`AUTH-`), or its stage. No list selects everything but the opt-in stages. The positive
 * control is always selected: every other case depends on it, and a selection never hides a
 * failed control.
 */
export function isSelected(requirement: Requirement, only: readonly string[] | null): boolean {
  if (requirement.id === POSITIVE_CONTROL_ID) return true;
  if (only === null) return !OPT_IN_STAGES.includes(requirement.stage);
  return only.some((entry) => requirement.id.startsWith(entry) || entry === requirement.stage || (STAGES_WITH_RUN_WIDE.includes(entry) && requirement.stage === 'run-wide'));
}

/**
 * The requirements shards share out: every case requirement but the positive control, in
 * catalogue order. The positive control runs in every shard (each shard's negatives need
 * it), and so do the run-wide checks, over that shard's exchanges.
 */
export const SHARED_OUT = catalogue.filter((r) => r.stage !== 'run-wide' && r.id !== POSITIVE_CONTROL_ID).map((r) => r.id);

/** The shard that runs a requirement: round robin over SHARED_OUT, so the slow property stage spreads too; null for every shard. */
export function ownerShard(id: string, count: number): number | null {
  const index = SHARED_OUT.indexOf(id);
  return index < 0 ? null : (index % count) + 1;
}

/** Whether a run that is `shard` (or unsharded, null) exercises the requirement. */
export function isInShard(requirement: Requirement, shard: Shard | null): boolean {
  if (shard === null) return true;
  const owner = ownerShard(requirement.id, shard.count);
  return owner === null || owner === shard.index;
}

/**
 * Why a run leaves a requirement out, as its result, or null when the run exercises it: another
 * shard runs it (SPEC §4 `--shard`), `--only` did not select it, or it is not part of the run's
 * profile (SPEC §5). None of these affects the verdict.
 */
export function leftOutBy(requirement: Requirement, { only, shard, profile }: Pick<RunSettings, 'only' | 'shard' | 'profile'>): CaseResult | null {
  if (requirement.expect[profile] === undefined) return { status: 'skipped', reason: notPartOf(profile), evidence: [] };
  if (!isInShard(requirement, shard)) return { status: 'skipped', reason: NOT_SELECTED, note: `run by shard ${ownerShard(requirement.id, shard!.count)}/${shard!.count}`, evidence: [] };
  if (!isSelected(requirement, only)) return { status: 'skipped', reason: NOT_SELECTED, evidence: [] };
  return null;
}
