import { catalogue } from '../catalogue/index.js';
import { threatsCounteredBy } from '../catalogue/threats.js';
import type { CaseResult, RequirementResult, RunResults } from './model.js';
import { summarize, verdictOf } from './model.js';
import { threatResults } from './threats.js';
import type { harness as Harness } from './package-info.js';

export interface RunInfo {
  readonly harness: typeof Harness;
  readonly target: string;
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
    const { id, level, category, title, source, expected } = requirement;
    const result = found.get(id) ?? { status: 'inconclusive', reason: missing, evidence: [] };
    return { id, level, category, title, source, expected, ...result, threats: threatsCounteredBy(id) };
  });
  const profile = 'storx';
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
