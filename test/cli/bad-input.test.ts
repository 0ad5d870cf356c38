import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answering, closedPort, type Listening } from '../support/servers.js';
import { contractBreaches, grantproof } from '../support/run-cli.js';

/** SPEC §4: exit 2, one line on stderr saying what is wrong and what to do, never a stack trace. */
function expectOneLineExit2(run: { exitCode: number; stderr: string }) {
  expect(run.exitCode).toBe(2);
  const lines = run.stderr.trim().split('\n');
  expect(lines.at(-1)).toMatch(/^grantproof: /);
  expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

describe('bad arguments: exit 2, one line, nothing written', () => {
  it.each([
    [['run', '--no-such-flag'], /unknown option '--no-such-flag'/],
    [['run', '--target', 'not a url', '--state-url', 'http://127.0.0.1:1/s'], /--target is not an absolute URL/],
    [['run', '--target', 'ftp://example.test/token', '--state-url', 'http://127.0.0.1:1/s'], /must be an http or https URL/],
    [['run', '--target', 'http://127.0.0.1:1/token'], /--target needs --state-url/],
    [['run', '--state-url', 'http://127.0.0.1:1/s'], /give --target too/],
    [['run', '--leeway', 'soon'], /--leeway takes a number/],
    [['run', '--status', 'invalid_client=abc'], /--status takes CODE=NNN/],
    [['run', '--status', 'no_such_code=400'], /--status takes CODE=NNN/],
    [['run', '--only', 'NOPE-'], /names no requirement ID/],
    [['run', '--header-env', 'X-Key=GRANTPROOF_TEST_UNSET_VARIABLE'], /GRANTPROOF_TEST_UNSET_VARIABLE is not set/],
    [['run', '--scopes', ''], /--scopes needs at least one scope/],
    [['run', '--scopes', 'read,,write'], /--scopes "read,,write" has an empty scope/],
    [['run', '--scopes', 'read write'], /"read write" is not a scope token \(RFC 6749 §3\.3/],
    [['run', '--scopes', 'read,read'], /names "read" twice/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('%j', async (args, message) => {
    const run = await grantproof(args);
    expectOneLineExit2(run);
    expect(run.stderr).toMatch(message);
    expect(existsSync(path.join(run.outDir, 'results.json'))).toBe(false);
  });

  it('never echoes a header value it refuses', async () => {
    const run = await grantproof(['run', '--header', 'no-colon-SECRET-VALUE-123']);
    expectOneLineExit2(run);
    expect(run.stderr).not.toContain('SECRET-VALUE-123');
  });

  it('--help and --version exit 0', async () => {
    for (const args of [['--help'], ['run', '--help'], ['serve', '--help']]) {
      const run = await grantproof(args);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(/Usage: grantproof/);
    }
    const version = await grantproof(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('an --out that cannot be written: exit 2, one line naming --out, before anything starts (issue 16 item 3)', () => {
  /** The longest such a refusal may take: it starts no server and no vitest (a bound, not a speed). */
  const REFUSAL_LIMIT_MS = 10_000;
  it.each([
    ['under /proc', async () => '/proc/grantproof-out', /^grantproof: --out \/proc\/grantproof-out is under \/proc, the kernel's own file system, which holds no reports: give a folder you can write to/],
    ['a file', async () => aFile(), /^grantproof: --out \S+ is a file, not a folder: give a folder/],
    ['below a file', async () => path.join(await aFile(), 'reports'), /^grantproof: --out \S+: \S+ is a file, not a folder/],
  ])('%s', async (_, out, message) => {
    const started = performance.now();
    const run = await grantproof(['run', '--out', await out()], { timeoutMs: REFUSAL_LIMIT_MS });
    expect(performance.now() - started).toBeLessThan(REFUSAL_LIMIT_MS);
    expectOneLineExit2(run);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
  it('verify-pact checks its --out the same way', async () => {
    const verify = await grantproof(['verify-pact', '--out', '/proc/grantproof-out'], { timeoutMs: REFUSAL_LIMIT_MS });
    expectOneLineExit2(verify);
    expect(verify.stderr).toMatch(/^grantproof: --out \/proc\/grantproof-out is under \/proc/);
  });
});

async function aFile(): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'grantproof-out-file-')), 'results');
  await writeFile(file, 'not a folder');
  return file;
}

describe('an unusable target or state endpoint: exit 2, one line, results written', () => {
  const servers: Listening[] = [];
  let stateErroring: Listening;
  let stateNotJson: Listening;
  let stateIncomplete: Listening;
  beforeAll(async () => {
    stateErroring = await answering(500, '{"error":"boom"}');
    stateNotJson = await answering(200, '<html>login</html>', 'text/html');
    stateIncomplete = await answering(200, '{"client_id":"abc"}');
    servers.push(stateErroring, stateNotJson, stateIncomplete);
  });
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  it('an unreachable target', async () => {
    const origin = await closedPort();
    const run = await grantproof(['run', '--target', `${origin}/api/v0/oauth2/token`, '--state-url', `${origin}/provider-states`]);
    expectOneLineExit2(run);
    expect(run.stderr).toMatch(/unreachable \(ECONNREFUSED\): check --target/);
    expect(await contractBreaches(run)).toBeNull();
    expect(run.results!.verdict).toBe('no verdict');
  });

  it.each([
    ['answers 500', () => stateErroring, /the state endpoint answered 500: {"error":"boom"}; check --state-url/],
    ['answers HTML', () => stateNotJson, /did not answer a JSON object/],
    ['answers without client_secret', () => stateIncomplete, /has no "client_secret" string/],
  ])('a state endpoint that %s', async (_, server, message) => {
    const s = server();
    const run = await grantproof(['run', '--target', `${s.origin}/api/v0/oauth2/token`, '--state-url', s.stateUrl]);
    expectOneLineExit2(run);
    expect(run.stderr).toMatch(message);
    expect(await contractBreaches(run)).toBeNull();
    expect(run.results!.results.every((r) => r.status === 'inconclusive')).toBe(true);
  });
});
