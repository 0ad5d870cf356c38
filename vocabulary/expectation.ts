import type { ErrorCode, Rfc6749ErrorCode } from './error-codes.js';
import { PROFILES, type ProfileName } from './profile.js';

/**
 * A requirement's expected outcome as a typed value (SPEC §2), from which its checks, its
 * pact interaction, the gallery's lists and the doctor's refusals are all derived:
 * - `{error}`: refused with that code (or, where RFC 6749 §5.2 lets two fit, with any of
 *   them, SPEC §5) and the status its profile's table gives it (after `--status`);
 *   `orStatus`, another status that refuses as well (415 for a media type);
 * - `{grant: true}`: accepted, 200 with a grant (SPEC §1 step 9, SPEC §5 "Success");
 * - `{status}`: answered with that status (or `orStatus`), whatever the body says (405 for
 *   another method);
 * - `{rule}`: no single answer: a property, a run-wide rule or a contract, said in words.
 *
 * `note` says in words what the typed value does not: for a refusal, which of a case's
 * requests it is for or what it must never be; for a grant, the success in full.
 */
export type Expectation<Code extends string = ErrorCode> = AnswerExpectation<Code> | { readonly rule: string };

/** An expectation of one answer, which a check can judge an exchange by. */
export type AnswerExpectation<Code extends string = ErrorCode> =
  | { readonly error: Code | readonly [Code, Code, ...Code[]]; readonly orStatus?: number; readonly note?: string }
  | { readonly grant: true; readonly note?: string }
  | { readonly status: number; readonly orStatus?: number };

/**
 * What a requirement expects in each profile (SPEC §5: "a requirement says, per profile,
 * what is sent and what is expected, or that it does not apply"): a profile it names no
 * expectation for, it does not apply to.
 */
export interface ExpectationByProfile {
  readonly storx?: Expectation<ErrorCode>;
  readonly rfc7523?: Expectation<Rfc6749ErrorCode>;
}

/** The same, for a case that expects one answer wherever it applies. */
export interface AnswerByProfile {
  readonly storx?: AnswerExpectation<ErrorCode>;
  readonly rfc7523?: AnswerExpectation<Rfc6749ErrorCode>;
}

/**
 * The same expectation in every profile (SPEC §5: "as in §2"): a rule, or an answer whose code
 * both profiles' tables have, stated once.
 */
export function inEveryProfile<E extends Expectation<ErrorCode & Rfc6749ErrorCode>>(expectation: E): { readonly storx: E; readonly rfc7523: E } {
  return { storx: expectation, rfc7523: expectation };
}

export function isAnswerExpectation<Code extends string>(expectation: Expectation<Code>): expectation is AnswerExpectation<Code> {
  return !('rule' in expectation);
}

/** The error codes an expectation refuses with (any of them conforms), or none when it expects no refusal. */
export function refusalCodesOf<Code extends string>(expectation: Expectation<Code>): readonly Code[] {
  if (!('error' in expectation)) return [];
  return typeof expectation.error === 'string' ? [expectation.error] : expectation.error;
}

/** The profiles a requirement applies to, in SPEC §5's order. */
export function profilesOf(expect: ExpectationByProfile): ProfileName[] {
  return PROFILES.filter((profile) => expect[profile] !== undefined);
}
