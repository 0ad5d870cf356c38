import { createServer } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CANONICAL_PACT_DIR } from '../../contract/canonical.js';
import { CONTRACT_INTERACTIONS } from '../../contract/interactions.js';
import { contractBreaches, grantproof, statusOf } from '../support/run-cli.js';
import { referenceTarget } from '../support/servers.js';
import { brokenServers } from '../broken-servers/index.js';
import { fakeBroker } from './fake-broker.js';

/** A compact JWS with a real signature: nothing of the kind may reach a report or the terminal. */
const SIGNED_JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{16,}/;
const broken = (name: string) => brokenServers.find((s) => s.name === name)!;

// Each case starts the CLI (vitest, Pact's native core) once or twice: minutes on a loaded 2-core machine.
describe.concurrent('grantproof verify-pact', { timeout: 240_000 }, () => {
  it('the reference server honours every interaction of the canonical pact', async () => {
    const target = await referenceTarget();
    try {
      const run = await grantproof(['verify-pact', ...target.args]);
      expect(run.exitCode, run.stderr).toBe(0);
      expect(await contractBreaches(run)).toBeNull();
      expect(statusOf(run, 'CONTRACT-PACT')).toBe('passed');
      for (const interaction of CONTRACT_INTERACTIONS) expect(run.stdout).toContain(`✓ grantproof-canonical-consumer: ${interaction.requirementId}:`);
      expect(JSON.stringify(run.results)).not.toMatch(SIGNED_JWT);
      expect(run.stdout + run.stderr).not.toMatch(SIGNED_JWT);
    } finally {
      await target.close();
    }
  });

  it('codes bound to a session: the state headers go with the token request', async () => {
    const target = await referenceTarget({ bindCodesToSession: true });
    try {
      const run = await grantproof(['verify-pact', ...target.args]);
      expect(run.exitCode, run.stdout).toBe(0);
    } finally {
      await target.close();
    }
  });

  it('a server with one wrong error code fails, and the output names the interaction and the mismatch', async () => {
    const target = await referenceTarget(broken('expired-as-invalid-client').options);
    try {
      const run = await grantproof(['verify-pact', ...target.args]);
      expect(run.exitCode).toBe(1);
      expect(await contractBreaches(run)).toBeNull();
      expect(statusOf(run, 'CONTRACT-PACT')).toBe('failed');
      expect(run.stdout).toMatch(/✗ grantproof-canonical-consumer: AUTH-EXP-PAST: .*\n\s+\$\.error: Expected 'invalid_client' \(String\) to be equal to 'client_secret_expired' \(String\)/);
      const result = run.results!.results.find((r) => r.id === 'CONTRACT-PACT')!;
      expect(result.reason).toMatch(new RegExp(`^1 of ${CONTRACT_INTERACTIONS.length} interactions of 1 pact from .* failed; first: grantproof-canonical-consumer: AUTH-EXP-PAST`));
      const failed = result.evidence.filter((e) => !e.ok);
      expect(failed).toHaveLength(1);
      expect(failed[0]!.response?.body).toContain('invalid_client');
    } finally {
      await target.close();
    }
  });

  it('a server that keeps redirect URIs loosely fails the REDIRECT-MISMATCH interaction only', async () => {
    const target = await referenceTarget(broken('redirect-uri-loose').options);
    try {
      const run = await grantproof(['verify-pact', ...target.args]);
      expect(run.exitCode).toBe(1);
      const failed = run.results!.results.find((r) => r.id === 'CONTRACT-PACT')!.evidence.filter((e) => !e.ok);
      expect(failed.map((e) => e.variant)).toEqual([expect.stringContaining('REDIRECT-MISMATCH')]);
    } finally {
      await target.close();
    }
  });

  // Each recorded JWT keeps the one fault it stands for while pointing at the registered client,
  // so the gallery's bug behind that fault fails the interaction (and only the interactions it explains).
  it.each([
    ['alg-none-accepted', ['AUTH-ALG-NONE']],
    ['signature-not-verified', ['AUTH-WRONG-KEY', 'AUTH-SIG-TAMPERED', 'AUTH-EXP-PRECEDENCE', 'ORDER-CLIENT-FIRST']],
    ['any-hmac-alg', ['AUTH-ALG-OTHER']],
    ['crit-ignored', ['AUTH-HEADER-CRIT']],
    ['raw-secret-accepted', ['AUTH-MALFORMED-JWT']],
    ['client-id-not-compared', ['AUTH-CLIENT-ID-MISMATCH']],
    ['client-id-from-body', ['AUTH-CLIENT-ID-MISSING']],
    ['missing-exp-never-expires', ['AUTH-EXP-MISSING']],
    ['exp-coerced-with-number', ['AUTH-EXP-INVALID']],
    ['exp-before-signature', ['AUTH-EXP-PRECEDENCE']],
    ['code-not-bound-to-client', ['CODE-OTHER-CLIENT']],
    ['fields-coerced-to-string', ['REQ-FIELD-TYPES']],
    ['extra-fields-refused', ['REQ-UNKNOWN-IGNORED']],
  ])('%s fails CONTRACT-PACT on %j', async (name, ids) => {
    const target = await referenceTarget(broken(name).options);
    try {
      const run = await grantproof(['verify-pact', ...target.args]);
      expect(run.exitCode, run.stdout).toBe(1);
      expect(await contractBreaches(run)).toBeNull();
      const failed = run.results!.results.find((r) => r.id === 'CONTRACT-PACT')!.evidence.filter((e) => !e.ok);
      expect(failed.map((e) => e.variant.replace(/^grantproof-canonical-consumer: ([A-Z0-9-]+): .*$/, '$1')).sort()).toEqual([...ids].sort());
    } finally {
      await target.close();
    }
  });

  it('grantproof run with --pact-dir reports CONTRACT-PACT beside the catalogue; without one it is not selected', async () => {
    const target = await referenceTarget();
    try {
      const withPacts = await grantproof(['run', ...target.args, '--only', 'RESP-,contract', '--pact-dir', CANONICAL_PACT_DIR]);
      expect(withPacts.exitCode, withPacts.stdout).toBe(0);
      expect(statusOf(withPacts, 'CONTRACT-PACT')).toBe('passed');
      const without = await grantproof(['run', ...target.args, '--only', 'RESP-SUCCESS']);
      const contract = without.results!.results.find((r) => r.id === 'CONTRACT-PACT')!;
      expect(contract).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^not selected/) });
      expect(await contractBreaches(without)).toBeNull();
    } finally {
      await target.close();
    }
  });

  it('bad pact sources: a missing folder is a bad argument (nothing written); an empty one, or a file that is no pact, gives no verdict', async () => {
    const target = await referenceTarget();
    try {
      const missing = await grantproof(['verify-pact', ...target.args, '--pact-dir', '/nonexistent/pacts']);
      expect(missing.exitCode).toBe(2);
      expect(missing.stderr).toMatch(/^grantproof: --pact-dir: no folder at \/nonexistent\/pacts; give the folder/);
      expect(missing.results).toBeNull();
      const empty = await mkdtemp(path.join(tmpdir(), 'grantproof-no-pacts-'));
      const none = await grantproof(['verify-pact', ...target.args, '--pact-dir', empty]);
      expect(none.exitCode).toBe(2);
      expect(none.stderr).toContain('holds no pact files');
      expect(await contractBreaches(none)).toBeNull();
      await writeFile(path.join(empty, 'notes.json'), '{"hello": "world"}');
      const notPact = await grantproof(['verify-pact', ...target.args, '--pact-dir', empty]);
      expect(notPact.exitCode).toBe(2);
      expect(notPact.stderr).toContain('notes.json is not a pact file');
    } finally {
      await target.close();
    }
  });
});

