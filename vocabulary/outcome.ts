import { HarnessError } from './errors.js';
import type { Exchange } from './exchange.js';

/** A check's verdict on one exchange, in the words a report shows. */
export interface Judgement {
  readonly ok: boolean;
  /** e.g. `401 invalid_client` */
  readonly expected: string;
  /** e.g. `500 invalid_client_secret (status and error differ)` */
  readonly actual: string;
  /** Not met only because the answer could not be read far enough to judge it (too long): inconclusive, never failed. */
  readonly undecided?: true;
  /** Not met, yet worth a warning only, even under a MUST (RESP-CORS-CREDENTIALS: `*` with credentials, SPEC §2). */
  readonly warning?: true;
}

/** One exchange of a case with the verdict of its check. */
export interface CheckedExchange {
  /** What was changed in the valid request, e.g. `alg "None", no signature part`. */
  readonly variant: string;
  readonly exchange: Exchange;
  readonly judgement: Judgement;
  /** For a property's shrunk counterexample: how to replay it (`--seed`, and fast-check's path). */
  readonly replay?: { readonly seed: number; readonly path: string };
}

/** A line of the target's own log as a run-wide check judged it (LOG-NO-SECRET, SPEC §7). */
export interface CheckedLogLine {
  /** e.g. `line 12 of the target log` */
  readonly variant: string;
  readonly logLine: {
    /** Where the log was read, e.g. `--target-log /var/log/token.log`. */
    readonly source: string;
    /** Its number in the log, from 1. */
    readonly line: number;
    /** The line, redacted. */
    readonly text: string;
  };
  readonly judgement: Judgement;
}

/** What a case observed; its status follows from the judgements and the level. */
export interface CaseOutcome {
  readonly checks: readonly CheckedExchange[];
  /**
   * Set by RESP-SUCCESS only: whether a fully valid request was accepted at all, for every
   * client authentication method of the run, and the exchange of the first that was not (else
   * the first). When one was not, every negative result is inconclusive (SPEC §4).
   */
  readonly positiveControl?: { readonly judgement: Judgement; readonly check: CheckedExchange };
  /** What a passing property exercised, e.g. `50 examples, seed 42`. */
  readonly note?: string;
}

/**
 * SPEC §7: how the reason begins of a requirement that applies only where the target showed a
 * rate limit (ABUSE-RATE-LIMIT-SPOOF, ABUSE-RETRY-AFTER), when it showed none: it does not
 * apply, so, like a requirement not selected, it has no effect on the verdict.
 */
export const NO_RATE_LIMIT_SEEN = 'no rate limit seen';

/**
 * Thrown by a case that could not be exercised: `skipped` when the target could not
 * provide what it needs (no fixture, rate limited), `inconclusive` when a precondition it
 * depends on failed (SPEC §4).
 */
/** The reason SPEC §4 gives results that `--only` (or `--auth-method`) left out: they do not affect the verdict. */
export const NOT_SELECTED = 'not selected';

export class CaseNotRun extends HarnessError<'case-not-run'> {
  override readonly name = 'CaseNotRun';

  constructor(
    readonly status: 'skipped' | 'inconclusive',
    readonly reason: string,
    readonly checks: readonly CheckedExchange[] = [],
    options?: ErrorOptions,
  ) {
    super('case-not-run', reason, options);
  }
}
