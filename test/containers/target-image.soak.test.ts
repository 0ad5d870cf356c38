import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { catalogue } from '../../catalogue/index.js';
import { profilesOf } from '../../vocabulary/expectation.js';
import { contractBreaches, grantproof, idsWith } from '../support/run-cli.js';
import { buildImage, buildReferenceImage, containerEnv, containersOf, containerTestsSkipReason, localBaseImage, watchGrantproof } from '../support/containers.js';

const skipReason = containerTestsSkipReason();
if (skipReason) console.log(`test/containers skipped: ${skipReason}`);

const IMAGES = fileURLToPath(new URL('./images/', import.meta.url));
/** The canonical consumer pact, so the contract stage (CONTRACT-PACT) runs against the container too. */
const PACTS = fileURLToPath(new URL('../../pacts/', import.meta.url));
const REFERENCE = 'grantproof-reference:test';
const EXP_NEVER_CHECKED = 'grantproof-test-exp-never-checked:test';
const EXITS_AT_START = 'grantproof-test-exits-at-start:test';
const NEVER_ANSWERS = 'grantproof-test-never-answers:test';
const SECRET_LOGGED = 'grantproof-test-secret-logged-on-bad-jwt:test';
const DB_PASSWORD = 'correct-horse-battery-staple';

/** The temporary folders runs write a started target's log to (containers/log-file.ts). */
const temporaryLogFolders = async () => (await readdir(tmpdir())).filter((name) => name.startsWith('grantproof-target-log-'));

/** The last line of stderr: exit 2 says what is wrong in one line. */
const lastLine = (text: string) => text.trim().split('\n').pop() ?? '';

