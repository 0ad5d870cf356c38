import { shellWord } from '../vocabulary/shell-word.js';
import type { RequirementResult, RunResults } from './model.js';

/** How results.json records a run whose target the run started itself (cli/run-options.ts `recordedOptions`). */
const EMBEDDED_TARGET = 'embedded reference server';
const CONTAINER_TARGET = /^container image (.+)$/;

/**
 * Why a finished run's failures cannot be replayed by `grantproof repro` (SPEC §4), or null when
 * they can: the target the run started itself went with it, and so did its state.
 */
export function whyNotReplayable(run: Pick<RunResults, 'options'>): string | null {
  const target = run.options.target;
  if (target === EMBEDDED_TARGET) {
    return 'the run was against the embedded reference server, which stopped with the run and took its state with it: nothing is left to replay; run `grantproof run --only ID` again';
  }
  const image = typeof target === 'string' ? CONTAINER_TARGET.exec(target)?.[1] : undefined;
  if (image !== undefined) {
    return `the run was against a --target-image container of ${image}, removed after the run: start the image yourself and run \`grantproof run --target URL --state-url URL --only ID\` against it`;
  }
  return null;
}

/** A result `grantproof repro` can replay: one that failed, or warned (a SHOULD not met), in its run. */
export function isReplayable(result: Pick<RequirementResult, 'status'>): boolean {
  return result.status === 'failed' || result.status === 'warning' || result.status === 'known-failure';
}

/**
 * The command that replays a result's failure (SPEC §4 `grantproof repro`), as the reports print it
 * beside the failure; null when the result did not fail, its run cannot be replayed, or its
 * failure is in the target's own log (LOG-NO-SECRET: no request to send again).
 */
export function reproCommand(run: Pick<RunResults, 'options'>, result: Pick<RequirementResult, 'id' | 'status' | 'evidence'>): string | null {
  if (!isReplayable(result) || whyNotReplayable(run) !== null) return null;
  if (result.evidence.length > 0 && result.evidence.every((evidence) => evidence.logLine !== undefined)) return null;
  const out = typeof run.options.out === 'string' ? run.options.out : 'reports';
  return `grantproof repro ${result.id} --out ${shellWord(out)}`;
}

