import type { ExpectedFailures } from '../vocabulary/run-config.js';
import type { CaseResult } from './model.js';

const LISTED_BUT_PASSED = 'listed in --expected-failures but passed';

/**
 * SPEC §4: a listed requirement that failed is a `known-failure`, carrying its entry; one
 * that passed stays passed, with a note that the list can be pruned. Any other status
 * (not exercised, a SHOULD warning) is left as it is.
 */
export function applyExpectedFailure(result: CaseResult, id: string, expected: ExpectedFailures | null): CaseResult {
  const listed = expected?.entries[id];
  if (!expected || !listed) return result;
  if (result.status === 'failed') return { ...result, status: 'known-failure', knownFailure: listed };
  if (result.status === 'passed') {
    const pruning = `${LISTED_BUT_PASSED}: remove it from ${expected.file}`;
    return { ...result, note: result.note === undefined ? pruning : `${pruning}; ${result.note}` };
  }
  return result;
}

/** Whether a result is a listed requirement that passed, so its entry can go. */
export function isListedButPassed(result: CaseResult): boolean {
  return result.status === 'passed' && (result.note?.includes(LISTED_BUT_PASSED) ?? false);
}
