import { describe, expect, it } from 'vitest';
import { answerOf } from './kit.js';
import { methods, rfc7523Kit } from './rfc7523-kit.js';

describe('reference server, profile rfc7523: a fully valid request (SPEC §5)', () => {
  it.each(methods)('answers 200 with a Bearer token and the granted scope, not cacheable ($token_endpoint_auth_method)', async (method) => {
    const kit = rfc7523Kit();
    const f = await kit.fixture(method, { scopes: ['write', 'read'] });
    const res = await kit.redeem(f);
    expect(answerOf(res)).toBe('200');
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['pragma']).toBe('no-cache');
    expect(Object.keys(res.body).sort()).toEqual(['access_token', 'scope', 'token_type']);
    expect(res.body).toEqual({ access_token: expect.stringMatching(/^[\w-]{43}$/), token_type: 'Bearer', scope: 'write read' });
  });

  it.each([
    ['the issuer as aud', (f: F) => ({ aud: f.issuer })],
    ['an array of audiences holding the token endpoint', (f: F) => ({ aud: ['https://other.example/token', f.tokenEndpoint] })],
    ['an array of audiences holding the issuer', (f: F) => ({ aud: [f.issuer] })],
    ['no iat, an nbf of now, an extra claim', (_f: F, now: number) => ({ iat: undefined, nbf: now, extra: 'ignored' })],
  ])('accepts %s (RFC 7523 §3)', async (_name, claims) => {
    const kit = rfc7523Kit();
    const f = await kit.fixture();
    expect(answerOf(await kit.redeem(f, { claims: claims(f, kit.clock.seconds) }))).toBe('200');
  });

  it('accepts a client_id parameter equal to the assertion sub, and ignores parameters it does not read (RFC 6749 §3.2)', async () => {
    const kit = rfc7523Kit();
    const f = await kit.fixture();
    expect(answerOf(await kit.redeem(f, { params: { client_id: f.clientId, scope: 'read', state: 'x' } }))).toBe('200');
  });

  it('accepts the form content type in other spellings, with a charset (RFC 9110 §8.3.1)', async () => {
    const kit = rfc7523Kit();
    const f = await kit.fixture();
    const body = kit.form(f, await kit.assertion(f));
    expect(answerOf(await kit.post(body, { contentType: 'Application/X-WWW-Form-Urlencoded; charset=UTF-8' }))).toBe('200');
  });

  it.each([
    [{ token_endpoint_auth_method: 'client_secret_jwt', token_endpoint_auth_signing_alg: 'HS512' }],
    [{ token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'ES384' }],
    [{ token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'RS256' }],
    [{ token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'Ed25519' }],
  ])('honours a pinned alg: %o', async (client) => {
    const kit = rfc7523Kit();
    const f = await kit.fixture(client);
    expect(f.alg).toBe(client.token_endpoint_auth_signing_alg);
    expect(answerOf(await kit.redeem(f))).toBe('200');
  });

  it('redeems a code issued without PKCE when no code_verifier is sent', async () => {
    const kit = rfc7523Kit();
    const f = await kit.fixture({}, { code_challenge_method: 'none' });
    expect(f.verifier).toBeUndefined();
    expect(answerOf(await kit.redeem(f))).toBe('200');
  });

  it('accepts an assertion within the leeway: exp just past, nbf just ahead (leewaySeconds 30)', async () => {
    const kit = rfc7523Kit({ leewaySeconds: 30 });
    const f = await kit.fixture();
    const now = kit.clock.seconds;
    expect(answerOf(await kit.redeem(f, { claims: { exp: now - 20, nbf: now + 20 } }))).toBe('200');
  });
});

type F = Awaited<ReturnType<ReturnType<typeof rfc7523Kit>['fixture']>>;
