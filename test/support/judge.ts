import { catalogue } from '../../catalogue/index.js';
import { RunStopped } from '../../cli/errors.js';
import { harness } from '../../results/package-info.js';
import { preflight } from '../../cli/preflight.js';
import { runPlanOf } from '../../cli/program.js';
import { runConfigOf } from '../../cli/run-options.js';
import { TargetClient } from '../../client/target.js';
import { assembleResults } from '../../results/assemble.js';
import { VERDICT_EXIT, type CaseResult, type RunResults } from '../../results/model.js';
import { Evaluation } from '../../suites/evaluate.js';
import { overlapOf, scheduleRun } from '../../suites/schedule.js';

/** What `grantproof run` would have written and exited with. */
export interface Judged {
  readonly results: RunResults;
  readonly exitCode: number;
  /** What the run printed while it went on (skipped variants, harness warnings). */
  readonly log: readonly string[];
}

/**
 * `grantproof run ARGS` (a `--target` given) evaluated in this process: the plan parsed by the
 * same command line, the same preflight, the catalogue evaluated in the order the suites run
 * it (the positive control first, the run-wide checks last) and the same results model and
 * verdict, without starting vitest or a child process.
 */
export async function judge(args: readonly string[]): Promise<Judged> {
  const plan = runPlanOf(args);
  if (!plan.target) throw new Error('judge() evaluates a given --target; use a child process run for the embedded server');
  const config = runConfigOf(plan, null);
  const log: string[] = [];
  const found = new Map<string, CaseResult>();
  let missing = 'harness error: the evaluation gave no result for it';
  const startedAt = new Date();
  try {
    await preflight(config);
    const target = new TargetClient(config);
    const evaluation = new Evaluation(target, (line) => log.push(line));
    try {
      const scheduled = scheduleRun(catalogue, overlapOf(config), (requirement) => evaluation.result(requirement));
      for (const requirement of catalogue) found.set(requirement.id, await scheduled(requirement.id));
    } finally {
      await evaluation.tornDown();
      await target.close();
    }
  } catch (error) {
    if (!(error instanceof RunStopped)) throw error;
    missing = error.message;
  }
  const results = assembleResults({ harness, target: String(plan.recorded.target), profile: plan.settings.profile, options: plan.recorded, startedAt, finishedAt: new Date() }, found, missing);
  return { results, exitCode: VERDICT_EXIT[results.verdict], log };
}
