import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue, requirementById } from '../../catalogue/index.js';
import { TargetClient } from '../../client/target.js';
import { Evaluation } from '../../suites/evaluate.js';
import { runConfigFor } from '../support/in-process.js';
import { withTokenEndpoint } from '../support/servers.js';

/**
 * Issue 16 item 7: a run-wide check that saw no answer has judged nothing. A hostile target
 * whose state endpoint works and whose token endpoint never answers: the positive control's
 * exchanges get no answer, so RESP-NO-LEAK and RESP-NO-5XX must be skipped, not
 * "passed, judged 1 exchange".
 */
describe('a run-wide check with no answered exchange', () => {
  let target: Awaited<ReturnType<typeof withTokenEndpoint>>;
  let client: TargetClient;
  let evaluation: Evaluation;
  beforeAll(async () => {
    target = await withTokenEndpoint(() => undefined);
    client = new TargetClient(runConfigFor(target, { timeoutMs: 300 }));
    evaluation = new Evaluation(client, () => undefined);
    await evaluation.evaluate(requirementById('RESP-SUCCESS')!);
  });
  afterAll(async () => {
    await client.close();
    await target.close();
  });

  it('got no answer to any of its requests', () => {
    expect(client.exchanges.length).toBeGreaterThan(0);
    expect(new Set(client.exchanges.map((e) => JSON.stringify([e.response, e.failure])))).toEqual(new Set([JSON.stringify([null, 'no answer within 0.3 s'])]));
  });

  // AUTH-HEADER-URL-FETCH judges the URLs handed out, LOG-NO-SECRET the target's log (test/broken-servers/target-log.test.ts).
  it.each(catalogue.filter((r) => r.stage === 'run-wide' && !['AUTH-HEADER-URL-FETCH', 'LOG-NO-SECRET'].includes(r.id)).map((r) => r.id))('%s is skipped with that reason', async (id) => {
    const result = await evaluation.evaluate(requirementById(id)!);
    expect(result.status).toBe('skipped');
    expect(result.reason).toMatch(/^nothing to judge: the run had no (answered exchanges|error answers)$/);
  });
});
