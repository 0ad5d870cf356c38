import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { decodeCompact, freshJwkPair, JWT_BEARER_ASSERTION_TYPE, publicJwkOf } from '../../jwt/index.js';
import { describeAssertionRecipe, prepareAssertion, type AssertionBasis, type AssertionChange } from '../../catalogue/properties/assertion-recipe.js';
import { assertionRecipeArb } from '../../catalogue/properties/arbitraries/index.js';
import { startReferenceServer, type RunningReferenceServer } from '../../reference-server/index.js';
import { judge } from '../support/judge.js';
import { contractBreaches, grantproof, statusOf } from '../support/run-cli.js';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listen } from '../support/servers.js';

const NOW = 1_800_000_000;
const secretBasis: AssertionBasis = {
  clientId: 'e45fa79a-05f5-4f00-bbfe-bd0a14aead0a',
  key: { kind: 'secret', secret: 'a client secret of forty-odd characters, opaque' },
  alg: 'HS256',
  pinned: false,
  kid: undefined,
  audience: 'https://as.example/api/v0/oauth2/token',
  redirectUri: 'https://myapp.com/callback',
  code: '84feaa9c-6782-417b-b77c-f9642b5562ff',
  codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  codeHeaders: {},
  jti: '5f0c2a0e-3c53-4d0e-9d7a-6a8f1f1a2b3c',
  now: NOW,
  leewaySeconds: 0,
  maxLifetimeSeconds: 300,
  otherKey: { kind: 'secret', secret: 'another key entirely' },
  callbackUrl: 'http://127.0.0.1:4000',
  callbackToken: 'tok',
};

const verdictOf = (recipe: AssertionChange[], basis: AssertionBasis = secretBasis) => prepareAssertion(recipe, basis).verdict;

describe('an rfc7523 request recipe (SPEC §5)', () => {
  it('with no change is the fully valid form request, which must be accepted', () => {
    const { request, verdict } = prepareAssertion([], secretBasis);
    expect(verdict).toBe('accept');
    expect(request.form).toMatchObject({ grant_type: 'authorization_code', code: secretBasis.code, redirect_uri: secretBasis.redirectUri, code_verifier: secretBasis.codeVerifier, client_assertion_type: JWT_BEARER_ASSERTION_TYPE });
    expect(decodeCompact(request.form!.client_assertion as string)).toMatchObject({
      ok: true,
      header: { alg: 'HS256' },
      payload: { iss: secretBasis.clientId, sub: secretBasis.clientId, aud: secretBasis.audience, jti: secretBasis.jti, iat: NOW, exp: NOW + 60 },
    });
    expect(describeAssertionRecipe([])).toBe('the valid request, unchanged');
  });

  it.each<[string, AssertionChange]>([
    ['aud removed (RFC 7523 §3 item 3)', { part: 'claim', name: 'aud', value: undefined }],
    ['aud another server', { part: 'claim', name: 'aud', value: 'https://other.example/token' }],
    ['iss and sub upper-cased (items 1, 2.B)', { part: 'identity near', claim: 'both', variant: 'upper case' }],
    ['sub alone changed', { part: 'identity near', claim: 'sub', variant: 'a trailing space' }],
    ['exp removed (item 4)', { part: 'claim', name: 'exp', value: undefined }],
    ['exp just past', { part: 'exp offset', seconds: -2 }],
    ['nbf 30 s ahead (item 5)', { part: 'nbf offset', seconds: 30 }],
    ['alg none', { part: 'header', name: 'alg', value: 'none' }],
    ['a crit header', { part: 'header', name: 'crit', value: ['exp'] }],
    ['a signature by another key', { part: 'signature', change: { kind: 'other key' } }],
    ['grant_type password (REQ-GRANT-TYPE)', { part: 'param', name: 'grant_type', value: 'password' }],
    ['the assertion type removed (RFC 7521 §4.2)', { part: 'param', name: 'client_assertion_type', value: undefined }],
    ['the code_verifier removed (RFC 7636 §4.5)', { part: 'param', name: 'code_verifier', value: undefined }],
    ['the code sent twice (RFC 6749 §3.2)', { part: 'duplicate param', name: 'code', value: 'x' }],
    ['a client_id other than the assertion\'s', { part: 'client_id', which: 'near', variant: 'upper case' }],
    ['the parameters as JSON (REQ-CONTENT-TYPE)', { part: 'json body' }],
  ])('refuses %s', (_name, change) => {
    expect(verdictOf([change])).toBe('reject');
  });

  it.each<[string, AssertionChange]>([
    ['an unknown parameter (RFC 6749 §3.2: ignored)', { part: 'param', name: 'x_extra', value: 'y' }],
    ['client_id sent, the client\'s own', { part: 'client_id', which: 'own', variant: 'upper case' }],
    ['an unknown claim (RFC 7519 §4)', { part: 'claim', name: 'x_claim', value: 1 }],
    ['aud an array holding this server', { part: 'claim', name: 'aud', value: ['https://elsewhere.example', secretBasis.audience] }],
    ['nbf a minute ago', { part: 'nbf offset', seconds: -60 }],
  ])('accepts %s', (_name, change) => {
    expect(verdictOf([change])).toBe('accept');
  });

  it('leaves open what SPEC §5 does: another HMAC alg for an unpinned secret client, no jti, a new typ, a repeated unknown parameter', () => {
    expect(verdictOf([{ part: 'header', name: 'alg', value: 'HS512' }])).toBe('either');
    expect(verdictOf([{ part: 'header', name: 'alg', value: 'HS512' }], { ...secretBasis, pinned: true })).toBe('reject');
    expect(verdictOf([{ part: 'claim', name: 'jti', value: undefined }])).toBe('either');
    expect(verdictOf([{ part: 'header', name: 'typ', value: 'JWT' }])).toBe('either');
    expect(verdictOf([{ part: 'duplicate param', name: 'x_extra', value: 'y' }])).toBe('either');
  });

  it('signs a private_key_jwt client\'s assertion with its key and kid, and refuses an HMAC alg for it', async () => {
    const { privateJwk } = freshJwkPair('ES256');
    const jwk = { ...privateJwk, kid: 'k1', alg: 'ES256' };
    const basis: AssertionBasis = { ...secretBasis, key: { kind: 'private-jwk', jwk }, alg: 'ES256', kid: 'k1', otherKey: { kind: 'private-jwk', jwk: { ...freshJwkPair('ES256').privateJwk, kid: 'k1' } } };
    const jwks = await listen((_, res) => res.end(JSON.stringify({ keys: [publicJwkOf(jwk)] })));
    try {
      const assertion = prepareAssertion([], basis).request.form!.client_assertion as string;
      const { protectedHeader } = await jwtVerify(assertion, createRemoteJWKSet(new URL(jwks.origin)), { audience: basis.audience, currentDate: new Date(NOW * 1000) });
      expect(protectedHeader).toEqual({ alg: 'ES256', kid: 'k1' });
    } finally {
      await jwks.close();
    }
    expect(verdictOf([{ part: 'header', name: 'alg', value: 'HS256' }], basis)).toBe('reject');
    expect(verdictOf([{ part: 'header', name: 'kid', value: 'k2' }], basis)).toBe('either');
  });

  it('draws every kind of change, a quarter of the examples unchanged', () => {
    const recipes = fc.sample(assertionRecipeArb({ leewaySeconds: 0, maxLifetimeSeconds: 300 }), { seed: 1, numRuns: 400 });
    const parts = new Set(recipes.flat().map((change) => change.part));
    expect([...parts].sort()).toEqual(['claim', 'client_id', 'content type', 'duplicate param', 'exp offset', 'header', 'header url', 'identity near', 'json body', 'nbf offset', 'param', 'param near', 'redirect_uri near', 'signature'].sort());
    expect(recipes.filter((r) => r.length === 0).length).toBeGreaterThan(40);
  });
});

