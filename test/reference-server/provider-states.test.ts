import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createReferenceServer } from '../../reference-server/index.js';
import { answerOf, referenceKit, type Fixture } from './kit.js';

const statePath = '/provider-states';

/** A server with the state endpoint on, and a way to post state changes to it. */
function stateKit(options: { bindCodesToSession?: boolean } = {}) {
  const kit = referenceKit({ enableStates: true, ...options });
  const change = (body: unknown) => request(kit.server.listener).post(statePath).send(body as object);
  /** Registers a client over HTTP and returns the state's values. */
  const register = async () => (await change({ action: 'setup', state: 'a registered client', params: {} })).body;
  /** Sets up a code state over HTTP for a registered client. */
  const issue = (state: string, client: Record<string, string>, params: Record<string, unknown> = {}) =>
    change({ action: 'setup', state, params: { client_id: client.client_id, redirect_uri: client.redirect_uri, ...params } });
  /** The fixture a state-provisioned client and code make. */
  const fixtureOf = (client: Record<string, string>, code: string): Fixture => ({
    clientId: String(client.client_id),
    secret: String(client.client_secret),
    redirectUri: String(client.redirect_uri),
    code,
    headers: {},
  });
  return { ...kit, change, register, issue, fixtureOf };
}

describe('reference server: provider states (SPEC §3)', () => {
  it('serves no state endpoint unless enableStates', async () => {
    const server = createReferenceServer();
    const res = await request(server.listener).post(statePath).send({ action: 'setup', state: 'a registered client', params: {} });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: 'not_found' });
  });

  it('registers a client: uuid v4 id, 64 hex characters of secret, the default redirect URI', async () => {
    const { change } = stateKit();
    const res = await change({ action: 'setup', state: 'a registered client', params: {} });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body).toEqual({
      client_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      client_secret: expect.stringMatching(/^[0-9a-f]{64}$/),
      redirect_uri: 'https://myapp.com/callback',
    });
  });

  it('registers a client with the redirect URI given, and without params at all', async () => {
    const { change } = stateKit();
    const given = await change({ action: 'setup', state: 'a registered client', params: { redirect_uri: 'http://localhost/cb' } });
    expect(given.body.redirect_uri).toBe('http://localhost/cb');
    const bare = await change({ action: 'setup', state: 'a registered client' });
    expect(bare.status).toBe(200);
  });

  it('issues a code that redeems, with the scopes asked for', async () => {
    const kit = stateKit();
    const client = await kit.register();
    const issued = await kit.issue('an authorization code', client, { scopes: ['read'] });
    expect(issued.status).toBe(200);
    expect(issued.body).toEqual({ code: expect.any(String) });
    const res = await kit.redeem(kit.fixtureOf(client, issued.body.code));
    expect(answerOf(res)).toBe('200');
    expect(res.body.scopes).toEqual(['read']);
  });

  it('hands out the session cookie as headers when codes are bound to it', async () => {
    const kit = stateKit({ bindCodesToSession: true });
    const issued = await kit.issue('an authorization code', await kit.register());
    expect(issued.body).toEqual({ code: expect.any(String), headers: { Cookie: expect.stringMatching(/^session=/) } });
  });

  it('issues an expired code with its scopes', async () => {
    const kit = stateKit();
    const client = await kit.register();
    const issued = await kit.issue('an expired authorization code', client);
    expect(issued.body).toEqual({ code: expect.any(String), scopes: ['read', 'write'] });
    expect(answerOf(await kit.redeem(kit.fixtureOf(client, issued.body.code)))).toBe('400 invalid_code');
  });

  it.each([
    ['an unknown client', { client_id: '00000000-0000-4000-8000-000000000000', redirect_uri: 'https://myapp.com/callback' }, 'unknown_client'],
    ['no client_id', { redirect_uri: 'https://myapp.com/callback' }, 'invalid_params'],
    ['scopes that are not strings', { client_id: 'x', scopes: [1] }, 'invalid_params'],
  ])('answers 400 JSON to a code for %s', async (_name, params, error) => {
    const { change } = stateKit();
    const res = await change({ action: 'setup', state: 'an authorization code', params });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error });
  });

  it('tears down a client with its codes, and a code, answering 204', async () => {
    const kit = stateKit();
    const f = kit.fixture();
    const other = kit.fixture();
    const dropCode = await kit.change({
      action: 'teardown',
      state: 'an authorization code',
      params: { client_id: other.clientId, code: other.code },
    });
    expect(dropCode.status).toBe(204);
    expect(answerOf(await kit.redeem(other))).toBe('400 invalid_code');
    const dropClient = await kit.change({ action: 'teardown', state: 'a registered client', params: { client_id: f.clientId } });
    expect(dropClient.status).toBe(204);
    expect(answerOf(await kit.redeem(f))).toBe('401 invalid_client');
  });

  it('tears down every code of a client when the params name no code', async () => {
    const kit = stateKit();
    const f = kit.fixture();
    await kit.change({ action: 'teardown', state: 'an authorization code', params: { client_id: f.clientId, redirect_uri: f.redirectUri } });
    expect(answerOf(await kit.redeem(f))).toBe('400 invalid_code');
  });

  it('answers a teardown without identifying params with 204 and removes nothing', async () => {
    const kit = stateKit();
    const f = kit.fixture();
    expect((await kit.change({ action: 'teardown', state: 'a registered client', params: {} })).status).toBe(204);
    expect(answerOf(await kit.redeem(f))).toBe('200');
  });

  it('answers 404 JSON to an unknown state', async () => {
    const { change } = stateKit();
    const res = await change({ action: 'setup', state: 'a banana', params: {} });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: 'unknown_state' });
  });

  it.each([
    ['no action', { state: 'a registered client', params: {} }],
    ['an unknown action', { action: 'create', state: 'a registered client', params: {} }],
    ['a state that is not a string', { action: 'setup', state: 1, params: {} }],
    ['params that are not an object', { action: 'setup', state: 'a registered client', params: [] }],
    ['not JSON', 'action=setup'],
  ])('answers 400 JSON to a body with %s', async (_name, body) => {
    const { change } = stateKit();
    const res = await change(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body).toMatchObject({ error: 'invalid_state_change' });
  });

  it('answers GET with 405', async () => {
    const kit = stateKit();
    const res = await request(kit.server.listener).get(statePath);
    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('POST');
  });

  it('throws from setup() for a state it would answer 4xx', () => {
    const server = createReferenceServer();
    expect(() => server.setup('a banana')).toThrow(/404/);
    expect(() => server.setup('an authorization code', { client_id: 'nobody' })).toThrow(/400/);
  });
});

describe('secretFormat', () => {
  it('hands out 60-character bcrypt-style secrets when asked', async () => {
    const server = createReferenceServer({ enableStates: true, secretFormat: 'bcrypt' });
    const client = server.setup('a registered client');
    expect(client.client_secret).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
  });
});
