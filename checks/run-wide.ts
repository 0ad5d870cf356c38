import { conformingStatuses, errorCodesOf, type AnswerRules, type AnyErrorCode } from '../vocabulary/error-codes.js';
import type { CheckedExchange, CheckedLogLine } from '../vocabulary/outcome.js';
import { responseJson, tooLongToJudge, type Exchange } from '../vocabulary/exchange.js';
import { describeAnswer } from './answer.js';
import { NO_TARGET_LOG, type RunRecord } from '../vocabulary/run-record.js';

/** What a run-wide check found wrong: an exchange of the run, or a line of the target's log. */
export type RunWideFailure = CheckedExchange | CheckedLogLine;

/** A run-wide check's finding: how many things it judged, of what, and the offending ones. */
export interface RunWideFinding {
  readonly judged: number;
  readonly of: string;
  readonly failures: readonly RunWideFailure[];
  /**
   * Set when the check had nothing it could judge, with what that leaves it: `left out` when
   * the run lacks its input (NO_TARGET_LOG: skipped, not selected, out of the verdict, SPEC
   * §7), skipped for an empty log, inconclusive for a log that could not be read.
   */
  readonly notJudged?: { readonly status: 'left out' | 'skipped' | 'inconclusive'; readonly reason: string };
}

export type RunWideCheck = (run: RunRecord, rules: AnswerRules) => RunWideFinding;

/**
 * The exchanges that got an answer: one without (a timeout, a refused connection) is no
 * evidence that the target answers without a 5xx or a leak, so a run-wide check never
 * counts it as judged (a run whose every request went unanswered has nothing to judge).
 */
function answered(exchanges: readonly Exchange[]): Exchange[] {
  return exchanges.filter((e) => e.response !== null);
}

/** RESP-NO-5XX: no input produces a 5xx (SPEC §1). */
export const noServerError: RunWideCheck = ({ exchanges }) => ({
  judged: answered(exchanges).length,
  of: 'answered exchanges',
  failures: answered(exchanges)
    .filter((e) => e.response!.status >= 500)
    .map((exchange) => ({ variant: exchange.label, exchange, judgement: { ok: false, expected: 'a status below 500', actual: describeAnswer(exchange) } })),
});

/** RESP-NO-LEAK: no response contains a stored secret, JWT or passphrase of the run (SPEC §1). */
export const noLeak: RunWideCheck = ({ exchanges }) => ({
  judged: answered(exchanges).length,
  of: 'answered exchanges',
  failures: answered(exchanges)
    .filter((e) => e.leaks.length > 0)
    .map((exchange) => ({
      variant: exchange.label,
      exchange,
      judgement: {
        ok: false,
        expected: 'no secret, JWT or passphrase of the run in the response',
        actual: exchange.leaks.map((leak) => `${leak.kind} in the ${leak.where}`).join('; '),
      },
    })),
});

/**
 * Whether an answer is an OAuth error answer, which RFC 6749 §5.2 shapes: a 4xx to a POST, but
 * for the statuses that answer the transport, not the OAuth request, and so carry no OAuth
 * error body: 405 (REQ-METHOD), 415 (REQ-CONTENT-TYPE) and 429 (rate limiting). A request by
 * another method (REQ-METHOD's GET) is no token request (RFC 6749 §3.2: "MUST use the HTTP
 * POST method"), so whatever refuses it (a framework's 404 page) is not judged. 5xx is
 * RESP-NO-5XX's to judge.
 */
function isOAuthError(exchange: Exchange): boolean {
  const status = exchange.response?.status ?? 0;
  return exchange.request.method.toUpperCase() === 'POST' && status >= 400 && status < 500 && ![405, 415, 429].includes(status);
}

/**
 * RESP-ERROR-SHAPE: every error is JSON with `Content-Type: application/json`, its body
 * `{"error": string}` with one of SPEC §1's codes, answered with that code's status
 * (RFC 6749 §5.2).
 */
export const errorShape: RunWideCheck = ({ exchanges }, rules) => {
  const errors = exchanges.filter(isOAuthError);
  return {
    judged: errors.length,
    of: 'error answers',
    failures: errors.flatMap((exchange) => {
      const problem = shapeProblem(exchange, rules);
      return problem === null ? [] : [{ variant: exchange.label, exchange, judgement: { ok: false, expected: ERROR_SHAPE, actual: problem } }];
    }),
  };
};

