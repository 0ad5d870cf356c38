import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type RunningReferenceServer } from '../../reference-server/index.js';
import { judge, type Judged } from '../support/judge.js';
import { contractBreaches, statusOf } from '../support/run-cli.js';
import { recordingProxy } from '../support/recording-proxy.js';
import { listen } from '../support/servers.js';
import { startOidcProvider, type RunningOidcProvider } from '../support/oidc-provider/index.js';

/**
 * Profile rfc7523's PKCE and grant requirements (SPEC §5) evaluated as `grantproof run` does,
 * against the rfc7523 reference server: the correct server passes each, and a target whose
 * state endpoint lacks what a case needs has it skipped, with the reason.
 */

const STATUS_STATE = "an access token's status";

/** SPEC §3's state change, as a state endpoint receives it. */
interface StateChange {
  readonly action: string;
  readonly state: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** What a state endpoint in front of the reference server does with a change: passes it on (changed or not), or answers it itself. */
type Handling = { readonly forward: StateChange } | { readonly status: number; readonly body: unknown };

/**
 * The reference server behind a listener of its own, which forwards token requests as they are
 * and hands each state change to `handle`: a target whose state endpoint differs from the
 * reference's in one way. Its assertions' `aud` is the reference's issuer (`--audience issuer`).
 */
async function withStateEndpoint(upstream: RunningReferenceServer, handle: (change: StateChange) => Handling) {
  const server = await listen(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks).toString('utf8');
    if (req.url === '/provider-states' && req.method === 'POST') {
      const handling = handle(JSON.parse(body) as StateChange);
      if ('status' in handling) {
        res.writeHead(handling.status, { 'content-type': 'application/json' }).end(JSON.stringify(handling.body));
        return;
      }
      body = JSON.stringify(handling.forward);
    }
    const answer = await fetch(new URL(req.url ?? '/', upstream.origin), {
      method: req.method ?? 'GET',
      headers: req.headers['content-type'] === undefined ? {} : { 'content-type': req.headers['content-type'] },
      ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
    });
    const headers = Object.fromEntries(['content-type', 'cache-control', 'pragma'].flatMap((name) => (answer.headers.has(name) ? [[name, answer.headers.get(name)!]] : [])));
    res.writeHead(answer.status, headers).end(await answer.text());
  });
  return { server, args: ['--target', server.tokenUrl, '--state-url', server.stateUrl, '--profile', 'rfc7523', '--audience', 'issuer'] };
}

const variantsOf = (run: Judged, id: string) => run.results.results.find((r) => r.id === id)!.evidence.map((e) => `${e.variant}: ${e.actual}`);
const reasonOf = (run: Judged, id: string) => run.results.results.find((r) => r.id === id)!.reason;

