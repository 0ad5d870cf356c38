import type { AnswerRules, AnyErrorCode } from '../vocabulary/error-codes.js';
import type { Exchange } from '../vocabulary/exchange.js';
import { refusalCodesOf, type AnswerExpectation, type Expectation } from '../vocabulary/expectation.js';
import type { Judgement } from '../vocabulary/outcome.js';
import { describeAnswer } from './answer.js';
import { GRANT_FIELD, type ProfileName } from '../vocabulary/profile.js';
import { rejectedWith } from './error-response.js';
import { acceptedWithGrant } from './success-response.js';

/**
 * One answer judged by a requirement's typed expectation (SPEC §2): the one judge every
 * case with an expected answer goes through, so no case restates its code.
 */
export function judgeAnswer(expectation: AnswerExpectation<AnyErrorCode>, exchange: Exchange, rules: AnswerRules): Judgement {
  if ('error' in expectation) {
    const refused = rejectedWithAnyOf(exchange, refusalCodesOf(expectation), rules);
    if (expectation.orStatus === undefined) return refused;
    // REQ-CONTENT-TYPE: 415 Unsupported Media Type refuses too (RFC 9110 §15.5.16).
    const ok = refused.ok || exchange.response?.status === expectation.orStatus;
    return { ok, expected: `${refused.expected} or ${expectation.orStatus}`, actual: describeAnswer(exchange) };
  }
  if ('grant' in expectation) return acceptedWithGrant(exchange, rules.profile);
  // REQ-METHOD: a status alone, e.g. 405 Method Not Allowed (RFC 9110 §15.5.6).
  const allowed = expectation.orStatus === undefined ? [expectation.status] : [expectation.status, expectation.orStatus];
  return { ok: allowed.includes(exchange.response?.status ?? 0), expected: allowed.join(' or '), actual: describeAnswer(exchange) };
}

/** Refused with one of `codes` (where RFC 6749 §5.2 lets two fit, SPEC §5); the first code's judgement when none matched. */
function rejectedWithAnyOf(exchange: Exchange, codes: readonly AnyErrorCode[], rules: AnswerRules): Judgement {
  const judgements = codes.map((code) => rejectedWith(exchange, code, rules));
  const met = judgements.find((judgement) => judgement.ok);
  if (met) return met;
  const [first] = judgements;
  return judgements.length === 1 ? first! : { ...first!, expected: judgements.map((j) => j.expected).join(' or ') };
}

/** A requirement's expected outcome in one line, as every report shows it (results.json `expected`). */
export function describeExpectation<Code extends string>(expectation: Expectation<Code>, profile: ProfileName): string {
  if ('rule' in expectation) return expectation.rule;
  if ('grant' in expectation) return expectation.note ?? `2xx with a non-empty ${GRANT_FIELD[profile]}`;
  const accepted = expectation.orStatus === undefined ? '' : ` (${expectation.orStatus} accepted)`;
  if ('status' in expectation) return `${expectation.status}${accepted}`;
  const answer = `${refusalCodesOf(expectation).join(' or ')}${accepted}`;
  return expectation.note === undefined ? answer : `${answer}, ${expectation.note}`;
}
