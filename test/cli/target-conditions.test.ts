import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requirementById } from '../../catalogue/index.js';
import { createReferenceServer } from '../../reference-server/index.js';
import { notPartOf } from '../../results/model.js';
import { contractBreaches, grantproof, idsWith, statusOf } from '../support/run-cli.js';
import { listen, referenceTarget, withTokenEndpoint } from '../support/servers.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((close) => close()));
});

/** Every file written under --out, allure-results/ included. */
async function everyOutputFile(outDir: string): Promise<string> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  return (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n');
}

describe('targets that are reachable but misbehave', () => {
  it('a token endpoint that never answers is cut by --timeout and recorded as a finding', async () => {
    const target = await withTokenEndpoint(() => undefined);
    cleanup.push(target.close);
    const run = await grantproof(['run', ...target.args, '--timeout', '0.5']);
    expect(run.exitCode).toBe(1);
    expect(await contractBreaches(run)).toBeNull();
    const success = run.results!.results.find((r) => r.id === 'RESP-SUCCESS')!;
    expect(success.status).toBe('failed');
    expect(success.evidence[0]!.actual).toContain('no answer within 0.5 s');
    expect(statusOf(run, 'AUTH-ALG-NONE')).toBe('inconclusive');
    // No exchange got an answer: the run-wide checks judged nothing (issue 16 item 7).
    for (const id of ['RESP-NO-LEAK', 'RESP-NO-5XX']) expect(run.results!.results.find((r) => r.id === id)).toMatchObject({ status: 'skipped', reason: 'nothing to judge: the run had no answered exchanges' });
  });

  it('a server that refuses everything never looks conformant: negatives are inconclusive, and the report says what to check', async () => {
    const target = await withTokenEndpoint((_, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":"invalid_client"}');
    });
    cleanup.push(target.close);
    const run = await grantproof(['run', ...target.args]);
    expect(run.exitCode).toBe(1);
    expect(await contractBreaches(run)).toBeNull();
    expect(idsWith(run, 'passed')).toEqual(['RESP-ERROR-SHAPE', 'RESP-NO-LEAK', 'RESP-NO-5XX']);
    const negative = run.results!.results.find((r) => r.id === 'AUTH-WRONG-KEY')!;
    expect(negative.status).toBe('inconclusive');
    expect(negative.reason).toMatch(/positive control failed.*state endpoint registers clients in the store the token endpoint reads/);
  });

  it('sends the headers a state answer carries with each token request (codes bound to a session cookie)', async () => {
    const target = await referenceTarget({ bindCodesToSession: true });
    cleanup.push(target.close);
    const run = await grantproof(['run', ...target.args]);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(await everyOutputFile(run.outDir)).not.toMatch(/session=[A-Za-z0-9_-]{8,}/);
  });

  it('sends --header with every request and never records its value', async () => {
    const key = 'gateway-key-5d41402abc4b2a76';
    const reference = createReferenceServer({ enableStates: true }).listener;
    const target = await listen((req, res) => {
      if (req.headers['x-api-key'] !== key) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end('{"error":"forbidden"}');
        return;
      }
      reference(req, res);
    });
    cleanup.push(target.close);
    const run = await grantproof(['run', '--target', target.tokenUrl, '--state-url', target.stateUrl, '--header-env', 'X-Api-Key=GP_TEST_KEY'], { env: { GP_TEST_KEY: key } });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(await everyOutputFile(run.outDir)).not.toContain(key);
    expect(run.stdout + run.stderr).not.toContain(key);
  });
});

describe('rate limits (SPEC §4 --rate, --max-wait)', () => {
  it('honours 429 with Retry-After and still reaches a verdict', async () => {
    const target = await referenceTarget({ rateLimit: { burst: 4, refillPerSecond: 5 } });
    cleanup.push(target.close);
    const run = await grantproof(['run', ...target.args, '--only', 'AUTH-ALG-NONE', '--max-wait', '5']);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(statusOf(run, 'AUTH-ALG-NONE')).toBe('passed');
  });

  it('--rate keeps under the limit without a single 429', async () => {
    // Half the refill rate and a burst of three: requests bunched by a loaded machine still fit.
    const target = await referenceTarget({ rateLimit: { burst: 3, refillPerSecond: 4 } });
    cleanup.push(target.close);
    const run = await grantproof(['run', ...target.args, '--only', 'AUTH-ALG-NONE', '--rate', '2', '--max-wait', '0']);
    expect(run.exitCode, run.stdout).toBe(0);
  });

  it('a case still refused with 429 after --max-wait is skipped, "rate limited (429)", never passed or failed', async () => {
    const target = await referenceTarget({ rateLimit: { burst: 3, refillPerSecond: 0.001 } });
    cleanup.push(target.close);
    const run = await grantproof(['run', ...target.args, '--max-wait', '0']);
    expect(run.exitCode).toBe(2);
    expect(await contractBreaches(run)).toBeNull();
    const skipped = run.results!.results.filter((r) => r.status === 'skipped');
    const limited = skipped.filter((r) => r.reason!.startsWith('rate limited (429)'));
    // A run-wide check whose exchanges were all refused 429 has nothing to judge.
    const unjudged = skipped.filter((r) => r.reason!.startsWith('nothing to judge') && requirementById(r.id)?.stage === 'run-wide');
    // No pact source and no target log were given: the contract stage and LOG-NO-SECRET are not selected; nor is the opt-in abuse stage.
    const notSelected = skipped.filter((r) => r.reason!.startsWith('not selected') && (['contract', 'abuse'].includes(requirementById(r.id)?.stage ?? '') || r.id === 'LOG-NO-SECRET'));
    // SPEC §5: the requirements of profile rfc7523 alone are not part of this storx run.
    const notPart = skipped.filter((r) => r.reason === notPartOf('storx'));
    expect(limited.length).toBeGreaterThan(20);
    expect(limited.length + unjudged.length + notSelected.length + notPart.length).toBe(skipped.length);
    expect(idsWith(run, 'failed')).toEqual([]);
  });
});
