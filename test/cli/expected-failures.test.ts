import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenServers } from '../broken-servers/index.js';
import { allureResults, labelOf } from '../support/allure-results.js';
import { contractBreaches, grantproof, idsWith, statusOf } from '../support/run-cli.js';
import { referenceTarget } from '../support/servers.js';

/** `unknown-client-crashes` answers an unknown client_id with a 500: these MUSTs fail against it. */
const server = brokenServers.find((s) => s.name === 'unknown-client-crashes')!;
const FAILING = [server.catches, ...server.alsoFails!];
const TRACKED = { reason: 'crashes on unknown clients, tracked in OPS-42', link: 'https://tracker.example/OPS-42' };

let target: Awaited<ReturnType<typeof referenceTarget>>;
let work: string;
beforeAll(async () => {
  target = await referenceTarget(server.options);
  work = await mkdtemp(path.join(tmpdir(), 'grantproof-known-'));
});
afterAll(() => target.close());

async function listFile(name: string, content: unknown): Promise<string> {
  const file = path.join(work, name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('--expected-failures', () => {
  it('exits 0 when only listed requirements fail, shows them as known failures in every report, and says which listed ones passed', async () => {
    const list = await listFile('known.json', { ...Object.fromEntries(FAILING.map((id) => [id, id === server.catches ? TRACKED : TRACKED.reason])), 'AUTH-ALG-NONE': 'fixed last sprint?' });
    const run = await grantproof(['run', ...target.args, '--only', 'conformance', '--expected-failures', list]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(await contractBreaches(run)).toBeNull();
    expect(run.results!.verdict).toBe('conformant');
    expect(idsWith(run, 'known-failure').sort()).toEqual([...FAILING].sort());
    expect(run.results!.summary.knownFailures).toBe(FAILING.length);
    expect(run.results!.options.expectedFailures).toBe(list);
    const byId = new Map(run.results!.results.map((r) => [r.id, r]));
    expect(byId.get(server.catches)!.knownFailure).toEqual(TRACKED);
    expect(byId.get('RESP-NO-5XX')!.knownFailure).toEqual({ reason: TRACKED.reason });
    expect(byId.get('RESP-NO-5XX')!.reason).toMatch(/broke it/);

    const pruned = byId.get('AUTH-ALG-NONE')!;
    expect(pruned.status).toBe('passed');
    expect(pruned.note).toBe(`listed in --expected-failures but passed: remove it from ${list}`);
    expect(run.stdout).toContain(`passed though listed in --expected-failures, remove from ${list}: AUTH-ALG-NONE`);

    const junit = await readFile(path.join(run.outDir, 'junit.xml'), 'utf8');
    expect(junit).toContain('failures="0"');
    expect(junit).toContain(`<skipped message="known failure: ${TRACKED.reason} (${TRACKED.link}); `);

    const allure = await allureResults(run.outDir);
    const known = allure.get(server.catches)!;
    expect(known.status).toBe('skipped');
    expect([labelOf(known, 'result'), labelOf(known, 'known-failure')]).toEqual(['known-failure', TRACKED.reason]);
    expect(known.links).toContainEqual({ url: TRACKED.link, name: TRACKED.reason, type: 'issue' });
  });

  it('still fails the run on a MUST that is not listed', async () => {
    const list = await listFile('partial.json', { 'RESP-NO-5XX': 'tracked' });
    const run = await grantproof(['run', ...target.args, '--only', 'conformance', '--expected-failures', list]);
    expect(run.exitCode).toBe(1);
    expect(await contractBreaches(run)).toBeNull();
    expect(statusOf(run, 'RESP-NO-5XX')).toBe('known-failure');
    expect(statusOf(run, server.catches)).toBe('failed');
  });

  it.each([
    ['an unknown ID', 'unknown.json', { 'AUTH-NO-SUCH-THING': 'why' }, /"AUTH-NO-SUCH-THING" in .* is not a requirement ID/],
    ['bad JSON', 'broken.json', '{"AUTH-REPLAY": ', /is not valid JSON/],
    ['not an object', 'array.json', ['AUTH-REPLAY'], /must hold a JSON object/],
    ['an entry without a reason', 'empty.json', { 'AUTH-REPLAY': { link: 'https://tracker.example/1' } }, /AUTH-REPLAY in .* needs a reason/],
    ['a link that is no URL', 'link.json', { 'AUTH-REPLAY': { reason: 'r', link: 'OPS-1' } }, /the link of AUTH-REPLAY .* must be an absolute URL/],
  ])('refuses %s: exit 2, one line, nothing written', async (_, name, content, message) => {
    const out = await mkdtemp(path.join(tmpdir(), 'grantproof-known-out-'));
    const run = await grantproof(['run', '--expected-failures', await listFile(name, content), '--out', out]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    expect(await readdir(out)).toEqual([]);
  });

  it('refuses a missing file: exit 2, one line, nothing written', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'grantproof-known-out-'));
    const run = await grantproof(['run', '--expected-failures', path.join(work, 'nowhere.json'), '--out', out]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/--expected-failures: cannot read .*nowhere\.json/)]);
    expect(await readdir(out)).toEqual([]);
  });
});
