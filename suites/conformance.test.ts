import { afterAll, inject, test, type TestContext } from 'vitest';
import { catalogue } from '../catalogue/index.js';
import { TargetClient } from '../client/target.js';
import type { CaseResult } from '../results/model.js';
import { CONFIG_KEY } from './context.js';
import { Evaluation } from './evaluate.js';

const config = inject(CONFIG_KEY);
if (!config) throw new Error('these suites are started by `grantproof run`, which provides the target; run `npx grantproof run --help`');

const target = new TargetClient(config);
const evaluation = new Evaluation(target, (message) => console.warn(message));
afterAll(() => target.close());

// One test per requirement, in catalogue order: the positive control first, the
// run-wide checks last. Tests in a file run one after another, so each sees the
// positive control's outcome and the run-wide checks see every exchange.
for (const requirement of catalogue) {
  test(`${requirement.id}: ${requirement.title}`, { meta: { requirementId: requirement.id } }, async (ctx) => {
    const started = performance.now();
    const result: CaseResult = { ...(await evaluation.evaluate(requirement)), ms: Math.round(performance.now() - started) };
    ctx.task.meta.grantproof = result;
    settle(ctx, result);
  });
}

/**
 * The test's vitest outcome says the same as its result (DESIGN "Where vitest sits"), so
 * JUnit, Allure and the exit status never contradict the report.
 */
function settle(ctx: TestContext, result: CaseResult): void {
  if (result.status === 'skipped' || result.status === 'inconclusive') ctx.skip(`${result.status}: ${result.reason ?? ''}`);
  if (result.status === 'warning') void ctx.annotate(`warning: ${result.reason ?? ''}`, 'warning');
  if (result.status === 'failed') throw new Error(result.reason);
}
