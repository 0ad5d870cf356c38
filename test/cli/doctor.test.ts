import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JWK } from 'jose';
import { JWT_BEARER_ASSERTION_TYPE, mintClientAssertion } from '../../jwt/index.js';
import { startReferenceServer, type RunningReferenceServer } from '../../reference-server/index.js';
import { ASSERTION_AT, ASSERTION_AUDIENCE, ASSERTION_CASES, ASSERTION_SECRET } from '../doctor/assertion-cases.js';
import { DOCTOR_CASES, DOCTOR_FIXTURES, CASES_TZ, SEED_CLIENT_ID, SEED_SECRET, fixtureText } from '../doctor/cases.js';
import { registeredClientWithCode, setupState } from '../doctor/states.js';
import { BIN } from '../support/run-cli.js';
import { closedPort } from '../support/servers.js';

const SEED_TOKEN_000 = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjbGllbnRfaWQiOiJlNDVmYTc5YS0wNWY1LTRmMDAtYmJmZS1iZDBhMTRhZWFkMGEiLCJleHAiOjE3NTEwMTk1NTN9.UsHQ3A0EHWRahd4_zDf58Kjr4oLF7DsMfoIamqV6oZo';

interface Ran {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `grantproof ARGS` as a child process, with `input` on standard input and the seeds' time zone. */
function grantproof(args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { ...process.env, TZ: CASES_TZ, ...options.env }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ exitCode: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
    child.stdin!.end(options.input ?? '');
  });
}

const WITH_SECRET = { env: { SEED_SECRET } };

function expectNoSecrets(run: Ran): void {
  for (const text of [run.stdout, run.stderr]) {
    expect(text).not.toContain(SEED_SECRET);
    expect(text).not.toContain(SEED_TOKEN_000.split('.')[2]);
  }
}

describe('grantproof doctor on the seeds\' requests (fixtures/doctor/)', () => {
  it.each(DOCTOR_CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const run = await grantproof(['doctor', `${DOCTOR_FIXTURES}${c.file}`, '--at', c.at, '--json', ...(c.withSecret ? ['--secret-env', 'SEED_SECRET'] : [])], WITH_SECRET);
    expect(run.exitCode).toBe(c.exit);
    const report = JSON.parse(run.stdout) as { verdict: unknown; steps: { step: string; line: string }[]; next: string[] };
    expect(report.verdict).toEqual({ outcome: 'refused', ...c.verdict });
    for (const [step, line] of Object.entries(c.lines)) expect(report.steps.find((s) => s.step === step)?.line).toBe(line);
    expect(report.next[0]).toBe(c.next.replace('STORED_SECRET', c.withSecret ? 'SEED_SECRET' : 'STORED_SECRET'));
    expectNoSecrets(run);
  });

  it('prints each step with its mark, the verdict and the next action; exp is judged against now by default', async () => {
    const run = await grantproof(['doctor', `${DOCTOR_FIXTURES}seed-000.curl`, '--secret-env', 'SEED_SECRET'], WITH_SECRET);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^ {2}✓ 4 signature {5}HMAC-SHA256 verifies with the given secret/m);
    expect(run.stdout).toMatch(/^ {2}✗ 5 exp {11}expired (\d+ \w+ )+ago: 2025-06-27T10:19:13Z, 2025-06-27 15:49:13 \+05:30 local$/m);
    expect(run.stdout).toContain('Verdict: 401 client_secret_expired (SPEC §1 step 5)');
    expect(run.stdout).toMatch(/^ {2}1\. mint a fresh client_secret just before each request/m);
    expectNoSecrets(run);
  });

  it('reads the request from standard input, and takes the secret from --secret too', async () => {
    const run = await grantproof(['doctor', '--secret', SEED_SECRET, '--at', '2025-06-27T10:15:00Z'], { input: fixtureText('hex-decoded-key.curl') });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/✗ 4 signature +signed with the secret hex-decoded/);
  });

  it('exit 0 when the request should succeed', async () => {
    const exp = 1751019553;
    const body = fixtureText('missing-passphrase.json').replace('"code": "84feaa9c-6782-417b-b77c-f9642b5562ff"', '"code": "84feaa9c-6782-417b-b77c-f9642b5562ff", "passphrase": ""');
    const run = await grantproof(['doctor', '-', '--secret-env', 'SEED_SECRET', '--at', String(exp - 60)], { ...WITH_SECRET, input: body });
    expect(run.stdout).toContain('Verdict: no fault found:');
    expect(run.exitCode).toBe(0);
  });

  it.each([
    ['an unreadable request', ['doctor', '-'], 'client_id=abc', /^grantproof: cannot read the request: the request is neither a curl command line nor JSON/],
    ['a missing file', ['doctor', '/nonexistent/request.json'], '', /^grantproof: cannot read \/nonexistent\/request\.json: give the path/],
    ['an unset --secret-env', ['doctor', '-', '--secret-env', 'NOT_SET_ANYWHERE'], '{}', /the environment variable NOT_SET_ANYWHERE is not set/],
    ['both --secret and --secret-env', ['doctor', '-', '--secret', 'x', '--secret-env', 'SEED_SECRET'], '{}', /give --secret or --secret-env, not both/],
    ['--at with --target', ['doctor', '-', '--at', '2025-01-01T00:00:00Z', '--target', 'http://127.0.0.1:1/t'], '{}', /give one of them/],
    ['a bad --at', ['doctor', '-', '--at', 'yesterday'], '{}', /--at takes an ISO 8601 time/],
  ])('%s: exit 2, one line', async (_, args, input, message) => {
    const run = await grantproof(args, { ...WITH_SECRET, input });
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });
});

