import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../catalogue/index.js';
import { startReferenceServer, type RunningReferenceServer } from '../../reference-server/index.js';
import { judge } from '../support/judge.js';
import { contractBreaches, idsWith } from '../support/run-cli.js';
import { listen, type Listening } from '../support/servers.js';

/** The conformance requirements of profile rfc7523: those whose expectation names it. */
const rfc7523Cases = catalogue.filter((r) => r.stage === 'conformance' && r.expect.rfc7523 !== undefined).map((r) => r.id);
const storxOnly = catalogue.filter((r) => r.expect.rfc7523 === undefined).map((r) => r.id);

/**
 * The rfc7523 reference server behind a state endpoint that rewrites each state answer with
 * `change`: a target whose state endpoint answers what SPEC §5 does not allow.
 */
async function withStateAnswers(reference: RunningReferenceServer, change: (state: string, answer: Record<string, unknown>) => Record<string, unknown>): Promise<Listening & { args: string[] }> {
  const server = await listen(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const answer = await fetch(`${reference.origin}${req.url}`, { method: req.method, headers: { 'content-type': req.headers['content-type'] ?? 'application/json' }, ...(req.method === 'GET' ? {} : { body }) });
    const text = await answer.text();
    const state = req.url?.startsWith('/provider-states') && body ? (JSON.parse(body) as { state: string; action: string }) : null;
    const rewritten = state?.action === 'setup' && answer.status === 200 ? JSON.stringify(change(state.state, JSON.parse(text) as Record<string, unknown>)) : text;
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(rewritten);
  });
  return { ...server, args: ['--target', reference.tokenUrl, '--state-url', server.stateUrl] };
}

describe('run --profile rfc7523 (SPEC §5) against the rfc7523 reference server', () => {
  let reference: RunningReferenceServer;
  let args: string[];
  beforeAll(async () => {
    reference = await startReferenceServer({ profile: 'rfc7523', enableStates: true });
    args = ['--profile', 'rfc7523', '--target', reference.tokenUrl, '--state-url', reference.stateUrl, '--only', 'conformance'];
  });
  afterAll(() => reference.close());

  it('passes every conformance requirement of the profile, each with both client authentication methods, and leaves out storx\'s own', async () => {
    const run = await judge(args);
    expect(contractBreaches(run)).toBeNull();
    expect(run.results.profile).toBe('rfc7523');
    expect(idsWith(run, 'passed').filter((id) => rfc7523Cases.includes(id)).sort()).toEqual([...rfc7523Cases].sort());
    for (const id of storxOnly) expect(run.results.results.find((r) => r.id === id)).toMatchObject({ status: 'skipped', reason: 'not part of profile rfc7523' });
    const wrongKey = run.results.results.find((r) => r.id === 'AUTH-WRONG-KEY')!;
    expect(wrongKey.evidence.map((e) => e.variant)).toEqual(expect.arrayContaining(['signed with a random key (client_secret_jwt)', 'signed with a random key (private_key_jwt)']));
    // The form body, its assertion redacted to its header and payload (SPEC §4 "Output").
    expect(wrongKey.evidence[0]!.request.body).toMatch(/^grant_type=authorization_code&code=.+&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=eyJ[\w-]+\.eyJ[\w-]+\.\[signature redacted\]$/);
  });

  it('takes the aud from the state answer\'s issuer with --audience issuer, and one method alone with --auth-method', async () => {
    const run = await judge([...args, '--audience', 'issuer', '--auth-method', 'private_key_jwt', '--only', 'RESP-SUCCESS,AUTH-WRONG-KEY']);
    expect(run.exitCode).toBe(0);
    const variants = run.results.results.find((r) => r.id === 'AUTH-WRONG-KEY')!.evidence.map((e) => e.variant);
    expect(variants.length).toBeGreaterThan(0);
    expect(variants.every((v) => !v.includes('client_secret_jwt'))).toBe(true);
    expect(run.results.options).toMatchObject({ profile: 'rfc7523', audience: 'issuer', authMethod: 'private_key_jwt' });
  });

  it('leaves out, like --only, a requirement whose requests are for a method --auth-method left out: no effect on the verdict', async () => {
    const run = await judge([...args, '--auth-method', 'client_secret_jwt', '--only', 'RFC7523-ALG-CONFUSION']);
    expect(contractBreaches(run)).toBeNull();
    expect(run.exitCode).toBe(0);
    expect(run.results.results.find((r) => r.id === 'RFC7523-ALG-CONFUSION')).toMatchObject({ status: 'skipped', reason: 'not selected: its requests are for private_key_jwt clients, and --auth-method is client_secret_jwt' });
  });

  it('fails the positive control when the assertion names an aud the server is not, and says so', async () => {
    const run = await judge([...args, '--audience', 'https://elsewhere.example/token', '--only', 'RESP-SUCCESS']);
    expect(run.exitCode).toBe(1);
    expect(run.results.results.find((r) => r.id === 'RESP-SUCCESS')!.reason).toMatch(/invalid_client/);
  });

  it.each([
    ['an --audience issuer whose state answer has no issuer', ['--audience', 'issuer'], (_state: string, answer: Record<string, unknown>) => ({ ...answer, issuer: undefined }), /has no "issuer", which --audience issuer takes the aud from/],
    ['a private_jwk that is a public key', [], (_state: string, answer: Record<string, unknown>) => (answer.private_jwk ? { ...answer, private_jwk: { ...(answer.private_jwk as object), d: undefined } } : answer), /"private_jwk" is not a private key/],
    ['a code without the code_verifier its S256 challenge needs', [], (state: string, answer: Record<string, unknown>) => (state === 'an authorization code' ? { ...answer, code_verifier: undefined } : answer), /has no "code_verifier", and the target refused the code without one .*it requires PKCE/],
  ])('stops before any case, exit 2 with one line, on %s (SPEC §5 bad input)', async (_name, extra, change, message) => {
    const target = await withStateAnswers(reference, change);
    try {
      const run = await judge(['--profile', 'rfc7523', ...target.args, ...extra]);
      expect(run.exitCode).toBe(2);
      const reasons = new Set(run.results.results.filter((r) => r.status === 'inconclusive').map((r) => r.reason));
      expect([...reasons]).toHaveLength(1);
      expect([...reasons][0]).toMatch(message);
      expect([...reasons][0]).not.toContain('\n');
    } finally {
      await target.close();
    }
  });

  it.each([
    [['--profile', 'oidc'], /^--profile takes storx or rfc7523, not "oidc"$/],
    [['--profile', 'rfc7523', '--audience', 'somewhere'], /^--audience takes token-endpoint, issuer or an http\(s\) URL/],
    [['--profile', 'rfc7523', '--auth-method', 'client_secret_basic'], /^--auth-method takes client_secret_jwt, private_key_jwt or both/],
    [['--profile', 'rfc7523', '--status', 'invalid_code=400'], /--status takes CODE=NNN with CODE one of invalid_request, invalid_client, invalid_grant, .* \(profile rfc7523\)/],
  ])('refuses %j in one line', async (flags, message) => {
    await expect(judge([...flags, '--target', reference.tokenUrl, '--state-url', reference.stateUrl])).rejects.toThrow(message);
  });
});
