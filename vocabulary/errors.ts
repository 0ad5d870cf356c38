/**
 * What went wrong in the harness, as opposed to a finding about the target (SPEC §4: a
 * harness error is never a failed requirement). Callers decide by the code; people read the
 * message, which says what to do next.
 */
export type HarnessErrorCode =
  /** Bad arguments or input before anything ran: `grantproof` prints the message as one line and exits 2 (SPEC §4). */
  | 'usage'
  /** A run that began but cannot go on (a target that is not a token endpoint, no client to be had): its results are still written, then exit 2 with the message (SPEC §4). */
  | 'run-stopped'
  /** Pacts could not be read, fetched from or published to a broker: exit 2 with the message; inside a run, the contract case is inconclusive. */
  | 'pact-source'
  /** The target's container could not be had (no engine, no image, a process that exits or never answers): the run stops as for `run-stopped`. */
  | 'target-container'
  /** The target does not offer a provider state (SPEC §3): the case that needs it is skipped; before any case, a missing `a registered client` stops the run. */
  | 'state-unsupported'
  /** A provider state could not be set up (unreachable, an error status, a bad answer): the case is inconclusive; before any case, the run stops. */
  | 'state-failed'
  /** A `--fixtures` module's call did not settle within `--timeout`: never leaves the fixture module, which reports it as `state-failed`. */
  | 'fixture-timeout'
  /** The target answered 429 for longer than `--max-wait` with no relief: that case and every later one are skipped, unsent (SPEC §4). */
  | 'rate-limited'
  /** A case could not be exercised and says so itself: skipped or inconclusive, as the error's status says (SPEC §4). */
  | 'case-not-run'
  /** `grantproof doctor` cannot read its input as a JSON body or a curl command line: a usage error (exit 2) naming the input. */
  | 'unreadable-request'
  /** `grantproof doctor --target` got no answer: the diagnosis without the target is printed, then exit 2 with the message. */
  | 'target-unreachable'
  /** `grantproof repro` cannot send a recorded failure's request again (no results, an ID that did not fail, a target gone): exit 2 with the message (SPEC §4). */
  | 'not-replayable';

/**
 * The base of every harness error (after jose's `JOSEError`): a fixed code from a closed
 * union, a message of one line saying what to do, and the error that caused it, if any.
 */
export class HarnessError<Code extends HarnessErrorCode = HarnessErrorCode> extends Error {
  override readonly name: string = 'HarnessError';

  constructor(
    readonly code: Code,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Whether `error` is a harness error with one of `codes`, or with any code when none are given. */
export function isHarnessError<Code extends HarnessErrorCode>(error: unknown, ...codes: readonly Code[]): error is HarnessError<Code> {
  return error instanceof HarnessError && (codes.length === 0 || codes.includes(error.code as Code));
}
