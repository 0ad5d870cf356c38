import { afterEach, describe, expect, it } from 'vitest';
import { startReferenceServer, type RunningReferenceServer } from '../../reference-server/index.js';
import { defaultRfc7523Seams, rfc7523Step, verifyAssertion } from '../../reference-server/rfc7523/index.js';
import { judge } from '../support/judge.js';

// SPEC §4: "a server that rejects everything must never look conformant". With
// `--auth-method both`, that holds for each method: the positive control sends a fully valid
// request of each, so a server that refuses every private_key_jwt client is not trusted with
// that method's refusals either.

/** Every private_key_jwt assertion refused, as a server whose JWKS handling is broken does. */
const refusesEveryPrivateKeyJwt = rfc7523Step(async function refusesEveryPrivateKeyJwt(ctx, env) {
  if (ctx.client?.method === 'private_key_jwt') return 'invalid_client';
  return verifyAssertion.run(ctx, env);
});

let server: RunningReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(steps = defaultRfc7523Seams.steps, ...args: string[]) {
  server = await startReferenceServer({ profile: 'rfc7523', enableStates: true, faults: { steps } });
  const { results } = await judge(['--profile', 'rfc7523', '--target', server.tokenUrl, '--state-url', server.stateUrl, '--only', 'AUTH-WRONG-KEY', ...args]);
  return new Map(results.results.map((result) => [result.id, result]));
}

describe('the rfc7523 positive control', () => {
  it('sends a fully valid request of each method, and of other scopes', async () => {
    const control = (await run()).get('RESP-SUCCESS')!;
    expect(control.status).toBe('passed');
    expect(control.evidence.map((e) => e.variant)).toEqual([
      'a fully valid request (client_secret_jwt)',
      expect.stringMatching(/^a fully valid request, its code for other scopes \([a-z ]+\) \(client_secret_jwt\)$/),
      'a fully valid request (private_key_jwt)',
      expect.stringMatching(/^a fully valid request, its code for other scopes \([a-z ]+\) \(private_key_jwt\)$/),
    ]);
  });

  it('fails when one method is always refused, and then trusts no refusal', async () => {
    const results = await run(defaultRfc7523Seams.steps.map((step) => (step === verifyAssertion ? refusesEveryPrivateKeyJwt : step)));
    const control = results.get('RESP-SUCCESS')!;
    expect(control.status).toBe('failed');
    expect(control.evidence.filter((e) => !e.ok).map((e) => e.variant)).toEqual(['a fully valid request (private_key_jwt)', expect.stringMatching(/^a fully valid request, its code for other scopes .* \(private_key_jwt\)$/)]);
    const negative = results.get('AUTH-WRONG-KEY')!;
    expect(negative.status).toBe('inconclusive');
    expect(negative.reason).toMatch(/^the positive control failed, so no refusal can be trusted: .*invalid_client/);
  });

  it('with one method, names no method', async () => {
    const control = (await run(defaultRfc7523Seams.steps, '--auth-method', 'private_key_jwt')).get('RESP-SUCCESS')!;
    expect(control.evidence.map((e) => e.variant)[0]).toBe('a fully valid request');
  });
});
