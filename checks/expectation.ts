import type { ErrorCode } from '../vocabulary/error-codes.js';
import type { Exchange } from '../vocabulary/exchange.js';
import type { AnswerExpectation, Expectation } from '../vocabulary/expectation.js';
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
    const refused = rejectedWith(exchange, expectation.error, statuses);
    if (expectation.orStatus === undefined) return refused;
    // REQ-CONTENT-TYPE: 415 Unsupported Media Type refuses too (RFC 9110 §15.5.16).
    const ok = refused.ok || exchange.response?.status === expectation.orStatus;
    return { ok, expected: `${refused.expected} or ${expectation.orStatus}`, actual: describeAnswer(exchange) };
  }
  if ('grant' in expectation) return acceptedWithGrant(exchange);
  // REQ-METHOD: a status alone, e.g. 405 Method Not Allowed (RFC 9110 §15.5.6).
  return { ok: exchange.response?.status === expectation.status, expected: `${expectation.status}`, actual: describeAnswer(exchange) };
}

/** A requirement's expected outcome in one line, as every report shows it (results.json `expected`). */
export function describeExpectation(expectation: Expectation): string {
  if ('rule' in expectation) return expectation.rule;
  if ('status' in expectation) return `${expectation.status}`;
  if ('grant' in expectation) return expectation.note ?? '2xx with a non-empty access_grant';
  const answer = `${expectation.error}${expectation.orStatus === undefined ? '' : ` (${expectation.orStatus} accepted)`}`;
  return expectation.note === undefined ? answer : `${answer}, ${expectation.note}`;
}
