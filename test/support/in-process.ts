import { runPlanOf } from '../../cli/program.js';
import { runConfigOf } from '../../cli/run-options.js';
import type { RunConfig, RunSettings } from '../../vocabulary/run-config.js';

/** A run's configuration against `target`, as `grantproof run` resolves it from its defaults (seed 1), with `settings` applied. */
export function runConfigFor(target: { readonly tokenUrl: string; readonly stateUrl: string }, settings: Partial<RunSettings> = {}): RunConfig {
  return { ...runConfigOf(runPlanOf(['--target', target.tokenUrl, '--state-url', target.stateUrl, '--seed', '1']), null), ...settings };
}
