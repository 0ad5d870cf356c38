import { HarnessError } from '../vocabulary/errors.js';

/**
 * Bad arguments, or a target or state endpoint that cannot be used, before anything ran:
 * `grantproof` prints its message as one line and exits 2 (SPEC §4).
 */
export class UsageError extends HarnessError<'usage'> {
  override readonly name = 'UsageError';

  constructor(message: string, options?: ErrorOptions) {
    super('usage', message, options);
  }
}

/** A run that began but cannot go on: its results are still written, then exit 2 (SPEC §4). */
export class RunStopped extends HarnessError<'run-stopped'> {
  override readonly name = 'RunStopped';

  constructor(message: string, options?: ErrorOptions) {
    super('run-stopped', message, options);
  }
}
