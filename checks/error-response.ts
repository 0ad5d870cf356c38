import { conformingStatuses, type AnswerRules, type AnyErrorCode } from '../vocabulary/error-codes.js';
import type { Judgement } from '../vocabulary/outcome.js';
import { errorCodeOf, tooLongToJudge, type Exchange } from '../vocabulary/exchange.js';
import { describeAnswer } from './answer.js';

/**
 * The target rejected the request with `code` and a status its profile's table gives it
 * (SPEC §1, §5; after `--status` overrides). Says which of the two differed.
 */
export function rejectedWith(exchange: Exchange, code: AnyErrorCode, rules: AnswerRules): Judgement {
  const statuses = conformingStatuses(code, rules);
  const expected = `${statuses.join(' or ')} ${code}`;
  if (!exchange.response) return { ok: false, expected, actual: describeAnswer(exchange) };
  const statusOk = statuses.includes(exchange.response.status);
  const codeOk = errorCodeOf(exchange) === code;
  const unreadable = tooLongToJudge(exchange);
  if (!codeOk && unreadable) return { ok: false, expected, actual: `${exchange.response.status}, ${unreadable}`, undecided: true };
  const differs = !statusOk && !codeOk ? 'status and error differ' : !statusOk ? 'status differs' : 'error differs';
  return { ok: statusOk && codeOk, expected, actual: statusOk && codeOk ? describeAnswer(exchange) : `${describeAnswer(exchange)} (${differs})` };
}
