import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import escapeHtml from 'escape-html';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodingEchoTarget } from '../support/echoing-target.js';
import { ENCODINGS } from '../support/encodings.js';
import { recordingProxy } from '../support/recording-proxy.js';
import { grantproof, type CliRun } from '../support/run-cli.js';
import { SecretScanner, secretsIn, type Secret } from '../support/secret-scan.js';

/** A whole run as a child process, with room for a loaded CI machine (a limit, not an assertion). */
const RUN_LIMIT_MS = 180_000;

/**
 * SPEC §4 "Output": no file of a run may hold a secret, JWT, passphrase or access grant.
 * The run goes through a recording proxy, so the secrets are known from the wire rather
 * than from the harness's own bookkeeping; every file under --out is then scanned for each
 * of them in every spelling an artifact may give it. The target echoes the request in its
 * errors in every encoding of support/encodings.ts in turn (percent, HTML entities, \u,
 * base64 …: issue 16 item 1) — the client_secret JWT, the passphrase, the stored secret
 * (bcrypt-style), the session cookie its codes are bound to, the --header and --header-env
 * values and its last access grant — and the run verifies the canonical pact: every kind
 * of credential, in every spelling, and every stage's evidence, passes through a report.
 */
/** The canonical pact, so the contract stage's evidence goes through the scan too. */
const PACT_DIR = fileURLToPath(new URL('../../pacts/', import.meta.url));
const GATEWAY_KEY = `gk-${randomBytes(12).toString('hex')}`;
const ENV_KEY = `ek-${randomBytes(12).toString('hex')}`;

describe('every artifact of a run goes through the same redaction', () => {
  let run: CliRun;
  let secrets: Secret[];
  let scanner: SecretScanner;
  let wire: string;

  beforeAll(async () => {
    const target = await encodingEchoTarget();
    const proxy = await recordingProxy(target.origin);
    try {
      run = await grantproof(
        ['run', ...proxy.args, '--header', `X-Gateway-Key: ${GATEWAY_KEY}`, '--header-env', 'X-Env-Key=GRANTPROOF_TEST_KEY', '--runs', '10', '--seed', '1', '--pact-dir', PACT_DIR],
        { env: { GRANTPROOF_TEST_KEY: ENV_KEY } },
      );
    } finally {
      await proxy.close();
      await target.close();
    }
    wire = proxy.exchanges.map((e) => e.responseBody).join('\n');
    secrets = [...secretsIn(proxy.exchanges), { kind: 'header value', value: GATEWAY_KEY }, { kind: 'header value', value: ENV_KEY }];
    scanner = new SecretScanner(secrets);
  }, RUN_LIMIT_MS);

  it('records every kind of credential of the run from the wire', () => {
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.results?.results.find((r) => r.id === 'RESP-NO-LEAK')?.status).toBe('failed');
    expect(run.results?.results.find((r) => r.id === 'CONTRACT-PACT')?.evidence.length).toBeGreaterThan(0);
    const kinds = new Set(secrets.map((s) => s.kind));
    expect([...kinds].sort()).toEqual(['JWT', 'access grant', 'client_secret', 'header value', 'passphrase', 'stored secret']);
  });

  it('was answered with stored secrets in every encoding (the encodings that go character by character, checked on the wire)', () => {
    const stored = secrets.filter((s) => s.kind === 'stored secret').map((s) => s.value);
    for (const [encoding, encode] of Object.entries(ENCODINGS).filter(([name]) => !name.startsWith('base64'))) {
      // The echo is a JSON string of the error body: one more JSON escaping around each encoding.
      expect(stored.some((value) => wire.includes(JSON.stringify(encode(value)).slice(1, -1))), encoding).toBe(true);
    }
  });

  it('finds none of them in any file under --out, nor in what the run printed', async () => {
    const { files, hits } = await scanner.scanDir(run.outDir);
    expect(files).toEqual(expect.arrayContaining(['results.json', 'report.html', 'junit.xml']));
    const printed = [...scanner.scanText('stdout', run.stdout), ...scanner.scanText('stderr', run.stderr)];
    expect([...hits, ...printed]).toEqual([]);
    // What was recorded is still there, redacted: the scan looked at real transcripts.
    const report = await readFile(path.join(run.outDir, 'report.html'), 'utf8');
    for (const mark of ['[signature redacted]', '[redacted passphrase]', '[redacted stored secret]', '[redacted access grant]']) expect(report).toContain(mark);
  });

  it('catches every spelling of a secret planted in a file', async () => {
    const copy = await mkdtemp(path.join(tmpdir(), 'grantproof-planted-'));
    await cp(run.outDir, copy, { recursive: true });
    const stored = secrets.find((s) => s.kind === 'stored secret')!.value;
    const encodings = Object.entries(ENCODINGS);
    for (const [index, [, encode]] of encodings.entries()) await writeFile(path.join(copy, `planted-${index}.html`), `<p>${encode(`stored=${stored}&x=1`)}</p>`);
    const found = new Set((await scanner.scanDir(copy)).hits.filter((h) => h.kind === 'stored secret').map((h) => h.where));
    expect(encodings.filter((_, index) => !found.has(`planted-${index}.html`)).map(([encoding]) => encoding)).toEqual([]);
  });

  it('catches a secret planted in any file, in the spelling that file gives it', async () => {
    const copy = await mkdtemp(path.join(tmpdir(), 'grantproof-planted-'));
    await cp(run.outDir, copy, { recursive: true });
    const one = (kind: Secret['kind']) => secrets.find((s) => s.kind === kind)!.value;
    const plant = async (file: string, text: string) => {
      await mkdir(path.dirname(path.join(copy, file)), { recursive: true });
      await writeFile(path.join(copy, file), `${await readFile(path.join(copy, file), 'utf8').catch(() => '')}${text}`);
    };
    await plant('report.html', `<pre>${escapeHtml(one('stored secret'))}</pre>`);
    await plant('junit.xml', `<!-- ${one('JWT')} -->`);
    await plant('results.json', JSON.stringify(JSON.stringify({ access_grant: one('access grant') })));
    await plant('allure-results/0-result.json', JSON.stringify({ passphrase: one('passphrase') }));
    const { hits } = await scanner.scanDir(copy);
    // One planted value may match in several spellings (base64 whole and at its offset): each file and kind once.
    expect([...new Set(hits.map((h) => `${h.where}: ${h.kind}`))].sort()).toEqual([
      'allure-results/0-result.json: passphrase',
      'junit.xml: JWT',
      'report.html: stored secret',
      'results.json: access grant',
    ]);
  });
});
