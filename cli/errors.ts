/**
 * A harness error, not a finding: bad arguments, or a target or state endpoint that cannot
 * be used. `grantproof` prints its message as one line and exits 2 (SPEC §4).
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A run that began but cannot go on: its results are still written (SPEC §4). */
export class RunStopped extends Error {
  override readonly name = 'RunStopped';
}