describe('PKCE-VERIFIER, PKCE-DOWNGRADE, CODE-REUSE-REVOKES, REQ-DUPLICATE-PARAM, REQ-GRANT-TYPE against the rfc7523 reference server (SPEC §5)', () => {
  let reference: RunningReferenceServer;
  let args: string[];
  beforeAll(async () => {
    reference = await startReferenceServer({ profile: 'rfc7523', enableStates: true });
    args = ['--target', reference.tokenUrl, '--state-url', reference.stateUrl, '--profile', 'rfc7523'];
  });
  afterAll(() => reference.close());

  const passes = async (id: string) => {
    const run = await judge([...args, '--only', id]);
    expect(contractBreaches(run)).toBeNull();
    expect(statusOf(run, id), reasonOf(run, id)).toBe('passed');
    expect(run.exitCode).toBe(0);
    return run;
  };

  it('passes PKCE-VERIFIER: a fresh, a near and another code\'s verifier are invalid_grant, and so is none, for both methods', async () => {
    const run = await passes('PKCE-VERIFIER');
    expect(variantsOf(run, 'PKCE-VERIFIER')).toEqual(
      ['client_secret_jwt', 'private_key_jwt']
        .flatMap((method) => [
          `a fresh code_verifier no challenge was made from (${method}): 400 invalid_grant`,
          `the code_verifier with its last character changed (${method}): 400 invalid_grant`,
          `the code_verifier of another code issued to the same client (${method}): 400 invalid_grant`,
        ])
        .concat(['client_secret_jwt', 'private_key_jwt'].map((method) => `code_verifier missing (${method}): 400 invalid_grant`)),
    );
  });

  it('passes PKCE-DOWNGRADE: a verifier for a code issued with code_challenge_method "none" is invalid_grant', async () => {
    const run = await passes('PKCE-DOWNGRADE');
    expect(variantsOf(run, 'PKCE-DOWNGRADE')).toEqual(
      ['client_secret_jwt', 'private_key_jwt'].map((method) => `a well-formed code_verifier for a code issued with code_challenge_method "none" (${method}): 400 invalid_grant`),
    );
  });

  it('passes CODE-REUSE-REVOKES: the first grant\'s token is inactive once its code is reused', async () => {
    const run = await passes('CODE-REUSE-REVOKES');
    expect(variantsOf(run, 'CODE-REUSE-REVOKES')).toEqual([
      'first redemption: 200',
      "the first redemption's access token, after a second redemption with a fresh JWT: {\"active\": false} after the second redemption was answered 400 invalid_grant",
    ]);
  });

  it('passes REQ-DUPLICATE-PARAM: code, client_assertion and grant_type sent twice are invalid_request', async () => {
    const run = await passes('REQ-DUPLICATE-PARAM');
    expect(variantsOf(run, 'REQ-DUPLICATE-PARAM')).toHaveLength(10);
    expect(variantsOf(run, 'REQ-DUPLICATE-PARAM').every((line) => line.endsWith(': 400 invalid_request'))).toBe(true);
  });

  it('passes REQ-GRANT-TYPE: no grant_type is invalid_request, grant_type=password unsupported_grant_type', async () => {
    const run = await passes('REQ-GRANT-TYPE');
    expect(variantsOf(run, 'REQ-GRANT-TYPE')).toEqual([
      'grant_type missing (client_secret_jwt): 400 invalid_request',
      'grant_type missing (private_key_jwt): 400 invalid_request',
      'grant_type=password (client_secret_jwt): 400 unsupported_grant_type',
      'grant_type=password (private_key_jwt): 400 unsupported_grant_type',
    ]);
  });

  it('hands the first grant\'s access token to the status state as issued, and keeps it out of the results', async () => {
    const proxy = await recordingProxy(reference.origin);
    try {
      const run = await judge([...proxy.args, '--profile', 'rfc7523', '--audience', 'issuer', '--only', 'CODE-REUSE-REVOKES']);
      expect(statusOf(run, 'CODE-REUSE-REVOKES'), reasonOf(run, 'CODE-REUSE-REVOKES')).toBe('passed');
      const issued = proxy.exchanges.filter((e) => e.path === '/api/v0/oauth2/token' && e.status === 200).map((e) => (JSON.parse(e.responseBody) as { access_token: string }).access_token);
      const asked = proxy.exchanges
        .filter((e) => e.path === '/provider-states')
        .map((e) => JSON.parse(e.requestBody) as StateChange)
        .filter((change) => change.action === 'setup' && change.state === STATUS_STATE)
        .map((change) => change.params.access_token);
      // Asked twice: active before the reuse (else revocation cannot be told), inactive after.
      expect(asked).toHaveLength(2);
      expect(issued).toContain(asked[0]);
      expect(asked[1]).toBe(asked[0]);
      expect(JSON.stringify(run.results)).not.toContain(asked[0]);
    } finally {
      await proxy.close();
    }
  });

  it("skips CODE-REUSE-REVOKES where the target has no state \"an access token's status\" (SPEC §3: 404)", async () => {
    const target = await withStateEndpoint(reference, (change) => (change.state === STATUS_STATE ? { status: 404, body: { error: 'unknown_state' } } : { forward: change }));
    try {
      const run = await judge([...target.args, '--only', 'CODE-REUSE-REVOKES']);
      expect(statusOf(run, 'CODE-REUSE-REVOKES')).toBe('skipped');
      expect(reasonOf(run, 'CODE-REUSE-REVOKES')).toBe(`no fixture: the target does not support the state "${STATUS_STATE}" (answered 404)`);
    } finally {
      await target.server.close();
    }
  });

  it('leaves CODE-REUSE-REVOKES inconclusive where the status state calls a token just issued inactive, so that such a state never passes it', async () => {
    const target = await withStateEndpoint(reference, (change) => (change.state === STATUS_STATE && change.action === 'setup' ? { status: 200, body: { active: false } } : { forward: change }));
    try {
      const run = await judge([...target.args, '--only', 'CODE-REUSE-REVOKES']);
      expect(statusOf(run, 'CODE-REUSE-REVOKES')).toBe('inconclusive');
      expect(reasonOf(run, 'CODE-REUSE-REVOKES')).toMatch(/answered \{"active": false\} for the token just issued/);
    } finally {
      await target.server.close();
    }
  });

  it('keeps the token out of the reason where the status state refuses it, echoing it back', async () => {
    let echoed = '';
    const target = await withStateEndpoint(reference, (change) => {
      if (change.state !== STATUS_STATE || change.action !== 'setup') return { forward: change };
      echoed = String(change.params.access_token);
      return { status: 500, body: { error: `no such token: ${echoed}` } };
    });
    try {
      const run = await judge([...target.args, '--only', 'CODE-REUSE-REVOKES']);
      expect(statusOf(run, 'CODE-REUSE-REVOKES')).toBe('inconclusive');
      expect(reasonOf(run, 'CODE-REUSE-REVOKES')).toBe(`setting up "${STATUS_STATE}" failed: the state endpoint answered 500: {"error":"no such token: [redacted access grant]"}; check --state-url`);
      expect(echoed).not.toBe('');
      expect(JSON.stringify(run.results)).not.toContain(echoed);
    } finally {
      await target.server.close();
    }
  });

  it('skips PKCE-DOWNGRADE where the target refuses a code without a challenge (501), and where it issues one with a challenge all the same', async () => {
    const isNone = (change: StateChange) => change.params.code_challenge_method === 'none';
    const refusing = await withStateEndpoint(reference, (change) => (isNone(change) ? { status: 501, body: { error: 'pkce_required' } } : { forward: change }));
    const ignoring = await withStateEndpoint(reference, (change) => ({ forward: isNone(change) ? { ...change, params: { ...change.params, code_challenge_method: 'S256' } } : change }));
    try {
      const refused = await judge([...refusing.args, '--only', 'PKCE-DOWNGRADE']);
      expect(statusOf(refused, 'PKCE-DOWNGRADE')).toBe('skipped');
      expect(reasonOf(refused, 'PKCE-DOWNGRADE')).toBe('no fixture: the target does not support the state "an authorization code" (answered 501)');
      const ignored = await judge([...ignoring.args, '--only', 'PKCE-DOWNGRADE']);
      expect(statusOf(ignored, 'PKCE-DOWNGRADE')).toBe('skipped');
      expect(reasonOf(ignored, 'PKCE-DOWNGRADE')).toMatch(/with a code_verifier all the same/);
    } finally {
      await refusing.server.close();
      await ignoring.server.close();
    }
  });
});


describe('the same five requirements against node-oidc-provider, a certified server behind the test adapter (test/support/oidc-provider)', () => {
  let op: RunningOidcProvider;
  beforeAll(async () => {
    op = await startOidcProvider();
  });
  afterAll(() => op.close());

  it('passes each of them, the token status read by introspection (RFC 7662)', async () => {
    const ids = ['PKCE-VERIFIER', 'PKCE-DOWNGRADE', 'CODE-REUSE-REVOKES', 'REQ-DUPLICATE-PARAM', 'REQ-GRANT-TYPE'];
    const run = await judge(['--target', op.tokenUrl, '--state-url', op.stateUrl, '--profile', 'rfc7523', '--only', ids.join(',')]);
    expect(contractBreaches(run)).toBeNull();
    expect(ids.map((id) => `${id} ${statusOf(run, id)} ${reasonOf(run, id) ?? ''}`.trim())).toEqual(ids.map((id) => `${id} passed`));
  });
});