describe.concurrent('publishing to a Pact Broker and verifying from it', { timeout: 240_000 }, () => {
  const brokers: { close(): Promise<void> }[] = [];
  afterAll(() => Promise.all(brokers.map((b) => b.close())));

  it('publish-pacts sends the canonical pact in the publish-contracts shape; verify-pact --broker-url fetches and verifies it', async () => {
    const broker = await fakeBroker({ token: 'broker-token-for-tests' });
    brokers.push(broker);
    const env = { PACT_BROKER_TOKEN: 'broker-token-for-tests' };
    const published = await grantproof(['publish-pacts', '--broker-url', broker.url, '--consumer-version', '1.2.3', '--branch', 'main', '--pact-dir', CANONICAL_PACT_DIR], { env });
    expect(published.exitCode, published.stderr).toBe(0);
    expect(broker.problems).toEqual([]);
    expect(published.stdout).toContain('published grantproof-canonical-consumer 1.2.3 (main): pacts with storx-token-endpoint');
    expect(published.stdout).toContain('Created grantproof-canonical-consumer version 1.2.3 with branch main');
    const target = await referenceTarget();
    try {
      const run = await grantproof(['verify-pact', ...target.args, '--broker-url', broker.url], { env });
      expect(run.exitCode, run.stderr).toBe(0);
      expect(broker.problems).toEqual([]);
      expect(broker.calls).toEqual(expect.arrayContaining(['POST /pacts/provider/storx-token-endpoint/for-verification']));
      expect(statusOf(run, 'CONTRACT-PACT')).toBe('passed');
      expect(JSON.stringify(run.results)).not.toContain('broker-token-for-tests');
    } finally {
      await target.close();
    }
  });

  it('--publish-verification-results records each outcome in the broker under --provider-version and --provider-branch, for can-i-deploy', async () => {
    const broker = await fakeBroker();
    brokers.push(broker);
    const published = await grantproof(['publish-pacts', '--broker-url', broker.url, '--consumer-version', '1.2.3', '--branch', 'main', '--pact-dir', CANONICAL_PACT_DIR]);
    expect(published.exitCode, published.stderr).toBe(0);
    const publishing = ['--broker-url', broker.url, '--publish-verification-results', '--provider-branch', 'main'];
    const correct = await referenceTarget();
    const wrong = await referenceTarget(broken('expired-as-invalid-client').options);
    try {
      const passed = await grantproof(['verify-pact', ...correct.args, ...publishing, '--provider-version', '4.5.6']);
      expect(passed.exitCode, passed.stdout).toBe(0);
      const failed = await grantproof(['verify-pact', ...wrong.args, ...publishing, '--provider-version', '4.5.7']);
      expect(failed.exitCode, failed.stdout).toBe(1);
      expect(statusOf(failed, 'CONTRACT-PACT')).toBe('failed');
    } finally {
      await Promise.all([correct.close(), wrong.close()]);
    }
    expect(broker.problems).toEqual([]);
    const consumer = 'grantproof-canonical-consumer';
    expect(broker.verifications).toEqual([
      { consumer, provider: 'storx-token-endpoint', providerVersion: '4.5.6', success: true },
      { consumer, provider: 'storx-token-endpoint', providerVersion: '4.5.7', success: false },
    ]);
    expect(broker.branches).toEqual(['storx-token-endpoint 4.5.6 on main', 'storx-token-endpoint 4.5.7 on main']);
  });

  it.each([
    [['--broker-url', 'http://127.0.0.1:1', '--publish-verification-results'], '--publish-verification-results needs --provider-version: the version of the provider being verified, e.g. its git SHA'],
    [['--pact-dir', CANONICAL_PACT_DIR, '--publish-verification-results', '--provider-version', '1'], '--publish-verification-results needs --broker-url: only pacts fetched from a broker can have results published back'],
    [['--broker-url', 'http://127.0.0.1:1', '--provider-version', '1'], '--provider-version and --provider-branch go with --publish-verification-results'],
  ])('publishing without what it needs: exit 2, one line, nothing written (%j)', async (args, message) => {
    const run = await grantproof(['verify-pact', ...args]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(`grantproof: ${message}\n`);
    expect(run.results).toBeNull();
  });

  it('a broker that refuses the token, or that never answers, ends with exit 2 and one line, bounded by --timeout', async () => {
    const broker = await fakeBroker({ token: 'the-right-token' });
    brokers.push(broker);
    const refused = await grantproof(['publish-pacts', '--broker-url', broker.url, '--consumer-version', '1', '--branch', 'main', '--pact-dir', CANONICAL_PACT_DIR], { env: { PACT_BROKER_TOKEN: 'a-wrong-token' } });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/refused the credentials \(401\): set PACT_BROKER_TOKEN or --broker-token-env\n$/);
    // A broker that accepts connections and never answers.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    brokers.push({
      close: () =>
        new Promise<void>((resolve) => {
          silent.closeAllConnections();
          silent.close(() => resolve());
        }),
    });
    const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    const dead = await grantproof(['publish-pacts', '--broker-url', url, '--consumer-version', '1', '--branch', 'main', '--pact-dir', CANONICAL_PACT_DIR, '--timeout', '1']);
    expect(dead.exitCode).toBe(2);
    expect(dead.stderr).toMatch(/the Pact Broker at .* is unreachable \(no answer within 1 s\): check --broker-url/);
    const target = await referenceTarget();
    try {
      const verify = await grantproof(['verify-pact', ...target.args, '--broker-url', url, '--timeout', '3']);
      expect(verify.exitCode).toBe(2);
      expect(verify.stderr).toMatch(/CONTRACT-PACT inconclusive: .*unreachable \(no answer within 3 s\)/);
    } finally {
      await target.close();
    }
  });
});
