import type { Exchange, SensitiveKind } from './exchange.js';

/** A request that reached the harness's listener: the target fetched a URL it was handed. */
export interface CallbackHit {
  /** The unique token of the URL that was fetched. */
  readonly token: string;
  readonly method: string;
  readonly path: string;
}

/**
 * Why LOG-NO-SECRET is left out of a run without the target's log (SPEC §7): it is judged
 * "when the target's log is available", so, like a stage without its input (no pact source),
 * the run reports it skipped, not selected, without effect on the verdict.
 */
export const NO_TARGET_LOG = 'no target log';

/** A line of the target's own log that held sensitive values of the run, found before redaction (LOG-NO-SECRET). */
export interface LoggedSecret {
  /** Its number in the log, from 1. */
  readonly line: number;
  /** Which kinds of value it held; never the values. */
  readonly kinds: readonly SensitiveKind[];
  /** The line, redacted (and cut to its first BODY_EXCERPT_CHARS characters). */
  readonly text: string;
}

/** The target's own log as the run read it after its last case (SPEC §7). */
export interface TargetLogRead {
  /** Where it was read from, e.g. `--target-log /var/log/token.log` or `container team/svc:1.4 (3f2a9c1d0b7e)`. */
  readonly source: string;
  /** How many of its lines were read: those written during the run. */
  readonly lines: number;
  /** The lines that held a sensitive value of the run, in order. */
  readonly secrets: readonly LoggedSecret[];
}

/** A target log that could not be read after the run (gone, unreadable): why, in a line that says what to check. */
export interface TargetLogUnread {
  readonly source: string;
  readonly unreadable: string;
}

/** What a run-wide check sees: every exchange of the run, what reached the harness's listener, and the target's own log. */
export interface RunRecord {
  readonly exchanges: readonly Exchange[];
  /** Header URLs (jku, x5u) handed to the target, each with the exchange that carried it. */
  readonly handedOut: readonly { readonly token: string; readonly carrier: Exchange }[];
  readonly hits: readonly CallbackHit[];
  /** The target's log, read after every case; null when the run has none (no `--target-log`, no container). */
  readonly targetLog: TargetLogRead | TargetLogUnread | null;
}
