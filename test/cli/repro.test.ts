import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportHtml } from '../../reporters/html.js';
import { writeResultsJson } from '../../reporters/results-json.js';
import { summaryTable } from '../../reporters/terminal.js';
import type { RunResults } from '../../results/model.js';
import { galleryServer } from '../support/gallery-server.js';
import { judge } from '../support/judge.js';
import { grantproof } from '../support/run-cli.js';
import { referenceTarget } from '../support/servers.js';

type Server = Awaited<ReturnType<typeof galleryServer>>;

/** `grantproof run ARGS --out DIR` judged in-process, its results.json written to a fresh DIR as the run writes it. */
async function finishedRun(args: readonly string[]): Promise<{ readonly out: string; readonly results: RunResults }> {
  const out = await mkdtemp(path.join(tmpdir(), 'grantproof-repro-'));
  const { results } = await judge([...args, '--out', out]);
  await writeResultsJson(out, results);
  return { out, results };
}

/** A copy of a run's results.json in a folder of its own, with `change` applied to it. */
async function copiedRun(results: RunResults, change: (options: Record<string, unknown>) => Record<string, unknown>): Promise<string> {
  const out = await mkdtemp(path.join(tmpdir(), 'grantproof-repro-copy-'));
  await writeFile(path.join(out, 'results.json'), JSON.stringify({ ...results, options: change({ ...results.options }) }));
  return out;
}

/** The same run, as if it had been made against `target`: what a fixed deployment at the run's URLs would answer. */
function pointedAt(target: { tokenUrl: string; stateUrl: string }) {
  return (options: Record<string, unknown>) => ({ ...options, target: target.tokenUrl, stateUrl: target.stateUrl });
}

/** The SHA-256 of every file in a folder, by name. */
async function digests(dir: string): Promise<Record<string, string>> {
  const names = await readdir(dir);
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, createHash('sha256').update(await readFile(path.join(dir, name))).digest('hex')])));
}

