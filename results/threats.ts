import { threats as threatCatalogue, type Threat } from '../catalogue/threats.js';
import type { ProfileName } from '../vocabulary/profile.js';
import { requirementById } from '../catalogue/index.js';
import type { ResultStatus } from './model.js';
import type { ThreatResult, ThreatStatus } from './threat-result.js';

/** What a threat's status is computed from: each requirement's ID and status. */
export interface JudgedRequirement {
  readonly id: string;
  readonly status: ResultStatus;
}

/**
 * How a requirement's result counts for a threat. Only a pass meets a countermeasure; a
 * known failure is still a failure (listing it in --expected-failures keeps the run
 * conformant, not the threat mitigated), and so is a SHOULD's warning. Skipped and
 * inconclusive results judged nothing.
 */
type Count = 'met' | 'unmet' | 'unjudged';
const COUNT_OF: Readonly<Record<ResultStatus, Count>> = {
  passed: 'met',
  failed: 'unmet',
  'known-failure': 'unmet',
  warning: 'unmet',
  skipped: 'unjudged',
  inconclusive: 'unjudged',
};

/**
 * SPEC §6, for one threat: `not relevant` when the run's profile lacks what it needs;
 * `mitigated` when every requirement of one alternative passed; when none did, and every
 * alternative has a requirement that failed, `partially mitigated` if any requirement of
 * them passed and `not mitigated` if none did; otherwise an alternative may still hold but
 * a requirement it needs was skipped or inconclusive: `undetermined`. A requirement with no
 * result (another catalogue version) counts as not judged.
 */
export function threatStatus(threat: Threat, profile: ProfileName, results: ReadonlyMap<string, ResultStatus>): ThreatStatus {
  if (threat.profiles !== undefined && !threat.profiles.includes(profile)) return 'not relevant';
  const countOf = (id: string): Count => {
    const status = results.get(id);
    return status === undefined ? 'unjudged' : COUNT_OF[status];
  };
  const counted = threat.alternatives.map((alternative) => alternative.map(countOf));
  if (counted.some((alternative) => alternative.length > 0 && alternative.every((count) => count === 'met'))) return 'mitigated';
  if (counted.every((alternative) => alternative.includes('unmet'))) {
    return counted.some((alternative) => alternative.includes('met')) ? 'partially mitigated' : 'not mitigated';
  }
  return 'undetermined';
}

/** Whether requirement `id` is part of `profile`; an ID this catalogue does not know (another version's) is kept, and counts as not judged. */
function appliesIn(id: string, profile: ProfileName): boolean {
  const requirement = requirementById(id);
  return requirement === undefined || requirement.expect[profile] !== undefined;
}

/**
 * A threat's countermeasures in `profile`: each alternative without the requirements that are
 * not part of the profile (SPEC §5: storx's AUTH-EXP-PRECEDENCE means nothing to an rfc7523
 * server), so that a requirement a profile cannot have never leaves a threat undetermined.
 */
export function inProfile(threat: Threat, profile: ProfileName): Threat {
  return { ...threat, alternatives: threat.alternatives.map((alternative) => alternative.filter((id) => appliesIn(id, profile))) };
}

/** SPEC §6: every threat of the catalogue with its status for this run, in catalogue order, its countermeasures those of the run's profile. */
export function threatResults(profile: ProfileName, results: readonly JudgedRequirement[], catalogue: readonly Threat[] = threatCatalogue): ThreatResult[] {
  const statusById = new Map(results.map((r) => [r.id, r.status] as const));
  return catalogue.map((entry) => inProfile(entry, profile)).map((threat) => ({
    id: threat.id,
    title: threat.title,
    source: threat.source,
    status: threatStatus(threat, profile, statusById),
    alternatives: threat.alternatives,
    unmet: [...new Set(threat.alternatives.flat())].filter((id) => {
      const status = statusById.get(id);
      return status !== undefined && COUNT_OF[status] === 'unmet';
    }),
  }));
}

/** Threat statuses in the order an auditor reads them: the open ones first. */
export const THREAT_STATUS_ORDER: readonly ThreatStatus[] = ['not mitigated', 'partially mitigated', 'undetermined', 'mitigated', 'not relevant'];

/** The threats a run leaves open: not mitigated or partially mitigated, the ones SPEC §6's auditor reads first. */
export function openThreats<T extends { readonly status: string }>(threats: readonly T[]): T[] {
  return threats.filter((t) => t.status === 'not mitigated' || t.status === 'partially mitigated');
}
