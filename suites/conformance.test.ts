import { afterAll, inject, test, type TestContext } from 'vitest';
import { catalogue } from '../catalogue/index.js';
import type { Requirement } from '../catalogue/types.js';
import { TargetClient } from '../client/target.js';
import { reportToAllure, WrongAnswer } from './vitest/allure.js';
import { resultInfoOf } from '../results/assemble.js';
import type { CaseResult, ResultInfo } from '../results/model.js';
import { CONFIG_KEY, REPLAY_KEY } from './context.js';
import { Evaluation } from './evaluate.js';
import { overlapOf, scheduleRun } from './schedule.js';
import type { ProfileName } from '../vocabulary/profile.js';

const { profile, resultOf } = evaluatedOrReplayed();

// One test per requirement, in catalogue order: the positive control first, the
// run-wide checks last. The schedule (suites/schedule.ts) exercises the conformance cases
// a few at once after the positive control, the contract beside them and the properties,
// and every other requirement alone after all before it, so each case sees the positive
// control's outcome and the run-wide checks see every exchange; each test awaits its own
// requirement's result.
for (const requirement of catalogue) {
  test(`${requirement.id}: ${requirement.title}`, { meta: { requirementId: requirement.id } }, async (ctx) => {
    const result = await resultOf(requirement);
    const info = resultInfoOf(requirement, profile);
    ctx.task.meta.grantproof = result;
    await reportToAllure(info, result);
    settle(ctx, info, result);
  });
}

/**
 * `grantproof run` provides a target, whose requirements are evaluated here; `grantproof
 * merge` provides the results its shards found, replayed so that every reporter sees
 * them exactly as it sees a run's.
 */
function evaluatedOrReplayed(): { profile: ProfileName; resultOf: (requirement: Requirement) => Promise<CaseResult> } {
  const replay = inject(REPLAY_KEY);
  if (replay) {
    return {
      profile: replay.profile,
      resultOf: async (requirement) => {
        const result = replay.results[requirement.id];
        if (!result) throw new Error(`the merged shards hold no result for ${requirement.id}`);
        return result;
      },
    };
  }
  const config = inject(CONFIG_KEY);
  if (!config) throw new Error('these suites are started by `grantproof run`, which provides the target; run `npx grantproof run --help`');
  const target = new TargetClient(config);
  const evaluation = new Evaluation(target, (message) => console.warn(message));
  afterAll(async () => {
    await evaluation.tornDown();
    await target.close();
  });
  const scheduled = scheduleRun(catalogue, overlapOf(config), (requirement) => evaluation.result(requirement));
  return { profile: config.profile, resultOf: (requirement) => scheduled(requirement.id) };
}

/**
 * The test's vitest outcome says the same as its result (DESIGN "Where vitest sits"), so
 * JUnit, Allure and the exit status never contradict the report. A known failure does not
 * fail the run, so it is skipped with its reason, as in junit.xml.
 */
function settle(ctx: TestContext, requirement: ResultInfo, result: CaseResult): void {
  if (result.status === 'skipped' || result.status === 'inconclusive') ctx.skip(`${result.status}: ${result.reason ?? ''}`);
  if (result.status === 'known-failure') ctx.skip(`known failure: ${result.knownFailure?.reason ?? ''}; ${result.reason ?? ''}`);
  if (result.status === 'warning') void ctx.annotate(`warning: ${result.reason ?? ''}`, 'warning');
  if (result.status === 'failed') throw new WrongAnswer(result.reason ?? 'failed', requirement.expected, result.reason ?? '');
}
