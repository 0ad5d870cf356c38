import { expectedStatus, isErrorCode, type ErrorCode } from '../vocabulary/error-codes.js';
import type { CheckedExchange } from '../vocabulary/outcome.js';
import { responseJson, tooLongToJudge, type Exchange } from '../vocabulary/exchange.js';
import { describeAnswer } from './answer.js';
import type { RunRecord } from '../vocabulary/run-record.js';

type Statuses = Readonly<Partial<Record<ErrorCode, number>>>;

/** A run-wide check's finding: how many things it judged, of what, and the offending ones. */
export interface RunWideFinding {
  readonly judged: number;
  readonly of: string;
  readonly failures: CheckedExchange[];
}

export type RunWideCheck = (run: RunRecord, statuses: Statuses) => RunWideFinding;

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
 * Statuses that answer the transport, not the OAuth request, and so carry no OAuth error
 * body: 405 (REQ-METHOD), 415 (REQ-CONTENT-TYPE) and 429 (rate limiting). 5xx is
 * RESP-NO-5XX's to judge.
 */
function isOAuthError(exchange: Exchange): boolean {
  const status = exchange.response?.status ?? 0;
  return status >= 400 && status < 500 && ![405, 415, 429].includes(status);
}

/**
 * RESP-ERROR-SHAPE: every error is JSON with `Content-Type: application/json`, its body
 * `{"error": string}` with one of SPEC §1's codes, answered with that code's status
 * (RFC 6749 §5.2).
 */
export const errorShape: RunWideCheck = ({ exchanges }, statuses) => {
  const errors = exchanges.filter(isOAuthError);
  return {
    judged: errors.length,
    of: 'error answers',
    failures: errors.flatMap((exchange) => {
      const problem = shapeProblem(exchange, statuses);
      return problem === null ? [] : [{ variant: exchange.label, exchange, judgement: { ok: false, expected: ERROR_SHAPE, actual: problem } }];
    }),
  };
};

const ERROR_SHAPE = 'a JSON {"error": code} body, the status the code calls for';

/** The shape problem of one error answer, or null (RESP-ERROR-SHAPE, for a single exchange). */
export function errorShapeProblem(exchange: Exchange, statuses: Statuses): string | null {
  return isOAuthError(exchange) ? shapeProblem(exchange, statuses) : null;
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

function shapeProblem(exchange: Exchange, statuses: Statuses): string | null {
  const response = exchange.response!;
  // Cut off before its JSON could be read: no evidence of a wrong shape (issue 16 item 2).
  if (tooLongToJudge(exchange)) return null;
  const contentType = response.headers['content-type'] ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(;|$)/i.test(contentType)) return `Content-Type ${JSON.stringify(contentType || null)}`;
  const json = responseJson(exchange);
  if (!json || typeof json !== 'object' || Array.isArray(json)) return 'the body is not a JSON object';
  const error = (json as { error?: unknown }).error;
  if (typeof error !== 'string') return 'no "error" string in the body';
  if (!isErrorCode(error)) return `"${error}" is not an error code of SPEC §1`;
  const status = expectedStatus(error, statuses);
  if (response.status !== status) return `${response.status} ${error}, the code calls for ${status}`;
  return null;
}
