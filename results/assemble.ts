import { catalogue } from '../catalogue/index.js';
import { threatsCounteredBy } from '../catalogue/threats.js';
import type { Requirement } from '../catalogue/types.js';
import { describeExpectation } from '../checks/expectation.js';
import type { CaseResult, RequirementResult, ResultInfo, RunResults } from './model.js';
import { notPartOf, summarize, verdictOf } from './model.js';
import type { ProfileName } from '../vocabulary/profile.js';
import { threatResults } from './threats.js';
import type { harness as Harness } from './package-info.js';

export interface RunInfo {
  readonly harness: typeof Harness;
  readonly target: string;
  /** SPEC §4 `--profile`: whose table the results are judged by. */
  readonly profile: ProfileName;
  readonly options: Readonly<Record<string, unknown>>;
  readonly startedAt: Date;
  readonly finishedAt: Date;
}

/**
 * The results model: one result per catalogue entry, in catalogue order. A requirement
 * that no test reported is a gap, inconclusive with `missing` as its reason, never a pass.
 * Each result names the threats it counters, and the run carries every threat's status
 * (SPEC §6), computed here once from the results; no reporter judges a threat.
 */
export function assembleResults(info: RunInfo, found: ReadonlyMap<string, CaseResult>, missing: string): RunResults {
  const results: RequirementResult[] = catalogue.map((requirement) => {
    const result = found.get(requirement.id) ?? { status: 'inconclusive', reason: missing, evidence: [] };
    return { ...resultInfoOf(requirement, info.profile), ...result, threats: threatsCounteredBy(requirement.id) };
  });
  const { profile } = info;
  return {
    schemaVersion: 1,
    harness: info.harness,
    target: info.target,
    profile,
    options: info.options,
    startedAt: info.startedAt.toISOString(),
    finishedAt: info.finishedAt.toISOString(),
    verdict: verdictOf(results),
    summary: summarize(results),
    results,
    threats: threatResults(profile, results),
  };
}

/** What every result repeats of its requirement, its typed expectation said in words. */
export function resultInfoOf(requirement: Requirement, profile: ProfileName): ResultInfo {
  const { id, level, category, stage, title } = requirement;
  const source = (profile === 'storx' ? undefined : requirement.sourceIn?.[profile]) ?? requirement.source;
  const expectation = requirement.expect[profile];
  return { id, level, category, stage, title, source, expected: expectation === undefined ? notPartOf(profile) : describeExpectation(expectation, profile) };
}