describe.skipIf(skipReason !== null)(`grantproof run --target-image${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  beforeAll(async () => {
    const base = await localBaseImage();
    await buildReferenceImage(REFERENCE, base);
    await Promise.all([
      buildImage(EXP_NEVER_CHECKED, { context: path.join(IMAGES, 'exp-never-checked') }, { REFERENCE_IMAGE: REFERENCE }),
      buildImage(SECRET_LOGGED, { context: path.join(IMAGES, 'secret-logged-on-bad-jwt') }, { REFERENCE_IMAGE: REFERENCE }),
      buildImage(
        EXITS_AT_START,
        { dockerfile: `FROM ${base}\nCMD ["node", "-e", "console.log('token service 1.4.2 starting'); console.error('config: cannot read /etc/token-service/signing.json (ENOENT)'); process.exit(1)"]\n` },
      ),
      buildImage(NEVER_ANSWERS, { dockerfile: `FROM ${base}\nCMD ["node", "-e", "console.log('warming caches'); setInterval(() => {}, 1 << 30)"]\n` }),
    ]);
  }, 600_000);

  test('the reference server image passes the whole catalogue, and its container is removed', async () => {
    const run = await grantproof(['run', '--target-image', REFERENCE, '--pact-dir', PACTS], { env: containerEnv, timeoutMs: 300_000 });
    expect(run.stderr).toMatch(/target container grantproof-reference:test \([0-9a-f]{12}\) is up: http:\/\/127\.0\.0\.1:\d+\/api\/v0\/oauth2\/token/);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.results?.verdict).toBe('conformant');
    // Every requirement a default (storx) run selects: the abuse stage is opt-in (SPEC §7), its bursts judged by the gallery's limiters; RFC7523-* are not part of storx (SPEC §5).
    expect(idsWith(run, 'passed')).toEqual(catalogue.filter((r) => r.stage !== 'abuse' && profilesOf(r.expect).includes('storx')).map((r) => r.id));
    expect(await contractBreaches(run)).toBeNull();
    expect(run.results?.target).toBe(`container image ${REFERENCE}`);
    expect(run.results?.options).toMatchObject({ targetImage: REFERENCE, targetPort: 10100, tokenPath: '/api/v0/oauth2/token', statePath: '/provider-states', waitTimeout: 60 });
    // A conformant run needs no log.
    expect(run.results).not.toHaveProperty('targetLog');
    expect(await containersOf(REFERENCE)).toEqual([]);
  }, 300_000);

  test('an image with a bug fails on the ID named for it; the report carries its log, redacted', async () => {
    const run = await grantproof(['run', '--target-image', EXP_NEVER_CHECKED, '--env', `DB_PASSWORD=${DB_PASSWORD}`, '--only', 'conformance'], { env: containerEnv, timeoutMs: 300_000 });
    expect(run.exitCode, run.stderr).toBe(1);
    // It logs every client_secret JWT it receives: LOG-NO-SECRET finds them in its log (SPEC §7).
    expect(idsWith(run, 'failed')).toEqual(['AUTH-EXP-PAST', 'LOG-NO-SECRET']);
    expect(await contractBreaches(run)).toBeNull();
    const log = run.results!.targetLog!;
    expect(log.source).toMatch(new RegExp(`^container ${EXP_NEVER_CHECKED} \\([0-9a-f]{12}\\)$`));
    expect(log.lines).toContain('connecting to the client database with password [redacted environment value]');
    const secrets = log.lines.map((line) => /: client_secret (.+)$/.exec(line)?.[1]).filter((jwt) => jwt !== undefined);
    expect(secrets.length).toBeGreaterThan(0);
    // Signed ones lose their signature; an unsigned one (alg none) has none to lose. A header
    // the run also sent alone, as a malformed client_secret, is redacted as that value.
    for (const jwt of secrets) expect(jwt).toMatch(/^(eyJ[\w-]*|\[redacted client_secret\])\.[\w-]*\.(\[signature redacted\]|\[empty signature\])?$/);
    expect(secrets.some((jwt) => jwt.endsWith('.[signature redacted]'))).toBe(true);
    expect(run.results?.options).toMatchObject({ env: { DB_PASSWORD: '[redacted]' } });
    const written = await readFile(path.join(run.outDir, 'results.json'), 'utf8');
    for (const text of [written, run.stdout, run.stderr]) expect(text).not.toContain(DB_PASSWORD);
    expect(run.stdout).toMatch(/last 20 log lines of the target container grantproof-test-exp-never-checked:test \([0-9a-f]{12}\) \(the last \d+ in results\.json\):\n {2}\| token request from/);
    expect(await containersOf(EXP_NEVER_CHECKED)).toEqual([]);
  }, 300_000);

  test("an image that logs its stored secrets fails LOG-NO-SECRET over the container's whole log, every line shown redacted", async () => {
    const before = new Set(await temporaryLogFolders());
    const run = await grantproof(['run', '--target-image', SECRET_LOGGED, '--only', 'conformance'], { env: containerEnv, timeoutMs: 300_000 });
    expect(run.exitCode, run.stderr).toBe(1);
    expect(idsWith(run, 'failed')).toEqual(['LOG-NO-SECRET']);
    expect(await contractBreaches(run)).toBeNull();
    const result = run.results!.results.find((r) => r.id === 'LOG-NO-SECRET')!;
    expect(result.reason).toMatch(new RegExp(`^\\d+ of \\d+ target log lines \\(container ${SECRET_LOGGED} \\([0-9a-f]{12}\\)\\) broke it, in line \\d+`));
    expect(result.evidence.length).toBeGreaterThan(0);
    for (const { logLine } of result.evidence) expect(logLine!.text).toMatch(/^WARN jwt check failed for client \S+ with key \[redacted stored secret\]$/);
    // The tail in results.json and on the terminal is the suites' reading, redacted with the stored secrets they know.
    const tail = run.results!.targetLog!.lines.filter((line) => line.includes(' with key '));
    expect(tail.length).toBeGreaterThan(0);
    const report = await readFile(path.join(run.outDir, 'report.html'), 'utf8');
    const written = await readFile(path.join(run.outDir, 'results.json'), 'utf8');
    for (const text of [written, report, run.stdout, run.stderr]) {
      for (const keyed of text.match(/ with key \S+/g) ?? []) expect(keyed).toBe(' with key [redacted');
    }
    // The raw log went to a temporary file outside --out, deleted with the container.
    expect((await temporaryLogFolders()).filter((dir) => !before.has(dir))).toEqual([]);
    expect(await containersOf(SECRET_LOGGED)).toEqual([]);
  }, 300_000);

  test('an image whose process exits at start gives exit 2 and its last log lines', async () => {
    const run = await grantproof(['run', '--target-image', EXITS_AT_START], { env: containerEnv });
    expect(run.exitCode).toBe(2);
    expect(lastLine(run.stderr)).toMatch(/^grantproof: the target container grantproof-test-exits-at-start:test \([0-9a-f]{12}\) exited before answering GET \/api\/v0\/oauth2\/token: its last log lines are in the report/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.results?.verdict).toBe('no verdict');
    // The line on stdout and the line on stderr reach the log consumer on two streams, in either order.
    expect([...(run.results?.targetLog?.lines ?? [])].sort()).toEqual(['config: cannot read /etc/token-service/signing.json (ENOENT)', 'token service 1.4.2 starting']);
    expect(run.stdout).toContain('  | config: cannot read /etc/token-service/signing.json (ENOENT)');
    expect(await contractBreaches(run)).toBeNull();
    expect(await containersOf(EXITS_AT_START)).toEqual([]);
  });

  test('an image that never answers gives exit 2 once --wait-timeout has passed', async () => {
    const run = await grantproof(['run', '--target-image', NEVER_ANSWERS, '--wait-timeout', '3'], { env: containerEnv });
    expect(run.exitCode).toBe(2);
    expect(lastLine(run.stderr)).toMatch(/the target container grantproof-test-never-answers:test \([0-9a-f]{12}\) did not answer GET \/api\/v0\/oauth2\/token on its port 10100 within 3 s: check --target-port and --wait-path, or raise --wait-timeout/);
    expect(run.results?.targetLog?.lines).toEqual(['warming caches']);
    expect(run.results?.options).toMatchObject({ waitTimeout: 3, waitPath: '/api/v0/oauth2/token' });
    expect(await containersOf(NEVER_ANSWERS)).toEqual([]);
  });

  test('SIGTERM during the run removes the container before grantproof ends', async () => {
    const run = await watchGrantproof(['run', '--target-image', REFERENCE]);
    await run.seen(/\[ ?\d+\/\d+\] /);
    expect(await containersOf(REFERENCE)).toHaveLength(1);
    run.signal('SIGTERM');
    const { exitCode, stderr } = await run.ended;
    expect(exitCode).toBe(143);
    expect(lastLine(stderr)).toBe('grantproof: interrupted (SIGTERM): the target container was removed');
    expect(await containersOf(REFERENCE)).toEqual([]);
  }, 120_000);

  test('Ctrl-C (SIGINT) while waiting for the container removes it too', async () => {
    const run = await watchGrantproof(['run', '--target-image', NEVER_ANSWERS]);
    await run.seen(/waiting up to 60 s for GET/);
    while ((await containersOf(NEVER_ANSWERS)).length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    run.signal('SIGINT');
    const { exitCode, stderr } = await run.ended;
    expect(exitCode).toBe(130);
    expect(lastLine(stderr)).toBe('grantproof: interrupted (SIGINT): the target container was removed');
    expect(await containersOf(NEVER_ANSWERS)).toEqual([]);
  }, 120_000);
});
