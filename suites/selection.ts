import type { Requirement } from '../catalogue/types.js';

/** The stages `--only` may name (SPEC §4); run-wide checks belong to every stage. */
export const STAGES = ['conformance', 'properties'] as const;

/**
 * SPEC §4 `--only`: an entry selects a requirement when it is its ID, a prefix of its ID
 * (`AUTH-`), or its stage. No list selects everything.
 */
export function isSelected(requirement: Requirement, only: readonly string[] | null): boolean {
  if (only === null) return true;
  return only.some((entry) => requirement.id.startsWith(entry) || entry === requirement.stage || ((STAGES as readonly string[]).includes(entry) && requirement.stage === 'run-wide'));
}
