import type { Requirement } from '../catalogue/types.js';

/** The stages `--only` may name (SPEC §4). */
export const STAGES = ['conformance', 'properties', 'contract'] as const;

/**
 * The stages whose exchanges the run-wide checks need to have something to judge: the
 * contract stage alone sends the pacts' few requests, judged by Pact against the recorded
 * answers (a full run still judges them run-wide too).
 */
const STAGES_WITH_RUN_WIDE: readonly string[] = ['conformance', 'properties'];

/**
 * SPEC §4 `--only`: an entry selects a requirement when it is its ID, a prefix of its ID
 * (`AUTH-`), or its stage. No list selects everything.
 */
export function isSelected(requirement: Requirement, only: readonly string[] | null): boolean {
  if (only === null) return true;
  return only.some((entry) => requirement.id.startsWith(entry) || entry === requirement.stage || (STAGES_WITH_RUN_WIDE.includes(entry) && requirement.stage === 'run-wide'));
}