describe('the property stage in rfc7523', () => {
  let correct: RunningReferenceServer;
  let audienceUnchecked: RunningReferenceServer;
  beforeAll(async () => {
    correct = await startReferenceServer({ profile: 'rfc7523', enableStates: true });
    const { assertionAuthenticationSteps, pkceRedemptionSteps } = await import('../../reference-server/rfc7523/index.js');
    const steps = [...assertionAuthenticationSteps.filter((step) => step.name !== 'requireAudience'), ...pkceRedemptionSteps];
    audienceUnchecked = await startReferenceServer({ profile: 'rfc7523', enableStates: true, faults: { steps } });
  });
  afterAll(async () => {
    await correct.close();
    await audienceUnchecked.close();
  });
  const args = (server: RunningReferenceServer) => ['--profile', 'rfc7523', '--target', server.tokenUrl, '--state-url', server.stateUrl, '--only', 'properties', '--seed', '1'];

  it('holds against the rfc7523 reference server: every generated answer as its oracle says', async () => {
    const run = await judge(args(correct));
    expect(contractBreaches(run)).toBeNull();
    expect(run.exitCode).toBe(0);
    for (const id of ['PROP-ONLY-VALID-ACCEPTED', 'PROP-NO-5XX', 'PROP-ERROR-SHAPE', 'PROP-NO-LEAK', 'PROP-SINGLE-USE', 'PROP-EXP-WINDOW']) expect(statusOf(run, id)).toBe('passed');
  });

  it('catches a server that never checks aud, shrunk to one change of the assertion\'s aud', async () => {
    const run = await judge(args(audienceUnchecked));
    expect(statusOf(run, 'PROP-ONLY-VALID-ACCEPTED')).toBe('failed');
    const reason = run.results.results.find((r) => r.id === 'PROP-ONLY-VALID-ACCEPTED')!.reason!;
    expect(reason).toMatch(/^shrunk to: claim aud = [^;]*: expected a refusal/);
    // `grantproof repro` rebuilds the run's profile from results.json and sends the shrunk example again.
    const out = await mkdtemp(path.join(tmpdir(), 'grantproof-repro-rfc7523-'));
    await writeFile(path.join(out, 'results.json'), JSON.stringify(run.results));
    const repro = await grantproof(['repro', 'PROP-ONLY-VALID-ACCEPTED', '--out', out]);
    expect(repro.exitCode, repro.stderr).toBe(1);
    expect(repro.stdout).toMatch(/content-type: application\/x-www-form-urlencoded/);
    expect(repro.stdout).toMatch(/failed again, in the same way/);
  });
});
