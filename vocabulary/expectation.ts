import type { ErrorCode } from './error-codes.js';

/**
 * A requirement's expected outcome as a typed value (SPEC §2), from which its checks, its
 * pact interaction, the gallery's lists and the doctor's refusals are all derived:
 * - `{error}`: refused with that code and the status SPEC §1's table gives it (after
 *   `--status`); `orStatus`, another status that refuses as well (415 for a media type);
 * - `{grant: true}`: accepted, 200 with an `access_grant` (SPEC §1 step 9);
 * - `{status}`: answered with that status alone, no OAuth body (405 for another method);
 * - `{rule}`: no single answer: a property, a run-wide rule or a contract, said in words.
 *
 * `note` says in words what the typed value does not: for a refusal, which of a case's
 * requests it is for or what it must never be; for a grant, the success in full.
 */
export type Expectation = AnswerExpectation | { readonly rule: string };

/** An expectation of one answer, which a check can judge an exchange by. */
export type AnswerExpectation =
  | { readonly error: ErrorCode; readonly orStatus?: number; readonly note?: string }
  | { readonly grant: true; readonly note?: string }
  | { readonly status: number };

export function isAnswerExpectation(expectation: Expectation): expectation is AnswerExpectation {
  return !('rule' in expectation);
}

/** The error code an expectation refuses with, or null when it expects no refusal. */
export function refusalCodeOf(expectation: Expectation): ErrorCode | null {
  return 'error' in expectation ? expectation.error : null;
}
