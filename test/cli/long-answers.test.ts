import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantproof, type CliRun } from '../support/run-cli.js';
import { LONG_DESCRIPTION_BYTES, longErrors } from '../support/long-answers.js';
import { referenceTarget } from '../support/servers.js';

/** results.json's and report.html's bound for these few requirements (before issue 16: 1 MiB per answer kept). */
const FILE_LIMIT_BYTES = 256 * 1024;

/**
 * Issue 16 item 2 through the command line, kept short for `npm test` (the whole catalogue,
 * with the memory of the run measured, is test/soak/long-answers.soak.test.ts): a conformant
 * target whose every error carries a 1.5 MB error_description.
 */
describe('grantproof run against a target whose every error is 1.5 MB long', () => {
  let run: CliRun;
  let target: Awaited<ReturnType<typeof referenceTarget>>;
  beforeAll(async () => {
    target = await referenceTarget(longErrors());
    run = await grantproof(['run', ...target.args, '--only', 'AUTH-UNREGISTERED,AUTH-WRONG-KEY,CODE-UNKNOWN,REDIRECT-MISMATCH,RESP-']);
  }, 120_000);
  afterAll(() => target.close());

  it('is conformant (exit 0): a long answer is judged by what it says', () => {
    expect(run.exitCode, run.stderr).toBe(0);
    for (const id of ['AUTH-UNREGISTERED', 'AUTH-WRONG-KEY', 'CODE-UNKNOWN', 'REDIRECT-MISMATCH', 'RESP-ERROR-SHAPE', 'RESP-NO-LEAK', 'RESP-NO-5XX']) {
      expect(run.results!.results.find((r) => r.id === id)?.status, id).toBe('passed');
    }
  });

  it('writes small files, each long body an excerpt that says it was cut', async () => {
    for (const file of ['results.json', 'report.html']) expect((await stat(path.join(run.outDir, file))).size, file).toBeLessThan(FILE_LIMIT_BYTES);
    const cut = run.results!.results.flatMap((r) => r.evidence).filter((e) => e.response?.status === 401);
    expect(cut.length).toBeGreaterThan(3);
    for (const { response } of cut) {
      expect(response).toMatchObject({ bodyCut: true, bodySha256: expect.stringMatching(/^[0-9a-f]{64}$/) as string });
      expect(response!.bodyBytes).toBeGreaterThan(LONG_DESCRIPTION_BYTES);
      expect(response!.body.length).toBeLessThanOrEqual(2048);
    }
  });
});
