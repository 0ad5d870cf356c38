import { afterAll, describe, expect, it } from 'vitest';
import { POSITIVE_CONTROL_ID, requirementById } from '../../catalogue/index.js';
import type { CaseRequirement } from '../../catalogue/types.js';
import { RateLimited } from '../../client/rate-limit.js';
import { StateFailed, StateUnsupported } from '../../client/states.js';
import { TargetClient } from '../../client/target.js';
import { Evaluation, notRunOf } from '../../suites/evaluate.js';
import { HarnessError } from '../../vocabulary/errors.js';
import { runConfigFor } from '../support/in-process.js';

/** SPEC §4, issue 17: the code of the harness error a case throws decides its status, skipped or inconclusive. */
describe('a case stopped by a harness error', () => {
  // Nothing listens there: the cases below throw before they send anything.
  const client = new TargetClient(runConfigFor({ tokenUrl: 'http://127.0.0.1:9/token', stateUrl: 'http://127.0.0.1:9/state' }));
  afterAll(() => client.close());

  const throwing = (error: unknown): CaseRequirement => ({
    ...(requirementById(POSITIVE_CONTROL_ID) as CaseRequirement),
    run: () => Promise.reject(error),
  });
  const resultOf = (error: unknown) => new Evaluation(client, () => undefined).evaluate(throwing(error));

  it('is skipped when the target does not offer the state it needs', async () => {
    expect(await resultOf(new StateUnsupported('an authorization code', 'answered 404'))).toEqual({
      status: 'skipped',
      reason: 'no fixture: the target does not support the state "an authorization code" (answered 404)',
      evidence: [],
    });
  });

  it('is skipped when it is still rate limited, saying what was seen and what to do', async () => {
    const limited = new RateLimited({ maxWaitMs: 30_000, answeredBeforeFirst429: 5, retryAfter: null, waits: 5, waitedMs: 30_000 });
    expect(await resultOf(limited)).toMatchObject({
      status: 'skipped',
      reason:
        "rate limited (429): the target answered 429 for longer than --max-wait (30 s) with no relief, so the run stopped waiting (waited 30 s in 5 waits); 5 requests were answered before the first 429, no 429 carried Retry-After; raise the target's rate limit for test builds, or pace the run with --rate N",
    });
  });

  it('is inconclusive when a state could not be set up', async () => {
    expect(await resultOf(new StateFailed('a registered client', 'the state endpoint answered 500'))).toMatchObject({
      status: 'inconclusive',
      reason: 'setting up "a registered client" failed: the state endpoint answered 500; check --state-url',
    });
  });

  it('is inconclusive, as a harness error, for any other code', async () => {
    expect(await resultOf(new HarnessError('usage', 'unexpected'))).toMatchObject({ status: 'inconclusive', reason: 'harness error: unexpected' });
  });

  it('keeps the error that stopped it as the cause', () => {
    const error = new StateUnsupported('an authorization code', 'answered 501');
    const notRun = notRunOf(error);
    expect(notRun).toMatchObject({ code: 'case-not-run', status: 'skipped' });
    expect(notRun.cause).toBe(error);
  });
});
