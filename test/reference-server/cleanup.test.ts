import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createReferenceServer } from '../../reference-server/index.js';
import { answerOf, referenceKit } from './kit.js';

const client = 'a registered client';
const code = 'an authorization code';

describe('reference server: teardown removes what setup made (SPEC §3)', () => {
  it('tears down a client with its codes, and then refuses the client', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    kit.server.setup(code, { client_id: f.clientId });
    expect(kit.server.counts()).toEqual({ clients: 1, codes: 2, used_jwts: 0 });
    kit.server.teardown(client, { redirect_uri: f.redirectUri, client_id: f.clientId });
    expect(kit.server.counts()).toEqual({ clients: 0, codes: 0, used_jwts: 0 });
    expect(answerOf(await kit.redeem(f))).toBe('401 invalid_client');
  });

  it("leaves the other clients and every one of their codes when one client is torn down", async () => {
    const kit = referenceKit();
    const gone = kit.fixture();
    const kept = kit.fixture();
    const second = String(kit.server.setup(code, { client_id: kept.clientId })['code']);
    kit.server.teardown(client, { client_id: gone.clientId });
    expect(kit.server.counts()).toMatchObject({ clients: 1, codes: 2 });
    expect(answerOf(await kit.redeem(kept))).toBe('200');
    expect(answerOf(await kit.redeem(kept, { code: second }))).toBe('200');
  });

  it('tears down a client that was never issued a code', () => {
    const kit = referenceKit();
    const registered = kit.server.setup(client);
    kit.server.teardown(client, { client_id: registered['client_id'] });
    expect(kit.server.counts()).toMatchObject({ clients: 0, codes: 0 });
  });

  it("tears down one code by its code, and leaves the client's other codes", async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    const other = String(kit.server.setup(code, { client_id: f.clientId })['code']);
    kit.server.teardown(code, { client_id: f.clientId, redirect_uri: f.redirectUri, code: f.code });
    expect(kit.server.counts()).toMatchObject({ clients: 1, codes: 1 });
    expect(answerOf(await kit.redeem(f))).toBe('400 invalid_code');
    expect(answerOf(await kit.redeem(f, { code: other }))).toBe('200');
  });

  it("tears down every code of the client the params name when they name no code, and no other client's", async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    const other = kit.fixture();
    kit.server.setup(code, { client_id: f.clientId });
    kit.server.teardown(code, { client_id: f.clientId, redirect_uri: f.redirectUri });
    expect(kit.server.counts()).toMatchObject({ clients: 2, codes: 1 });
    expect(answerOf(await kit.redeem(other))).toBe('200');
  });

  it('tears down a code already redeemed, and its client after it', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    expect(answerOf(await kit.redeem(f))).toBe('200');
    expect(kit.server.counts()).toMatchObject({ codes: 0 });
    kit.server.teardown(code, { client_id: f.clientId, code: f.code });
    kit.server.teardown(client, { client_id: f.clientId });
    expect(kit.server.counts()).toMatchObject({ clients: 0, codes: 0 });
  });

  it('issues codes again to a client whose codes were all redeemed, and tears them all down', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    expect(answerOf(await kit.redeem(f))).toBe('200');
    kit.server.setup(code, { client_id: f.clientId });
    kit.server.setup(code, { client_id: f.clientId });
    kit.server.teardown(code, { client_id: f.clientId });
    expect(kit.server.counts()).toMatchObject({ codes: 0 });
  });
});

