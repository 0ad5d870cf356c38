import type { ErrorCode } from '../vocabulary/error-codes.js';
import type { Exchange } from '../vocabulary/exchange.js';
import { refusalCodesOf, type AnswerExpectation, type Expectation } from '../vocabulary/expectation.js';
import type { Judgement } from '../vocabulary/outcome.js';
import { describeAnswer } from './answer.js';
import { rejectedWith } from './error-response.js';
import { acceptedWithGrant } from './success-response.js';

type Statuses = Readonly<Partial<Record<ErrorCode, number>>>;

/**
 * One answer judged by a requirement's typed expectation (SPEC §2): the one judge every
 * case with an expected answer goes through, so no case restates its code.
 */
export function judgeAnswer(expectation: AnswerExpectation, exchange: Exchange, statuses: Statuses): Judgement {
  if ('error' in expectation) {
    const refused = rejectedWithAnyOf(exchange, refusalCodesOf(expectation), statuses);
    if (expectation.orStatus === undefined) return refused;
    // REQ-CONTENT-TYPE: 415 Unsupported Media Type refuses too (RFC 9110 §15.5.16).
    const ok = refused.ok || exchange.response?.status === expectation.orStatus;
    return { ok, expected: `${refused.expected} or ${expectation.orStatus}`, actual: describeAnswer(exchange) };
  }
  if ('grant' in expectation) return acceptedWithGrant(exchange);
  // REQ-METHOD: a status alone, e.g. 405 Method Not Allowed (RFC 9110 §15.5.6).
  const allowed = expectation.orStatus === undefined ? [expectation.status] : [expectation.status, expectation.orStatus];
  return { ok: allowed.includes(exchange.response?.status ?? 0), expected: allowed.join(' or '), actual: describeAnswer(exchange) };
}

/** Refused with one of `codes` (where RFC 6749 §5.2 lets two fit, SPEC §5); the first code's judgement when none matched. */
function rejectedWithAnyOf(exchange: Exchange, codes: readonly ErrorCode[], statuses: Statuses): Judgement {
  const judgements = codes.map((code) => rejectedWith(exchange, code, statuses));
  const met = judgements.find((judgement) => judgement.ok);
  if (met) return met;
  const [first] = judgements;
  return judgements.length === 1 ? first! : { ...first!, expected: judgements.map((j) => j.expected).join(' or ') };
}

/** A requirement's expected outcome in one line, as every report shows it (results.json `expected`). */
export function describeExpectation<Code extends string>(expectation: Expectation<Code>): string {
  if ('rule' in expectation) return expectation.rule;
  if ('grant' in expectation) return expectation.note ?? '2xx with a non-empty access_grant';
  const accepted = expectation.orStatus === undefined ? '' : ` (${expectation.orStatus} accepted)`;
  if ('status' in expectation) return `${expectation.status}${accepted}`;
  const answer = `${refusalCodesOf(expectation).join(' or ')}${accepted}`;
  return expectation.note === undefined ? answer : `${answer}, ${expectation.note}`;
}
