import { appendFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { catalogue, POSITIVE_CONTROL_ID } from '../../catalogue/index.js';
import type { RunWideRequirement } from '../../catalogue/types.js';
import { TargetClient } from '../../client/target.js';
import { Evaluation } from '../../suites/evaluate.js';
import type { ReferenceServerOptions } from '../../reference-server/index.js';
import { runConfigFor } from '../support/in-process.js';
import { emptyLogFile } from '../support/log-file.js';
import { referenceTarget, type Listening } from '../support/servers.js';
import { profilesOf } from '../../vocabulary/expectation.js';
import type { RunConfig } from '../../vocabulary/run-config.js';

/**
 * The conformance, property and contract stages against the reference server built from
 * source, in this process: StrykerJS (`npm run mutation`) mutates the reference server and
 * counts a mutant killed when one of these tests fails. Each test is complete on its own — its
 * own positive control, its own exchanges judged by every run-wide check — so that Stryker may
 * run only the tests that reach a mutant (coverage per test). The contract stage verifies the
 * canonical pact (pacts/), as the embedded run does.
 */
const RUNS = Number(process.env.GRANTPROOF_MUTATION_RUNS ?? 50);
const runWide = catalogue.filter((r): r is RunWideRequirement => r.stage === 'run-wide');
const CANONICAL_PACTS = fileURLToPath(new URL('../../pacts/', import.meta.url));

/**
 * Two configurations of the reference server, so that what one leaves at a default is
 * exercised by the other: a leeway of 0 and of 30 s (run with `--leeway 30`), codes bound
 * to a session cookie, hex and bcrypt-style stored secrets.
 */
const configurations: { name: string; options: ReferenceServerOptions }[] = [
  { name: 'default', options: {} },
  { name: 'leeway 30 s, session-bound codes, bcrypt-style secrets', options: { leewaySeconds: 30, bindCodesToSession: true, secretFormat: 'bcrypt' } },
];

/**
 * The run `grantproof run` would make against `target`, with the mutation test's runs, no
 * waiting on 429s, the canonical pact, and the server's log from where it ends now (LOG-NO-SECRET).
 */
function config(target: Listening, leewaySeconds: number, logFile: string): RunConfig {
  const targetLog = { path: logFile, source: `--target-log ${logFile}`, fromByte: statSync(logFile).size };
  return runConfigFor(target, { leewaySeconds, maxWaitMs: 0, runs: RUNS, pacts: { kind: 'dir', dir: CANONICAL_PACTS }, targetLog });
}

describe.each(configurations)('the catalogue passes against the reference server ($name)', ({ options }) => {
  let target: Listening;
  let log: Awaited<ReturnType<typeof emptyLogFile>>;
  beforeAll(async () => {
    log = await emptyLogFile();
    target = await referenceTarget({ ...options, log: (line) => appendFileSync(log.path, `${line}\n`) });
  });
  afterAll(async () => {
    await target.close();
    await log.remove();
  });

  // The abuse stage is opt-in and the reference server starts without a rate limit: the gallery's limiters judge it (abuse-stage.test.ts).
  // These are storx servers: the requirements of profile rfc7523 alone (SPEC §5) are the gallery's rfc7523-reference's to pass.
  for (const requirement of catalogue.filter((r) => r.stage !== 'run-wide' && r.stage !== 'abuse' && profilesOf(r.expect).includes('storx'))) {
    test(requirement.id, async () => {
      const client = new TargetClient(config(target, options.leewaySeconds ?? 0, log.path));
      const evaluation = new Evaluation(client, () => undefined);
      try {
        const control = await evaluation.evaluate(catalogue.find((r) => r.id === POSITIVE_CONTROL_ID)!);
        expect(control.status, control.reason).toBe('passed');
        const result = requirement.id === POSITIVE_CONTROL_ID ? control : await evaluation.evaluate(requirement);
        expect(result.status, result.reason).toBe('passed');
        for (const check of runWide) {
          const judged = await evaluation.evaluate(check);
          expect(judged.status === 'passed' || judged.reason?.startsWith('nothing to judge'), `${check.id}: ${judged.reason}`).toBe(true);
        }
      } finally {
        await client.close();
      }
    });
  }
});