describe('reference server: expired codes are removed by time', () => {
  it('keeps a code until the instant it expires and removes it at that instant', () => {
    const kit = referenceKit({ codeTtlSeconds: 60 });
    const f = kit.fixture();
    kit.server.setup(code, { client_id: f.clientId });
    kit.clock.advance(10);
    kit.server.setup(code, { client_id: f.clientId });
    kit.clock.ms += 50_000 - 1;
    expect(kit.server.counts().codes).toBe(3);
    kit.clock.ms += 1;
    expect(kit.server.counts().codes).toBe(1);
    kit.clock.advance(10);
    expect(kit.server.counts().codes).toBe(0);
  });

  it('removes a code set up as expired at once', () => {
    const kit = referenceKit();
    const registered = kit.server.setup(client);
    kit.server.setup('an expired authorization code', { client_id: registered['client_id'] });
    expect(kit.server.counts().codes).toBe(0);
  });

  it('still redeems a code that has not expired after older ones were removed', async () => {
    const kit = referenceKit({ codeTtlSeconds: 60 });
    const old = kit.fixture();
    kit.clock.advance(30);
    const young = kit.fixture();
    kit.clock.advance(40);
    expect(answerOf(await kit.redeem(old))).toBe('400 invalid_code');
    expect(answerOf(await kit.redeem(young))).toBe('200');
  });
});

describe('reference server: used JWTs are forgotten by time, never early (SPEC §1, AUTH-REPLAY)', () => {
  it('refuses a replay inside the leeway and forgets the JWT at exp + leeway, not a millisecond before', async () => {
    const kit = referenceKit({ leewaySeconds: 30 });
    const f = kit.fixture();
    const exp = kit.clock.seconds + 10;
    const clientSecret = kit.jwt(f, { exp });
    expect(answerOf(await kit.redeem(f, { client_secret: clientSecret }))).toBe('200');
    const again = String(kit.server.setup(code, { client_id: f.clientId })['code']);
    kit.clock.ms = (exp + 30) * 1000 - 1;
    expect(kit.server.counts().used_jwts).toBe(1);
    expect(answerOf(await kit.redeem(f, { client_secret: clientSecret, code: again }))).toBe('401 invalid_client');
    kit.clock.ms += 1;
    expect(kit.server.counts().used_jwts).toBe(0);
    expect(answerOf(await kit.redeem(f, { client_secret: clientSecret, code: again }))).toBe('401 client_secret_expired');
  });

  it('refuses a used JWT respelled in the unused bits of its signature', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    const clientSecret = kit.jwt(f);
    expect(answerOf(await kit.redeem(f, { client_secret: clientSecret }))).toBe('200');
    const last = clientSecret.at(-1) ?? '';
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const respelled = `${clientSecret.slice(0, -1)}${alphabet[alphabet.indexOf(last) ^ 1]}`;
    expect(Buffer.from(respelled.split('.')[2] ?? '', 'base64url')).toEqual(Buffer.from(clientSecret.split('.')[2] ?? '', 'base64url'));
    const again = String(kit.server.setup(code, { client_id: f.clientId })['code']);
    expect(answerOf(await kit.redeem(f, { client_secret: respelled, code: again }))).toBe('401 invalid_client');
  });

  it('forgets every JWT once it is due, whatever the order they were used in', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    const lives = [100, 20, 50, 10, 90, 30, 70, 60, 40, 80];
    for (const life of lives) {
      const issued = String(kit.server.setup(code, { client_id: f.clientId })['code']);
      expect(answerOf(await kit.redeem(f, { client_secret: kit.jwt(f, { exp: kit.clock.seconds + life }), code: issued }))).toBe('200');
    }
    const left: number[] = [];
    for (let elapsed = 10; elapsed <= 100; elapsed += 10) {
      kit.clock.advance(10);
      left.push(kit.server.counts().used_jwts);
    }
    expect(left).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  it('forgets a JWT inside the leeway behind one that lives longer, so a server that forgets it at exp is seen', async () => {
    const kit = referenceKit({ leewaySeconds: 30 });
    const f = kit.fixture();
    const long = String(kit.server.setup(code, { client_id: f.clientId })['code']);
    expect(answerOf(await kit.redeem(f, { client_secret: kit.jwt(f, { exp: kit.clock.seconds + 200 }), code: long }))).toBe('200');
    const short = kit.jwt(f, { exp: kit.clock.seconds + 5 });
    expect(answerOf(await kit.redeem(f, { client_secret: short }))).toBe('200');
    kit.clock.advance(35);
    expect(kit.server.counts().used_jwts).toBe(1);
  });
});

