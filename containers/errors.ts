import { HarnessError } from '../vocabulary/errors.js';

/**
 * The target container could not be had: no engine, an image that cannot be pulled, a
 * process that exits or never answers. A harness error, not a finding: the run stops
 * (exit 2); its message is one line saying what to check.
 */
export class TargetContainerFailed extends HarnessError<'target-container'> {
  override readonly name = 'TargetContainerFailed';

  constructor(message: string, options?: ErrorOptions) {
    super('target-container', message, options);
  }
}