describe('grantproof doctor --target, against the reference server', () => {
  let server: RunningReferenceServer;
  beforeAll(async () => {
    server = await startReferenceServer({ enableStates: true });
  });
  afterAll(() => server.close());

  it('an unregistered client: the seed request, its JWT fresh, is refused, and so is a freshly minted one: register the client', async () => {
    const { code } = await registeredClientWithCode(server.stateUrl);
    const mint = await grantproof(['jwt', 'mint', '--client-id', SEED_CLIENT_ID, '--secret-env', 'SEED_SECRET'], WITH_SECRET);
    const body = JSON.stringify({ client_id: SEED_CLIENT_ID, client_secret: mint.stdout.trim(), redirect_uri: 'https://myapp.com/callback', code, passphrase: '' });
    const run = await grantproof(['doctor', '--secret-env', 'SEED_SECRET', '--target', server.tokenUrl], { ...WITH_SECRET, input: body });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('Verdict: no fault found');
    expect(run.stdout).toMatch(/^ {2}your request {7}401 \{"error":"invalid_client"/m);
    expect(run.stdout).toMatch(/^ {2}with a fresh JWT {3}401 \{"error":"invalid_client"/m);
    expect(run.stdout).toContain(`So: a JWT freshly minted with the given secret is refused too (401 invalid_client): the server does not know client "${SEED_CLIENT_ID}", or holds another secret for it`);
    expect(run.stdout).toMatch(/^ {2}1\. register the client \(seed 001/m);
    expect(run.stdout).not.toContain(mint.stdout.trim().split('.')[2]);
    expectNoSecrets(run);
  });

  it('a registered client and an expired JWT: the fresh request is accepted, exit still 1 (the request as given failed)', async () => {
    const client = await registeredClientWithCode(server.stateUrl);
    const env = { MY_SECRET: client.secret };
    const mint = await grantproof(['jwt', 'mint', '--client-id', client.clientId, '--secret-env', 'MY_SECRET', '--exp', '1751019553'], { env });
    const body = JSON.stringify({ client_id: client.clientId, client_secret: mint.stdout.trim(), redirect_uri: client.redirectUri, code: client.code, passphrase: '' });
    const run = await grantproof(['doctor', '--secret-env', 'MY_SECRET', '--target', server.tokenUrl, '--json'], { env, input: body });
    expect(run.exitCode).toBe(1);
    const report = JSON.parse(run.stdout) as { target: { original: { error: string }; fresh: { status: number; body: string }; explanation: { line: string } } };
    expect(report.target.original.error).toBe('client_secret_expired');
    expect(report.target.fresh.status).toBe(200);
    expect(report.target.fresh.body).toContain('[redacted access grant]');
    expect(report.target.explanation.line).toMatch(/^confirmed: the client_secret is at fault/);
    expect(run.stdout).not.toContain(client.secret);
  });

  it('--target alone sends to the URL of the pasted curl command; a JSON body, which has none, is told to give one', async () => {
    const client = await registeredClientWithCode(server.stateUrl);
    const env = { MY_SECRET: client.secret };
    const mint = await grantproof(['jwt', 'mint', '--client-id', client.clientId, '--secret-env', 'MY_SECRET'], { env });
    const body = JSON.stringify({ client_id: client.clientId, client_secret: mint.stdout.trim(), redirect_uri: client.redirectUri, code: client.code, passphrase: '' });
    const curl = `curl -X POST '${server.tokenUrl}' -H 'Content-Type: application/json' --data '${body}'`;
    const run = await grantproof(['doctor', '--secret-env', 'MY_SECRET', '--target', '--json'], { env, input: curl });
    expect(run.exitCode, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { target: { original: { status: number } } }).target.original.status).toBe(200);
    const json = await grantproof(['doctor', '--target'], { input: body });
    expect(json.exitCode).toBe(2);
    expect(json.stderr).toBe("grantproof: --target without a URL sends to the pasted curl command's URL, and this request has none: give the full token endpoint URL, e.g. http://localhost:10100/api/v0/oauth2/token\n");
  });

  it('an unreachable target: the local diagnosis, then exit 2 with one line', async () => {
    const origin = await closedPort();
    const run = await grantproof(['doctor', `${DOCTOR_FIXTURES}seed-002.json`, '--target', `${origin}/api/v0/oauth2/token`]);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toContain('Verdict: 401 client_secret_expired');
    expect(run.stderr).toMatch(/^grantproof: --target http:\/\/127\.0\.0\.1:\d+\/api\/v0\/oauth2\/token: connection refused by 127\.0\.0\.1:\d+; check the URL and that the server runs\n$/);
  });
});

describe('grantproof jwt mint | decode', () => {
  it('jwt alone prints its help and exits 2', async () => {
    const run = await grantproof(['jwt']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^Usage: grantproof jwt \[options\] \[command\]/);
  });

  it('mint reproduces the seed vector byte for byte (SPEC §1), from --secret-env', async () => {
    const run = await grantproof(['jwt', 'mint', '--client-id', SEED_CLIENT_ID, '--secret-env', 'SEED_SECRET', '--exp', '1751019553'], WITH_SECRET);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(`${SEED_TOKEN_000}\n`);
    expect(run.stderr).toMatch(/^exp 1751019553: expired .* ago, 2025-06-27T10:19:13Z, 2025-06-27 15:49:13 \+05:30 local\n$/);
  });

  it('mint with --ttl gives exp that many seconds ahead; without a secret it says what to give', async () => {
    const run = await grantproof(['jwt', 'mint', '--client-id', 'c', '--secret', 's3cret-value', '--ttl', '60']);
    expect(run.stderr).toMatch(/^exp \d+: expires in (1 minute|\d+ seconds),/);
    const missing = await grantproof(['jwt', 'mint', '--client-id', 'c']);
    expect([missing.exitCode, missing.stderr]).toEqual([2, "grantproof: jwt mint needs the client's stored secret: --secret-env VAR (or --secret)\n"]);
  });

  it('decode shows header and payload, never the signature, and checks it as the server would', async () => {
    const run = await grantproof(['jwt', 'decode', SEED_TOKEN_000, '--secret-env', 'SEED_SECRET', '--at', '2025-06-27T10:15:00Z', '--client-id', SEED_CLIENT_ID], WITH_SECRET);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('payload {"client_id":"e45fa79a-05f5-4f00-bbfe-bd0a14aead0a","exp":1751019553}');
    expect(run.stdout).toContain('.[signature redacted]');
    expect(run.stdout).toMatch(/✓ 5 exp +expires in 4 minutes 13 seconds/);
    expectNoSecrets(run);
  });

  it('decode exits 1 on a failed check (expired, or signed with another key) and 2 with no token', async () => {
    const expired = await grantproof(['jwt', 'decode', '--json'], { input: SEED_TOKEN_000 });
    expect(expired.exitCode).toBe(1);
    expect((JSON.parse(expired.stdout) as { payload: { exp: number } }).payload.exp).toBe(1751019553);
    const wrongKey = await grantproof(['jwt', 'decode', SEED_TOKEN_000, '--secret', 'not-the-secret', '--at', '2025-06-27T10:15:00Z']);
    expect(wrongKey.exitCode).toBe(1);
    expect(wrongKey.stdout).toMatch(/✗ 4 signature +does not verify with the given secret/);
    const none = await grantproof(['jwt', 'decode'], { input: '' });
    expect([none.exitCode, none.stderr]).toEqual([2, 'grantproof: no token given: pass the JWT as an argument or on standard input\n']);
  });
});

describe('grantproof doctor --profile rfc7523', () => {
  const RFC = { env: { RFC_SECRET: ASSERTION_SECRET } };

  it.each(ASSERTION_CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const run = await grantproof(['doctor', '--profile', 'rfc7523', `${DOCTOR_FIXTURES}${c.file}`, '--secret-env', 'RFC_SECRET', '--audience', ASSERTION_AUDIENCE, '--at', ASSERTION_AT, '--json'], RFC);
    expect(run.exitCode, run.stderr).toBe(c.exit);
    expect((JSON.parse(run.stdout) as { verdict: unknown }).verdict).toEqual(c.verdict);
    expect(run.stdout).not.toContain(ASSERTION_SECRET);
  });

  it.each([
    ['an rfc7523 flag with the storx profile', ['doctor', '-', '--audience', 'https://as.example/token'], /--audience: for --profile rfc7523 only/],
    ['both a secret and a JWK', ['doctor', '-', '--profile', 'rfc7523', '--secret', 'x', '--jwk-file', '/nonexistent.json'], /give the client secret \(--secret-env\) or its JWK \(--jwk-file\), not both/],
    ['a JWK file that cannot be read', ['doctor', '-', '--profile', 'rfc7523', '--jwk-file', '/nonexistent.json'], /--jwk-file \/nonexistent\.json: cannot read a JSON object from it/],
    ['a bad --leeway', ['doctor', '-', '--profile', 'rfc7523', '--leeway', '-1'], /--leeway takes a number of 0 or more seconds, not "-1"/],
    ['an unknown profile', ['doctor', '-', '--profile', 'oidc'], /profile/],
  ])('%s: exit 2, one line', async (_, args, message) => {
    const run = await grantproof(args, { input: 'grant_type=authorization_code' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('refuses an oct JWK as a --jwk-file, without quoting it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'doctor-jwk-'));
    await writeFile(path.join(dir, 'oct.json'), JSON.stringify({ kty: 'oct', k: 'c2VjcmV0LWtleS1tYXRlcmlhbA' }));
    const run = await grantproof(['doctor', '-', '--profile', 'rfc7523', '--jwk-file', path.join(dir, 'oct.json')], { input: 'grant_type=authorization_code' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/an oct JWK is a shared secret: give the client secret with --secret-env VAR/);
    expect(run.stderr).not.toContain('c2VjcmV0LWtleS1tYXRlcmlhbA');
  });

  describe('against the rfc7523 reference server', () => {
    let server: RunningReferenceServer;
    beforeAll(async () => {
      server = await startReferenceServer({ profile: 'rfc7523', enableStates: true });
    });
    afterAll(() => server.close());

    /** A registered client of `method`, a code for it, and the form of a valid request signed with its key. */
    async function clientRequest(method: 'client_secret_jwt' | 'private_key_jwt', change: (key: { secret?: string; jwk?: JWK }) => { kind: 'secret'; secret: string | Uint8Array } | { kind: 'private-jwk'; jwk: JWK } = (k) => (k.jwk ? { kind: 'private-jwk', jwk: k.jwk } : { kind: 'secret', secret: k.secret! })) {
      const client = await setupState(server.stateUrl, 'a registered client', { token_endpoint_auth_method: method });
      const issued = await setupState(server.stateUrl, 'an authorization code', { client_id: client.client_id, redirect_uri: client.redirect_uri });
      const key = { ...(typeof client.client_secret === 'string' ? { secret: client.client_secret } : {}), ...(client.private_jwk ? { jwk: client.private_jwk as JWK } : {}) };
      const assertion = await mintClientAssertion({ clientId: client.client_id as string, audience: server.tokenUrl, key: change(key), now: Math.floor(Date.now() / 1000) });
      const form = new URLSearchParams({
        grant_type: 'authorization_code',
        code: issued.code as string,
        redirect_uri: client.redirect_uri as string,
        code_verifier: issued.code_verifier as string,
        client_assertion_type: JWT_BEARER_ASSERTION_TYPE,
        client_assertion: assertion,
      });
      return { key, assertion, curl: `curl -X POST '${server.tokenUrl}' -d '${form.toString()}'` };
    }

    it('a valid client_secret_jwt request: every local step passes, the server accepts it, exit 0', async () => {
      const { key, assertion, curl } = await clientRequest('client_secret_jwt');
      const run = await grantproof(['doctor', '--profile', 'rfc7523', '--secret-env', 'CLIENT_SECRET', '--target'], { env: { CLIENT_SECRET: key.secret! }, input: curl });
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^ {2}✓ signature {7}HMAC-SHA256 verifies with the given secret/m);
      expect(run.stdout).toMatch(/^ {2}✓ aud {13}/m);
      expect(run.stdout).toContain('So: the server accepted the request: its access token is in the answer (redacted here); the code is now spent');
      expect(run.stdout).not.toContain(key.secret!);
      expect(run.stdout).not.toContain(assertion.split('.')[2]);
    });

    it('the hex-decoded secret: named locally, and the server refuses it as diagnosed', async () => {
      // The reference server hands out 64 hex characters by default, as the seeds show.
      const { key, curl } = await clientRequest('client_secret_jwt', (k) => ({ kind: 'secret', secret: Buffer.from(k.secret!, 'hex') }));
      const run = await grantproof(['doctor', '--profile', 'rfc7523', '--secret-env', 'CLIENT_SECRET', '--target', '--json'], { env: { CLIENT_SECRET: key.secret! }, input: curl });
      expect(run.exitCode).toBe(1);
      const report = JSON.parse(run.stdout) as { steps: { step: string; finding?: string }[]; verdict: { step: string }; target: { original: { status: number; error: string }; explanation: { line: string } } };
      expect(report.verdict.step).toBe('signature');
      expect(report.steps.find((s) => s.step === 'signature')?.finding).toBe('HEX_DECODED_KEY');
      expect(report.target.original.error).toBe('invalid_client');
      expect(report.target.explanation.line).toBe(`as diagnosed: ${report.target.original.status} invalid_client (signature)`);
    });

    it('a private_key_jwt client checked with --jwk-file: the private key never printed', async () => {
      const { key, curl } = await clientRequest('private_key_jwt');
      const dir = await mkdtemp(path.join(tmpdir(), 'doctor-jwk-'));
      const file = path.join(dir, 'client.jwk.json');
      await writeFile(file, JSON.stringify(key.jwk));
      const run = await grantproof(['doctor', '--profile', 'rfc7523', '--jwk-file', file, '--audience', server.tokenUrl], { input: curl });
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^ {2}✓ signature {7}ES256 verifies with the given JWK's public key/m);
      expect(run.stdout).not.toContain(key.jwk!.d!);
    });
  });
});
