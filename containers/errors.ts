/**
 * The target container could not be had: no engine, an image that cannot be pulled, a
 * process that exits or never answers. A harness error, not a finding (exit 2); its message
 * is one line saying what to check.
 */
export class TargetContainerFailed extends Error {
  override readonly name = 'TargetContainerFailed';
}
