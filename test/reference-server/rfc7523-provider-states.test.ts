import { SignJWT } from 'jose';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createReferenceServer, startReferenceServer } from '../../reference-server/index.js';
import { answerOf } from './kit.js';
import { rfc7523Kit } from './rfc7523-kit.js';

const statePath = '/provider-states';

/** A server with the state endpoint on, and a way to post state changes to it. */
function stateKit() {
  const kit = rfc7523Kit({ enableStates: true, issuer: 'https://as.example' });
  const change = (action: 'setup' | 'teardown', state: string, params: Record<string, unknown> = {}) =>
    request(kit.server.listener).post(statePath).send({ action, state, params });
  return { ...kit, change };
}

describe('reference server, profile rfc7523: provider states (SPEC §5 states)', () => {
  it('registers a client_secret_jwt client by default, with its secret, issuer and token endpoint', async () => {
    const kit = stateKit();
    const res = await kit.change('setup', 'a registered client');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      client_id: expect.stringMatching(/^[\w-]{36}$/),
      redirect_uri: 'https://myapp.com/callback',
      client_secret: expect.stringMatching(/^[0-9a-f]{64}$/),
      issuer: 'https://as.example',
      token_endpoint: 'https://as.example/api/v0/oauth2/token',
    });
  });

  it('registers a private_key_jwt client with a private ES256 JWK, and names a pinned alg', async () => {
    const kit = stateKit();
    const unpinned = (await kit.change('setup', 'a registered client', { token_endpoint_auth_method: 'private_key_jwt', redirect_uri: 'https://rp.example/cb' })).body;
    expect(unpinned).toEqual({
      client_id: expect.any(String),
      redirect_uri: 'https://rp.example/cb',
      private_jwk: { kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String), d: expect.any(String), kid: expect.any(String), alg: 'ES256' },
      issuer: 'https://as.example',
      token_endpoint: 'https://as.example/api/v0/oauth2/token',
    });
    const pinned = (await kit.change('setup', 'a registered client', { token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'PS256' })).body;
    expect(pinned).toMatchObject({ private_jwk: { kty: 'RSA', alg: 'PS256' }, token_endpoint_auth_signing_alg: 'PS256' });
  });

  it.each([
    [{ token_endpoint_auth_method: 'client_secret_basic' }],
    [{ token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'HS256' }],
    [{ token_endpoint_auth_method: 'client_secret_jwt', token_endpoint_auth_signing_alg: 'ES256' }],
    [{ token_endpoint_auth_signing_alg: 'none' }],
    [{ redirect_uri: 7 }],
  ])('refuses a registration with %o: 400 invalid_params', async (params) => {
    const kit = stateKit();
    expect(answerOf(await kit.change('setup', 'a registered client', params))).toBe('400 invalid_params');
  });

  it('issues a code with the verifier of its S256 challenge and the scopes, or without PKCE on request', async () => {
    const kit = stateKit();
    const client = (await kit.change('setup', 'a registered client')).body;
    const withPkce = (await kit.change('setup', 'an authorization code', { client_id: client.client_id, scopes: ['read'] })).body;
    expect(withPkce).toEqual({ code: expect.any(String), code_verifier: expect.stringMatching(/^[\w-]{43}$/), scopes: ['read'] });
    const without = (await kit.change('setup', 'an expired authorization code', { client_id: client.client_id, code_challenge_method: 'none' })).body;
    expect(without).toEqual({ code: expect.any(String), scopes: ['read', 'write'] });
    expect(answerOf(await kit.change('setup', 'an authorization code', { client_id: client.client_id, code_challenge_method: 'plain' }))).toBe('400 invalid_params');
    expect(answerOf(await kit.change('setup', 'an authorization code', { client_id: 'unknown' }))).toBe('400 unknown_client');
  });

  it("answers an access token's status, and refuses one without access_token", async () => {
    const kit = stateKit();
    expect((await kit.change('setup', "an access token's status", { access_token: 'x' })).body).toEqual({ active: false });
    expect(answerOf(await kit.change('setup', "an access token's status"))).toBe('400 invalid_params');
    expect((await kit.change('teardown', "an access token's status", { access_token: 'x' })).status).toBe(204);
  });

  it('answers an unknown state 404, and tears a client down with its codes', async () => {
    const kit = stateKit();
    expect(answerOf(await kit.change('setup', 'a refresh token'))).toBe('404 unknown_state');
    const client = (await kit.change('setup', 'a registered client')).body;
    await kit.change('setup', 'an authorization code', { client_id: client.client_id });
    expect(kit.server.counts()).toEqual({ clients: 1, codes: 1, used_jwts: 0 });
    expect((await kit.change('teardown', 'a registered client', { client_id: client.client_id })).status).toBe(204);
    expect(kit.server.counts()).toEqual({ clients: 0, codes: 0, used_jwts: 0 });
    expect((await request(kit.server.listener).get(`${statePath}/counts`)).body).toEqual({ clients: 0, codes: 0, used_jwts: 0 });
  });

  it('answers 503 capacity_reached at maxClients, until a teardown makes room', async () => {
    const kit = rfc7523Kit({ enableStates: true, maxClients: 1 });
    const first = await kit.server.setup('a registered client', { token_endpoint_auth_method: 'private_key_jwt' });
    await expect(kit.server.setup('a registered client')).rejects.toThrow('answered 503');
    await kit.server.teardown('a registered client', { client_id: first['client_id'] });
    await expect(kit.server.setup('a registered client')).resolves.toHaveProperty('client_secret');
  });

  it('serves no state endpoint unless enableStates, and keeps storx the default profile', async () => {
    const rfc = createReferenceServer({ profile: 'rfc7523' });
    expect((await request(rfc.listener).post(statePath).send({ action: 'setup', state: 'a registered client' })).status).toBe(404);
    expect(rfc.issuer).toBe('http://localhost');
    const storx = createReferenceServer({ enableStates: true });
    const client = (await request(storx.listener).post(statePath).send({ action: 'setup', state: 'a registered client', params: {} })).body;
    expect(Object.keys(client).sort()).toEqual(['client_id', 'client_secret', 'redirect_uri']);
  });

  it('refuses an issuer that is not an absolute URL', () => {
    expect(() => createReferenceServer({ profile: 'rfc7523', issuer: 'as.example' })).toThrow(RangeError);
    expect(() => startReferenceServer({ profile: 'rfc7523', issuer: '/as' })).toThrow(RangeError);
  });

  it('started, takes its origin for issuer and serves a full exchange over HTTP', async () => {
    const server = await startReferenceServer({ profile: 'rfc7523', enableStates: true });
    try {
      const setup = async (state: string, params: Record<string, unknown>) =>
        (await fetch(server.stateUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'setup', state, params }) })).json() as Promise<Record<string, string>>;
      const client = await setup('a registered client', {});
      expect(client['issuer']).toBe(server.origin);
      expect(client['token_endpoint']).toBe(server.tokenUrl);
      const issued = await setup('an authorization code', { client_id: client['client_id'] });
      const now = Math.floor(Date.now() / 1000);
      const assertion = await new SignJWT({ iss: client['client_id'], sub: client['client_id'], aud: server.tokenUrl, jti: 'j1', exp: now + 60 })
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode(client['client_secret']));
      const res = await fetch(server.tokenUrl, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: String(issued['code']),
          redirect_uri: String(client['redirect_uri']),
          code_verifier: String(issued['code_verifier']),
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: assertion,
        }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ token_type: 'Bearer', scope: 'read write' });
    } finally {
      await server.close();
    }
  });
});