describe('reference server: the bounds of what it keeps', () => {
  it('answers a new JWT 429 at maxUsedJwts, until the oldest is due, and still refuses a replay', async () => {
    const kit = referenceKit({ maxUsedJwts: 2 });
    const f = kit.fixture();
    const first = kit.jwt(f, { exp: kit.clock.seconds + 100 });
    for (const clientSecret of [first, kit.jwt(f, { exp: kit.clock.seconds + 200 })]) {
      const issued = String(kit.server.setup(code, { client_id: f.clientId })['code']);
      expect(answerOf(await kit.redeem(f, { client_secret: clientSecret, code: issued }))).toBe('200');
    }
    kit.clock.ms += 500;
    const busy = await kit.redeem(f);
    expect(busy.status).toBe(429);
    expect(busy.body).toEqual({ error: 'rate_limited', error_description: 'Too many token requests.' });
    expect(busy.headers).toMatchObject({ 'retry-after': '100', 'cache-control': 'no-store', 'content-type': 'application/json' });
    expect(answerOf(await kit.redeem(f, { client_secret: first }))).toBe('401 invalid_client');
    kit.clock.ms += 99_500;
    const issued = String(kit.server.setup(code, { client_id: f.clientId })['code']);
    expect(answerOf(await kit.redeem(f, { code: issued }))).toBe('200');
    expect(kit.server.counts().used_jwts).toBe(2);
  });

  it('at maxClients, answers a client set-up 503 and keeps every client; a teardown makes room', async () => {
    const kit = referenceKit({ maxClients: 2, enableStates: true });
    const change = (body: object) => request(kit.server.listener).post('/provider-states').send(body);
    const a = kit.fixture();
    kit.fixture();
    const refused = await change({ action: 'setup', state: client, params: {} });
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({
      error: 'capacity_reached',
      error_description: 'The server keeps no more clients: tear down the ones no longer needed (SPEC §3).',
    });
    expect(answerOf(await kit.redeem(a))).toBe('200');
    kit.server.teardown(client, { client_id: a.clientId });
    expect((await change({ action: 'setup', state: client, params: {} })).status).toBe(200);
  });

  it('at maxCodes, answers a code set-up 503 and keeps every code; expiry makes room', async () => {
    const kit = referenceKit({ maxCodes: 2, enableStates: true, codeTtlSeconds: 60 });
    const change = (body: object) => request(kit.server.listener).post('/provider-states').send(body);
    const f = kit.fixture();
    kit.server.setup(code, { client_id: f.clientId });
    const refused = await change({ action: 'setup', state: code, params: { client_id: f.clientId } });
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({
      error: 'capacity_reached',
      error_description: 'The server keeps no more authorization codes: tear down the ones no longer needed (SPEC §3).',
    });
    expect(answerOf(await kit.redeem(f))).toBe('200');
    kit.clock.advance(60);
    expect((await change({ action: 'setup', state: code, params: { client_id: f.clientId } })).status).toBe(200);
  });

  it.each([['maxClients'], ['maxCodes'], ['maxUsedJwts']])('refuses a %s below 1', (name) => {
    expect(() => createReferenceServer({ [name]: 0 })).toThrow(new RangeError(`${name} must be a finite number of at least 1`));
  });
});

describe('reference server: GET /provider-states/counts', () => {
  it('answers the counts as JSON beside the state endpoint', async () => {
    const kit = referenceKit({ enableStates: true });
    const f = kit.fixture();
    expect(answerOf(await kit.redeem(f))).toBe('200');
    const res = await request(kit.server.listener).get('/provider-states/counts');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body).toEqual({ clients: 1, codes: 0, used_jwts: 1 });
  });

  it('answers another method 405 with Allow: GET', async () => {
    const kit = referenceKit({ enableStates: true });
    const res = await request(kit.server.listener).post('/provider-states/counts').send({});
    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('GET');
    expect(res.body).toEqual({ error: 'method_not_allowed', error_description: 'Only GET is allowed here.' });
  });

  it('is not served without enableStates', async () => {
    const kit = referenceKit();
    expect((await request(kit.server.listener).get('/provider-states/counts')).status).toBe(404);
  });
});