describe('grantproof repro: a conformance case (alg-none-accepted, AUTH-ALG-NONE)', () => {
  let broken: Server;
  let fixed: Awaited<ReturnType<typeof referenceTarget>>;
  let run: { readonly out: string; readonly results: RunResults };

  beforeAll(async () => {
    broken = await galleryServer('alg-none-accepted');
    fixed = await referenceTarget();
    run = await finishedRun([...broken.args, '--only', 'AUTH-ALG-NONE']);
  });
  afterAll(async () => {
    await broken?.close();
    await fixed?.close();
  });

  it('fails again against the broken server: exit 1, the exchange printed redacted, recorded and new answers compared', async () => {
    const repro = await grantproof(['repro', 'AUTH-ALG-NONE', '--out', run.out]);
    expect(repro.exitCode, repro.stderr).toBe(1);
    expect(repro.stdout).toMatch(/^AUTH-ALG-NONE, failing exchange 1 of \d+: /);
    expect(repro.stdout).toMatch(/request \(secrets redacted\), AUTH-ALG-NONE: .*\n {2}POST http:\/\/127\.0\.0\.1:\d+\/api\/v0\/oauth2\/token/);
    expect(repro.stdout).toMatch(/answer, in \d+ ms:\n {2}HTTP 200/);
    expect(repro.stdout).toMatch(/expected: 401 invalid_client\nrecorded: 200 \(status and error differ\)\nnow: {6}200 \(status and error differ\)\nfailed again, in the same way/);
    expect(repro.stdout).toMatch(/curl \(secrets redacted; --show-secrets prints the real values\):\ncurl -sS -X POST .*"passphrase":"\[redacted passphrase\]"/);
  });

  it('--variant N replays the N-th failing exchange; one past the last is exit 2 naming the range', async () => {
    const failing = run.results.results.find((r) => r.id === 'AUTH-ALG-NONE')!.evidence.filter((e) => !e.ok);
    const second = await grantproof(['repro', 'AUTH-ALG-NONE', '--out', run.out, '--variant', '2']);
    expect(second.exitCode, second.stderr).toBe(1);
    expect(second.stdout).toContain(`failing exchange 2 of ${failing.length}: ${failing[1]!.variant}`);
    const beyond = await grantproof(['repro', 'AUTH-ALG-NONE', '--out', run.out, '--variant', String(failing.length + 1)]);
    expect(beyond.exitCode).toBe(2);
    expect(beyond.stderr).toBe(`grantproof: --variant takes a whole number from 1 to ${failing.length}, the failing exchanges of AUTH-ALG-NONE in that run, not "${failing.length + 1}"\n`);
  });

  it('the target now answers as required (the fixed server at the run URLs): exit 0', async () => {
    const repro = await grantproof(['repro', 'AUTH-ALG-NONE', '--out', await copiedRun(run.results, pointedAt(fixed))]);
    expect(repro.exitCode, repro.stderr).toBe(0);
    expect(repro.stdout).toMatch(/expected: 401 invalid_client\nrecorded: 200 \(status and error differ\)\nnow: {6}401 invalid_client\nnow answers as required/);
  });

  it('--show-secrets: the real passphrase in the curl line on stdout only, and no file under --out changes', async () => {
    const before = await digests(run.out);
    const repro = await grantproof(['repro', 'AUTH-ALG-NONE', '--out', run.out, '--show-secrets']);
    expect(repro.exitCode, repro.stderr).toBe(1);
    const [transcript, curl] = repro.stdout.split('curl, with the real values (shown here only, never written to a file):\n');
    expect(transcript).toContain('"passphrase":"[redacted passphrase]"');
    const passphrase = /"passphrase":"([^"]+)"/.exec(curl ?? '')?.[1];
    expect(passphrase).toMatch(/^[\w-]{24}$/);
    expect(repro.stderr).not.toContain(passphrase!);
    expect(await digests(run.out)).toEqual(before);
    for (const file of await readdir(run.out)) expect(await readFile(path.join(run.out, file), 'utf8')).not.toContain(passphrase!);
  });

  it('the terminal summary and report.html print the command beside the failure; not for an embedded-server run', async () => {
    const command = `grantproof repro AUTH-ALG-NONE --out ${run.out}`;
    // The table wraps its cells: read them as one line of words.
    const words = summaryTable(run.results).replace(/[│─┌┐└┘├┤┬┴┼]/g, ' ').replace(/\s+/g, ' ');
    expect(words).toContain(`send it again: ${command}`);
    expect(reportHtml(run.results, '0'.repeat(64))).toContain(`send it again: <code>${command}</code>`);
    expect(reportHtml(run.results, '0'.repeat(64))).toContain('<h5>the request, secrets redacted (not replayable: use grantproof repro)</h5>');
    const embedded = { ...run.results, options: { ...run.results.options, target: 'embedded reference server' } };
    expect(summaryTable(embedded)).not.toContain('send it again');
  });

  it('exit 2, one line each: an ID that passed, an unknown ID, no results.json, an embedded-server run, a redacted header not given again', async () => {
    const passed = await grantproof(['repro', 'RESP-SUCCESS', '--out', run.out]);
    expect([passed.exitCode, passed.stderr]).toEqual([2, 'grantproof: RESP-SUCCESS did not fail in that run (passed): only a failure can be replayed\n']);
    const unknown = await grantproof(['repro', 'AUTH-NO-SUCH', '--out', run.out]);
    expect([unknown.exitCode, unknown.stderr]).toEqual([2, 'grantproof: AUTH-NO-SUCH is not a requirement of that run: `grantproof catalogue` lists the IDs\n']);
    const empty = await mkdtemp(path.join(tmpdir(), 'grantproof-repro-empty-'));
    const none = await grantproof(['repro', 'AUTH-ALG-NONE', '--out', empty]);
    expect([none.exitCode, none.stderr]).toEqual([2, `grantproof: no results.json in ${empty}: give --out the folder of the run whose failure to replay (grantproof run writes to reports/ unless given --out)\n`]);
    const embedded = await grantproof(['repro', 'AUTH-ALG-NONE', '--out', await copiedRun(run.results, ({ stateUrl: _, ...options }) => ({ ...options, target: 'embedded reference server' }))]);
    expect(embedded.exitCode).toBe(2);
    expect(embedded.stderr).toMatch(/^grantproof: the run was against the embedded reference server, which stopped with the run .*\n$/);
    const withHeader = await copiedRun(run.results, (options) => ({ ...pointedAt(fixed)(options), headers: { 'X-Gateway-Key': '[redacted]' } }));
    const header = await grantproof(['repro', 'AUTH-ALG-NONE', '--out', withHeader]);
    expect([header.exitCode, header.stderr]).toEqual([2, "grantproof: the run sent the header X-Gateway-Key, whose value results.json redacted: give it again, e.g. --header 'X-Gateway-Key: value' or --header-env 'X-Gateway-Key=VARIABLE'\n"]);
    const given = await grantproof(['repro', 'AUTH-ALG-NONE', '--out', withHeader, '--header-env', 'X-Gateway-Key=GP_KEY'], { env: { GP_KEY: 'k-123' } });
    expect(given.exitCode, given.stderr).toBe(0);
  });
});

describe('grantproof repro: a property failure (code-trimmed, PROP-ONLY-VALID-ACCEPTED)', () => {
  it('replays the shrunk example at its seed and path: exit 1 against the broken server, 0 against the fixed one', async () => {
    const broken = await galleryServer('code-trimmed');
    const fixed = await referenceTarget();
    try {
      const run = await finishedRun([...broken.args, '--only', 'PROP-ONLY-VALID-ACCEPTED', '--seed', '1']);
      const recorded = run.results.results.find((r) => r.id === 'PROP-ONLY-VALID-ACCEPTED')!;
      expect(recorded.status).toBe('failed');
      const evidence = recorded.evidence.find((e) => !e.ok)!;
      const again = await grantproof(['repro', 'PROP-ONLY-VALID-ACCEPTED', '--out', run.out]);
      expect(again.exitCode, again.stderr).toBe(1);
      expect(again.stdout).toContain(`PROP-ONLY-VALID-ACCEPTED, failing exchange 1 of 1: ${evidence.variant}`);
      expect(again.stdout).toContain(`recorded: ${evidence.actual}\nnow:      ${evidence.actual}\nfailed again, in the same way`);
      const now = await grantproof(['repro', 'PROP-ONLY-VALID-ACCEPTED', '--out', await copiedRun(run.results, pointedAt(fixed))]);
      expect(now.exitCode, now.stderr).toBe(0);
      expect(now.stdout).toMatch(/now answers as required$/m);
    } finally {
      await broken.close();
      await fixed.close();
    }
  });
});
