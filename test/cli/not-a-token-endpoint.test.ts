import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { contractBreaches, grantproof } from '../support/run-cli.js';
import { closedPort, referenceTarget, withTokenEndpoint } from '../support/servers.js';

/**
 * SPEC §4: a target that is not a token endpoint at all is a configuration error, not a
 * finding: exit 2, one stderr line naming what was found and what to check, the results
 * written, and not one case judged.
 */
function expectConfigurationError(run: Awaited<ReturnType<typeof grantproof>>, line: RegExp) {
  expect(run.exitCode).toBe(2);
  expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(line)]);
  expect(contractBreaches(run)).toBeNull();
  expect(run.results!.results.filter((r) => r.status === 'failed' || r.status === 'passed')).toEqual([]);
}

describe('a --target that is not a token endpoint: exit 2, one line', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(() => Promise.all(cleanup.map((close) => close())));

  it('a wrong path (404)', async () => {
    const target = await referenceTarget();
    cleanup.push(target.close);
    const run = await grantproof(['run', '--target', `${target.origin}/api/v0/oauth2/tokn`, '--state-url', target.stateUrl]);
    expectConfigurationError(run, /^grantproof: --target http:\/\/127\.0\.0\.1:\d+\/api\/v0\/oauth2\/tokn answered 404 to a fully valid token request: it is not the token endpoint; give the full token endpoint URL/);
  });

  it('https:// against a plain HTTP port', async () => {
    const target = await referenceTarget();
    cleanup.push(target.close);
    const run = await grantproof(['run', '--target', target.tokenUrl.replace('http:', 'https:'), '--state-url', target.stateUrl]);
    expectConfigurationError(run, /^grantproof: --target https:\/\/127\.0\.0\.1:\d+\/api\/v0\/oauth2\/token does not speak TLS \(.*\): check the scheme, http:\/\/ for a plain HTTP port$/);
  });

  it('http:// against a TLS port', async () => {
    const pem = (name: string) => readFileSync(new URL(`../support/tls/${name}`, import.meta.url));
    const tls = createServer({ key: pem('localhost-key.pem'), cert: pem('localhost-cert.pem') }, (_, res) => res.end());
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => tls.close(() => resolve())));
    const state = await referenceTarget();
    cleanup.push(state.close);
    const run = await grantproof(['run', '--target', `http://127.0.0.1:${(tls.address() as AddressInfo).port}/api/v0/oauth2/token`, '--state-url', state.stateUrl]);
    expectConfigurationError(run, /^grantproof: --target http:\/\/127\.0\.0\.1:\d+\/api\/v0\/oauth2\/token is a TLS port: use https:\/\/$/);
  });

  it('an HTML page', async () => {
    const target = await withTokenEndpoint((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in</body></html>'));
    cleanup.push(target.close);
    const run = await grantproof(['run', ...target.args]);
    expectConfigurationError(run, /^grantproof: --target .* answered 200 with an HTML page \(text\/html\) to a fully valid token request; give the full token endpoint URL/);
  });

  it('a refused connection', async () => {
    const origin = await closedPort();
    const state = await referenceTarget();
    cleanup.push(state.close);
    const run = await grantproof(['run', '--target', `${origin}/api/v0/oauth2/token`, '--state-url', state.stateUrl]);
    expectConfigurationError(run, /^grantproof: the --target host 127\.0\.0\.1:\d+ is unreachable \(ECONNREFUSED\): check --target and that the server is running$/);
  });

  it('a JSON refusal of the valid request stays a finding: exit 1, RESP-SUCCESS failed', async () => {
    const target = await withTokenEndpoint((_, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_client"}'));
    cleanup.push(target.close);
    const run = await grantproof(['run', ...target.args, '--only', 'conformance']);
    expect(run.exitCode).toBe(1);
    expect(run.results!.results.find((r) => r.id === 'RESP-SUCCESS')!.status).toBe('failed');
  });

  it('a selection never hides a failed positive control (SPEC §4): --only AUTH- still reports RESP-SUCCESS failed, with its evidence', async () => {
    const target = await withTokenEndpoint((_, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_client"}'));
    cleanup.push(target.close);
    const run = await grantproof(['run', ...target.args, '--only', 'AUTH-']);
    expect(run.exitCode).toBe(1);
    const control = run.results!.results.find((r) => r.id === 'RESP-SUCCESS')!;
    expect(control.status).toBe('failed');
    expect(control.evidence[0]).toMatchObject({ ok: false, actual: expect.stringContaining('401 invalid_client'), response: expect.objectContaining({ body: '{"error":"invalid_client"}' }) });
    expect(run.results!.results.find((r) => r.id === 'AUTH-ALG-NONE')!.status).toBe('inconclusive');
  });
});
