import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPlanOf } from '../../cli/program.js';
import { galleryServer } from '../support/gallery-server.js';
import { judge } from '../support/judge.js';
import { emptyLogFile } from '../support/log-file.js';
import { contractBreaches, grantproof, idsWith, statusOf } from '../support/run-cli.js';
import { referenceTarget } from '../support/servers.js';

/** The stored secrets a secret-logging server wrote to its log (faulty-parts.ts `verifySignatureLoggingSecret`). */
function loggedSecrets(logFile: string): { line: number; secret: string }[] {
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .flatMap((text, index) => {
      const secret = / with key (\S+)$/.exec(text)?.[1];
      return secret === undefined ? [] : [{ line: index + 1, secret }];
    });
}

/**
 * LOG-NO-SECRET (SPEC §2, §7): a target that writes a stored secret to its own log fails it,
 * the line named by number and shown redacted; the reference server's log passes; a run
 * without the target's log leaves it out, without effect on the verdict.
 */
describe("LOG-NO-SECRET over the target's own log", () => {
  it('a server that logs stored secrets fails it through --target-log: each line named and redacted, no secret in any output', async () => {
    const log = await emptyLogFile();
    appendFileSync(log.path, 'a line the target logged before the run\n');
    const target = await galleryServer('secret-logged-on-bad-jwt', { logFile: log.path });
    try {
      const run = await grantproof(['run', ...target.args, '--only', 'conformance', '--target-log', log.path]);
      expect(contractBreaches(run)).toBeNull();
      expect(run.exitCode).toBe(1);
      expect(idsWith(run, 'failed')).toEqual(['LOG-NO-SECRET']);
      expect(run.results!.options.targetLog).toBe(log.path);
      const logged = loggedSecrets(log.path);
      expect(logged.length).toBeGreaterThan(0);
      const result = run.results!.results.find((r) => r.id === 'LOG-NO-SECRET')!;
      expect(result.reason).toMatch(new RegExp(`^${logged.length} of \\d+ target log lines \\(--target-log .*\\) broke it, in line ${logged[0]!.line}, `));
      expect(result.evidence.map((e) => e.logLine!.line)).toEqual(logged.slice(0, 20).map(({ line }) => line));
      expect(result.evidence[0]).toMatchObject({
        request: { method: 'LOG', url: `--target-log ${log.path}, line ${logged[0]!.line}` },
        response: null,
        logLine: { text: expect.stringMatching(/^WARN jwt check failed for client \S+ with key \[redacted stored secret\]$/) },
        actual: expect.stringMatching(new RegExp(`^stored secret in line ${logged[0]!.line}: WARN jwt check failed`)),
      });
      const report = readFileSync(path.join(run.outDir, 'report.html'), 'utf8');
      expect(report).toContain(`line ${logged[0]!.line} of the target's log (--target-log ${log.path}), redacted`);
      expect(report).not.toContain('grantproof repro LOG-NO-SECRET');
      const outputs = [readFileSync(path.join(run.outDir, 'results.json'), 'utf8'), report, readFileSync(path.join(run.outDir, 'junit.xml'), 'utf8'), run.stdout, run.stderr];
      for (const { secret } of logged) expect(outputs.filter((text) => text.includes(secret))).toEqual([]);
    } finally {
      await target.close();
      await log.remove();
    }
  });

  it("passes the reference server, whose log holds access lines only, judging every line it logged during the run", async () => {
    const log = await emptyLogFile();
    const target = await referenceTarget({ log: (line) => appendFileSync(log.path, `${line}\n`) });
    try {
      const run = await judge([...target.args, '--only', 'conformance', '--target-log', log.path]);
      expect(run.exitCode).toBe(0);
      const result = run.results.results.find((r) => r.id === 'LOG-NO-SECRET')!;
      const lines = readFileSync(log.path, 'utf8').trimEnd().split('\n').length;
      expect(result).toMatchObject({ status: 'passed', note: `judged ${lines} target log lines (--target-log ${log.path}) of the run` });
    } finally {
      await target.close();
      await log.remove();
    }
  });

  it('without the target\'s log, leaves it out ("no target log"): the run stays conformant', async () => {
    const target = await referenceTarget();
    try {
      const run = await judge([...target.args, '--only', 'RESP-SUCCESS,LOG-NO-SECRET']);
      expect(statusOf(run, 'LOG-NO-SECRET')).toBe('skipped');
      expect(run.results.results.find((r) => r.id === 'LOG-NO-SECRET')!.reason).toBe('not selected: no target log (give --target-log FILE, the file the target writes its log to, or start the target with --target-image to judge it)');
      expect(run.results.verdict).toBe('conformant');
      expect(run.results.threats!.find((t) => t.id === 'T-CREDENTIAL-LOGGED')!.status).toBe('undetermined');
    } finally {
      await target.close();
    }
  });

  it('a target log that is empty after the run leaves it skipped with what to check: no verdict', async () => {
    const log = await emptyLogFile();
    const target = await referenceTarget();
    try {
      const run = await judge([...target.args, '--only', 'RESP-SUCCESS,LOG-NO-SECRET', '--target-log', log.path]);
      expect(run.exitCode).toBe(2);
      expect(run.results.results.find((r) => r.id === 'LOG-NO-SECRET')).toMatchObject({ status: 'skipped', reason: `nothing to judge: the target logged nothing to --target-log ${log.path} during the run; check that it writes its log there` });
    } finally {
      await target.close();
      await log.remove();
    }
  });
});

describe('--target-log FILE (SPEC §4)', () => {
  const target = ['--target', 'http://127.0.0.1:1/api/v0/oauth2/token', '--state-url', 'http://127.0.0.1:1/provider-states'];

  it('records the path as given, and starts reading where the file ends when the run begins', async () => {
    const log = await emptyLogFile();
    try {
      appendFileSync(log.path, 'before the run\n');
      const plan = runPlanOf([...target, '--target-log', log.path, '--out', path.join(path.dirname(log.path), 'out')]);
      expect(plan.recorded.targetLog).toBe(log.path);
      expect(plan.settings.targetLog).toEqual({ path: log.path, source: `--target-log ${log.path}`, fromByte: 'before the run\n'.length });
    } finally {
      await log.remove();
    }
  });

  it.each([
    [[...target, '--target-log', '/nonexistent/target.log'], '--target-log: no file at /nonexistent/target.log; give the file the target writes its log to (create it empty first if the target has not written to it yet)'],
    [[...target, '--target-log', '/tmp'], '--target-log: /tmp is not a file; give the file the target writes its log to'],
    [['--target-log', '/tmp/x.log'], "--target-log is for a target given by --target: the embedded reference server's log is read by itself; give --target too, or drop --target-log"],
    [['--target-image', 'svc:1', '--target-log', '/tmp/x.log'], "--target-log is for a target given by --target: a --target-image container's log is read by itself; drop --target-log"],
  ])('refuses %j in one line saying what to do', (args, line) => {
    expect(() => runPlanOf(args)).toThrow(line);
  });
});
