import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANONICAL_RFC7523_PACT_FILE } from '../../contract/canonical.js';
import { RFC7523_CONTRACT_INTERACTIONS } from '../../contract/rfc7523/interactions.js';
import { rfc7523Description } from '../../contract/rfc7523/consumer.js';
import { rfc7523, startReferenceServer, type Rfc7523ServerOptions } from '../../reference-server/index.js';
import { contractBreaches, grantproof, statusOf, type CliRun } from '../support/run-cli.js';

/** A compact JWS with a real signature: nothing of the kind may reach a report or the terminal. */
const SIGNED_JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{16,}/;

/** One CLI run's budget: the cases below run at once, each with Pact's native core, on 2 shared cores. */
const CLI_BUDGET_MS = 220_000;

/** Every interaction of the rfc7523 canonical pact, as `verify-pact` names it. */
const ALL = RFC7523_CONTRACT_INTERACTIONS.flatMap((i) => i.methods.map((method) => rfc7523Description(i.requirementId, method)));

/** `verify-pact --profile rfc7523` (the rfc7523 canonical pact by default) against an rfc7523 reference server with `faults`. */
async function verifyAgainst(faults: Rfc7523ServerOptions['faults'], extra: readonly string[] = []): Promise<CliRun> {
  const server = await startReferenceServer({ profile: 'rfc7523', enableStates: true, ...(faults ? { faults } : {}) });
  try {
    return await grantproof(['verify-pact', '--profile', 'rfc7523', '--target', server.tokenUrl, '--state-url', server.stateUrl, ...extra], { timeoutMs: CLI_BUDGET_MS });
  } finally {
    await server.close();
  }
}

/** The interactions that failed, by requirement ID and method. */
function failedInteractions(run: CliRun): string[] {
  const evidence = run.results!.results.find((r) => r.id === 'CONTRACT-PACT')!.evidence;
  return evidence.filter((e) => !e.ok).map((e) => e.variant.replace(/^grantproof-canonical-consumer: ([A-Z0-9-]+): .* \((\w+)\)$/, '$1 $2')).sort();
}

// Each case starts the CLI (Pact's native core in a process of its own): a minute on a loaded 2-core machine.
describe.concurrent('grantproof verify-pact --profile rfc7523 (SPEC §5)', { timeout: 240_000 }, () => {
  it('the rfc7523 reference server honours every interaction of the rfc7523 canonical pact, with both client authentication methods', async () => {
    const run = await verifyAgainst(undefined);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(contractBreaches(run)).toBeNull();
    expect(run.results!.profile).toBe('rfc7523');
    expect(statusOf(run, 'CONTRACT-PACT')).toBe('passed');
    for (const description of ALL) expect(run.stdout).toContain(`✓ grantproof-canonical-consumer: ${description}`);
    expect(JSON.stringify(run.results)).not.toMatch(SIGNED_JWT);
    expect(run.stdout + run.stderr).not.toMatch(SIGNED_JWT);
  });

  it('grantproof run --profile rfc7523 verifies the embedded rfc7523 reference server against the rfc7523 canonical pact', async () => {
    const run = await grantproof(['run', '--profile', 'rfc7523', '--only', 'RESP-SUCCESS,contract'], { timeoutMs: CLI_BUDGET_MS });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(statusOf(run, 'CONTRACT-PACT')).toBe('passed');
    expect(run.results!.results.find((r) => r.id === 'CONTRACT-PACT')!.evidence).toHaveLength(ALL.length);
  });

  it('a server that answers invalid_request where the client fails authentication fails CONTRACT-PACT on each interaction that expects invalid_client alone', async () => {
    const writeError: rfc7523.Rfc7523ErrorWriter = (res, answer) => rfc7523.writeRfc7523Error(res, answer.error === 'invalid_client' ? { status: 400, error: 'invalid_request' } : answer);
    const run = await verifyAgainst({ writeError });
    expect(run.exitCode, run.stdout).toBe(1);
    expect(contractBreaches(run)).toBeNull();
    expect(statusOf(run, 'CONTRACT-PACT')).toBe('failed');
    // AUTH-MALFORMED-JWT and AUTH-CLIENT-ID-MISMATCH accept invalid_request too (SPEC §5), so they hold.
    const onlyInvalidClient = RFC7523_CONTRACT_INTERACTIONS.filter((i) => 'errors' in i.answer && i.answer.errors.length === 1 && i.answer.errors[0] === 'invalid_client');
    expect(failedInteractions(run)).toEqual(onlyInvalidClient.flatMap((i) => i.methods.map((method) => `${i.requirementId} ${method}`)).sort());
    expect(run.stdout).toMatch(/✗ grantproof-canonical-consumer: AUTH-WRONG-KEY: .*\n\s+\$\.error: Expected 'invalid_request' \(String\) to be equal to 'invalid_client' \(String\)/);
  });

  // Each recorded assertion keeps the one fault it stands for while made current for the registered
  // client, so a server without the step that refuses that fault fails that interaction, and only it.
  it.each([
    ['matchClientIdParameter', ['AUTH-CLIENT-ID-MISMATCH client_secret_jwt']],
    ['refuseCriticalExtensions', ['AUTH-HEADER-CRIT client_secret_jwt']],
  ])('a server without the step %s fails CONTRACT-PACT on %j', async (name, failed) => {
    const steps = rfc7523.defaultRfc7523Seams.steps.filter((step) => step.name !== name);
    const run = await verifyAgainst({ steps });
    expect(run.exitCode, run.stdout).toBe(1);
    expect(failedInteractions(run)).toEqual(failed);
  });

  it("another consumer's pact, without a provider-state generator for code_verifier: the state's code_verifier goes in for the code it issued", async () => {
    const pact = JSON.parse(await readFile(CANONICAL_RFC7523_PACT_FILE, 'utf8')) as { consumer: { name: string }; interactions: { description: string; request: { generators: { body: Record<string, unknown> } } }[] };
    const success = pact.interactions.filter((i) => i.description.startsWith('RESP-SUCCESS: ')).map((i) => {
      const generators = Object.fromEntries(Object.entries(i.request.generators.body).filter(([where]) => where !== '$.code_verifier'));
      return { ...i, description: i.description.replace(/^RESP-SUCCESS: /, 'a token for a valid form, '), request: { ...i.request, generators: { body: generators } } };
    });
    expect(success.map((i) => i.request.generators.body)).toEqual([expect.not.objectContaining({ '$.code_verifier': expect.anything() }), expect.not.objectContaining({ '$.code_verifier': expect.anything() })]);
    const dir = await mkdtemp(path.join(tmpdir(), 'grantproof-rfc7523-pacts-'));
    await writeFile(path.join(dir, 'another-consumer.json'), JSON.stringify({ ...pact, consumer: { name: 'another-consumer' }, interactions: success }));
    const run = await verifyAgainst(undefined, ['--pact-dir', dir]);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toContain('✓ another-consumer: a token for a valid form, A fully valid request gets an access grant (private_key_jwt)');
  });

  it("every re-signed assertion carries the run's --audience: an aud the server is not fails the grants", async () => {
    const run = await verifyAgainst(undefined, ['--audience', 'https://elsewhere.example/oauth2/token']);
    expect(run.exitCode).toBe(1);
    expect(failedInteractions(run)).toEqual(expect.arrayContaining(['REQ-UNKNOWN-IGNORED client_secret_jwt', 'RESP-SUCCESS client_secret_jwt', 'RESP-SUCCESS private_key_jwt']));
  });
});
