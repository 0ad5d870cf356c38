import { appendFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { catalogue, POSITIVE_CONTROL_ID } from '../../catalogue/index.js';
import type { RunWideRequirement } from '../../catalogue/types.js';
import { TargetClient } from '../../client/target.js';
import { Evaluation } from '../../suites/evaluate.js';
import { startReferenceServer, type ReferenceServerOptions, type Rfc7523ServerOptions } from '../../reference-server/index.js';
import { runConfigFor } from '../support/in-process.js';
import { emptyLogFile } from '../support/log-file.js';
import { referenceTarget, type Listening } from '../support/servers.js';
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

/** A reference server to mutate, in one profile, with the options it is started with. */
type Configuration =
  | { readonly name: string; readonly profile: 'storx'; readonly options: ReferenceServerOptions }
  | { readonly name: string; readonly profile: 'rfc7523'; readonly options: Omit<Rfc7523ServerOptions, 'profile'> };

/**
 * Two configurations of each profile's reference server, so that what one leaves at a default
 * is exercised by the other: a leeway of 0 and of 30 s (run with `--leeway 30`); in storx, codes
 * bound to a session cookie, hex and bcrypt-style stored secrets.
 */
const configurations: readonly Configuration[] = [
  { name: 'storx, default', profile: 'storx', options: {} },
  { name: 'storx, leeway 30 s, session-bound codes, bcrypt-style secrets', profile: 'storx', options: { leewaySeconds: 30, bindCodesToSession: true, secretFormat: 'bcrypt' } },
  { name: 'rfc7523, default', profile: 'rfc7523', options: {} },
  { name: 'rfc7523, leeway 30 s', profile: 'rfc7523', options: { leewaySeconds: 30 } },
];

/** The configuration's server, listening, its log lines appended to `logFile`; an rfc7523 server's issuer is the origin it listens on. */
async function start(configuration: Configuration, logFile: string): Promise<Listening> {
  const log = (line: string) => appendFileSync(logFile, `${line}\n`);
  if (configuration.profile === 'storx') return referenceTarget({ ...configuration.options, log });
  return startReferenceServer({ ...configuration.options, profile: 'rfc7523', enableStates: true, log });
}

/**
 * What the configuration's profile exercises: every requirement it applies to but the run-wide
 * checks (judged in every test) and the opt-in abuse stage; in rfc7523, not the contract stage,
 * which has no rfc7523 pact to verify.
 */
function exercised(configuration: Configuration) {
  return catalogue.filter((r) => r.expect[configuration.profile] !== undefined && r.stage !== 'run-wide' && r.stage !== 'abuse' && (configuration.profile === 'storx' || r.stage !== 'contract'));
}

/**
 * The run `grantproof run` would make against `target`, with the mutation test's runs, no
 * waiting on 429s, the canonical pact, and the server's log from where it ends now (LOG-NO-SECRET).
 */
function config(target: Listening, configuration: Configuration, logFile: string): RunConfig {
  const targetLog = { path: logFile, source: `--target-log ${logFile}`, fromByte: statSync(logFile).size };
  const { leewaySeconds = 0 } = configuration.options;
  if (configuration.profile === 'rfc7523') return runConfigFor(target, { profile: 'rfc7523', leewaySeconds, maxWaitMs: 0, runs: RUNS, pacts: null, targetLog });
  return runConfigFor(target, { leewaySeconds, maxWaitMs: 0, runs: RUNS, pacts: { kind: 'dir', dir: CANONICAL_PACTS }, targetLog });
}

describe.each(configurations)('the catalogue passes against the reference server ($name)', (configuration) => {
  let target: Listening;
  let log: Awaited<ReturnType<typeof emptyLogFile>>;
  beforeAll(async () => {
    log = await emptyLogFile();
    target = await start(configuration, log.path);
  });
  afterAll(async () => {
    await target.close();
    await log.remove();
  });

  // The abuse stage is opt-in and the reference server starts without a rate limit: the gallery's limiters judge it (abuse-stage.test.ts).
  for (const requirement of exercised(configuration)) {
    test(requirement.id, async () => {
      const client = new TargetClient(config(target, configuration, log.path));
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
