import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogue } from '../../catalogue/index.js';
import { brokenServers } from '../broken-servers/index.js';
import { allureResults, attachmentText, labelOf } from '../support/allure-results.js';
import { contractBreaches, grantproof } from '../support/run-cli.js';
import { referenceTarget, withTokenEndpoint } from '../support/servers.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((close) => close()));
});

/** A JWT whose signature survived: three base64url segments, the last a real signature. */
const UNREDACTED_JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{16,}/;

async function everyAllureFile(outDir: string): Promise<string> {
  const dir = path.join(outDir, 'allure-results');
  return (await Promise.all((await readdir(dir)).map((f) => readFile(path.join(dir, f), 'utf8')))).join('\n');
}

describe('allure-results/', () => {
  it('labels each requirement, attaches each exchange redacted, replaces the previous results and leaves the rest of --out alone', async () => {
    const server = brokenServers.find((s) => s.name === 'secret-echoed-in-error')!;
    const target = await referenceTarget(server.options);
    cleanup.push(target.close);
    const outDir = await mkdtemp(path.join(tmpdir(), 'grantproof-allure-'));
    await mkdir(path.join(outDir, 'allure-results'));
    await writeFile(path.join(outDir, 'allure-results', 'stale-result.json'), JSON.stringify({ name: 'from an earlier run', labels: [{ name: 'requirement', value: 'STALE' }] }));
    await writeFile(path.join(outDir, 'notes.txt'), 'not grantproof\'s');

    const run = await grantproof(['run', ...target.args, '--only', 'conformance', '--out', outDir]);
    expect(run.exitCode, run.stderr).toBe(1);
    expect(await contractBreaches(run)).toBeNull();
    const allure = await allureResults(outDir);
    expect([...allure.keys()].sort()).toEqual(catalogue.map((r) => r.id).sort());
    expect(existsSync(path.join(outDir, 'notes.txt'))).toBe(true);

    const leak = allure.get('RESP-NO-LEAK')!;
    const leakResult = run.results!.results.find((r) => r.id === 'RESP-NO-LEAK')!;
    expect(leak.status).toBe('failed');
    expect(leak.statusDetails?.message).toBe(leakResult.reason);
    expect({ testCaseId: leak.testCaseId, historyId: leak.historyId }).toEqual({ testCaseId: 'RESP-NO-LEAK', historyId: 'RESP-NO-LEAK' });
    expect(['level', 'category', 'result', 'reason'].map((name) => labelOf(leak, name))).toEqual(['MUST', 'response', 'failed', leakResult.reason]);
    expect(leak.steps.map((s) => s.status)).toEqual(leakResult.evidence.map(() => 'failed'));
    const transcript = await attachmentText(outDir, leak.steps[0]!.steps[0]!.attachments[0]!.source);
    expect(transcript).toContain('[signature redacted]');
    expect(transcript).toContain(leakResult.evidence[0]!.curl);

    const passed = allure.get('AUTH-ALG-NONE')!;
    const passedResult = run.results!.results.find((r) => r.id === 'AUTH-ALG-NONE')!;
    expect(passed.status).toBe('passed');
    expect(passed.steps.map((s) => s.name)).toEqual(passedResult.evidence.map((e) => e.variant));
    expect(passed.steps.every((s) => s.status === 'passed')).toBe(true);

    const notSelected = allure.get('PROP-NO-5XX')!;
    expect(notSelected.status).toBe('skipped');
    expect([labelOf(notSelected, 'result'), labelOf(notSelected, 'reason')]).toEqual(['skipped', 'not selected']);

    // The server echoed every JWT it was sent: the results hold them redacted only.
    expect(await everyAllureFile(outDir)).not.toMatch(UNREDACTED_JWT);
  });

  it('shows inconclusive results as skipped, with the status and the reason as labels', async () => {
    const target = await withTokenEndpoint((_, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":"invalid_client"}');
    });
    cleanup.push(target.close);
    const run = await grantproof(['run', ...target.args, '--only', 'conformance']);
    expect(run.exitCode).toBe(1);
    expect(await contractBreaches(run)).toBeNull();
    const allure = await allureResults(run.outDir);
    expect(allure.get('RESP-SUCCESS')!.status).toBe('failed');
    const negative = allure.get('AUTH-WRONG-KEY')!;
    expect(negative.status).toBe('skipped');
    expect(labelOf(negative, 'result')).toBe('inconclusive');
    expect(labelOf(negative, 'reason')).toMatch(/^the positive control failed, so no refusal can be trusted/);
  });
});
