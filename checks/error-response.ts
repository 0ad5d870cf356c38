import { expectedStatus, type ErrorCode } from '../vocabulary/error-codes.js';
import type { Judgement } from '../vocabulary/outcome.js';
import { errorCodeOf, tooLongToJudge, type Exchange } from '../vocabulary/exchange.js';
import { describeAnswer } from './answer.js';

type Statuses = Readonly<Partial<Record<ErrorCode, number>>>;

/**
 * The target rejected the request with `code` and the status SPEC §1's table gives it
 * (after `--status` overrides). Says which of the two differed.
 */
export function rejectedWith(exchange: Exchange, code: ErrorCode, statuses: Statuses): Judgement {
  const status = expectedStatus(code, statuses);
  const expected = `${status} ${code}`;
  if (!exchange.response) return { ok: false, expected, actual: describeAnswer(exchange) };
  const statusOk = exchange.response.status === status;
  const codeOk = errorCodeOf(exchange) === code;
  const unreadable = tooLongToJudge(exchange);
  if (!codeOk && unreadable) return { ok: false, expected, actual: `${exchange.response.status}, ${unreadable}`, undecided: true };
  const differs = !statusOk && !codeOk ? 'status and error differ' : !statusOk ? 'status differs' : 'error differs';
  return { ok: statusOk && codeOk, expected, actual: statusOk && codeOk ? describeAnswer(exchange) : `${describeAnswer(exchange)} (${differs})` };
}