const ERROR_SHAPE = 'a JSON {"error": code} body, the status the code calls for';

/** The shape problem of one error answer, or null (RESP-ERROR-SHAPE, for a single exchange). */
export function errorShapeProblem(exchange: Exchange, rules: AnswerRules): string | null {
  return isOAuthError(exchange) ? shapeProblem(exchange, rules) : null;
}

/**
 * AUTH-HEADER-URL-FETCH: the target never fetches a URL named by a JWT header parameter
 * (`jku`, `x5u`); any request reaching the harness's listener is a finding, whatever the
 * token endpoint answered (RFC 8725 §3.10).
 */
export const noHeaderUrlFetch: RunWideCheck = ({ handedOut, hits }) => ({
  judged: handedOut.length,
  of: 'header URLs handed to the target',
  failures: handedOut.flatMap(({ token, carrier }) =>
    hits
      .filter((hit) => hit.token === token)
      .slice(0, 1)
      .map((hit) => ({
        variant: carrier.label,
        exchange: carrier,
        judgement: { ok: false, expected: 'no request to the URL in the JWT header', actual: `the target fetched it: ${hit.method} ${hit.path}` },
      })),
  ),
});

/** What LOG-NO-SECRET judges, in the words of its result. */
const LOGGED_LINES = 'target log lines';

/**
 * LOG-NO-SECRET: no stored secret, JWT, passphrase or access grant of the run in the target's
 * own log (SPEC §2, §7; RFC 6819 §5.1.4.1.3), judged over the lines it logged during the run,
 * each already scanned in every spelling and redacted (client/target-log.ts). A run without
 * the target's log leaves it out, NO_TARGET_LOG, without effect on the verdict: SPEC §2
 * judges it "when the target's log is available".
 */
export const noSecretLogged: RunWideCheck = ({ targetLog }) => {
  if (targetLog === null) {
    return { judged: 0, of: LOGGED_LINES, failures: [], notJudged: { status: 'left out', reason: `${NO_TARGET_LOG} (give --target-log FILE, the file the target writes its log to, or start the target with --target-image to judge it)` } };
  }
  if ('unreadable' in targetLog) return { judged: 0, of: LOGGED_LINES, failures: [], notJudged: { status: 'inconclusive', reason: targetLog.unreadable } };
  const { source, lines, secrets } = targetLog;
  if (lines === 0) {
    return { judged: 0, of: LOGGED_LINES, failures: [], notJudged: { status: 'skipped', reason: `nothing to judge: the target logged nothing to ${source} during the run; check that it writes its log there` } };
  }
  return {
    judged: lines,
    of: `${LOGGED_LINES} (${source})`,
    failures: secrets.map(({ line, kinds, text }) => ({
      variant: `line ${line} of the target log`,
      logLine: { source, line, text },
      judgement: { ok: false, expected: 'no stored secret, JWT, passphrase or access grant of the run in the line', actual: `${kinds.join(', ')} in line ${line}: ${text}` },
    })),
  };
};

function shapeProblem(exchange: Exchange, rules: AnswerRules): string | null {
  const response = exchange.response!;
  // Cut off before its JSON could be read: no evidence of a wrong shape (issue 16 item 2).
  if (tooLongToJudge(exchange)) return null;
  const contentType = response.headers['content-type'] ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(;|$)/i.test(contentType)) return `Content-Type ${JSON.stringify(contentType || null)}`;
  const json = responseJson(exchange);
  if (!json || typeof json !== 'object' || Array.isArray(json)) return 'the body is not a JSON object';
  const error = (json as { error?: unknown }).error;
  if (typeof error !== 'string') return 'no "error" string in the body';
  const codes: readonly string[] = errorCodesOf(rules.profile);
  if (!codes.includes(error)) return `"${error}" is not an error code of ${rules.profile === 'storx' ? 'SPEC §1' : 'RFC 6749 §5.2'}`;
  const statuses = conformingStatuses(error as AnyErrorCode, rules);
  if (!statuses.includes(response.status)) return `${response.status} ${error}, the code calls for ${statuses.join(' or ')}`;
  return null;
}
