import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createReferenceServer, namedStep, type ReferenceServerOptions } from '../../reference-server/index.js';
import { answerOf, referenceKit, tokenPath } from './kit.js';

/**
 * Every answer's exact body and headers, beyond what SPEC §1 judges (`error` alone): the fixed
 * descriptions (RFC 6749 §5.2; none repeats any part of the request), 404, 405, the state
 * endpoint's refusals, and the last resort of a deliberately broken variant.
 */
describe('reference server: the exact answers', () => {
  it.each([
    ['invalid_request', { code: 42 }, 400, 'The body must be a JSON object with the string fields client_id, client_secret, redirect_uri, code and passphrase.'],
    ['invalid_client', { client_secret: 'not a JWT' }, 401, 'Client authentication failed.'],
    ['invalid_code', { code: 'no-such-code' }, 400, 'The authorization code is unknown, expired, already redeemed or issued to another client.'],
    ['invalid_redirect_uri', { redirect_uri: 'https://evil.example/callback' }, 400, 'The redirect_uri differs from the one the authorization code was issued for.'],
  ])('answers %s with its fixed description', async (error, fields, status, description) => {
    const kit = referenceKit();
    const f = kit.fixture();
    const res = await kit.redeem(f, fields);
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error, error_description: description });
    expect(res.headers).toMatchObject({ 'cache-control': 'no-store', pragma: 'no-cache', 'content-type': 'application/json' });
  });

  it('answers client_secret_expired with its fixed description', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    const res = await kit.redeem(f, { client_secret: kit.jwt(f, { exp: kit.clock.seconds - 60 }) });
    expect(res.body).toEqual({ error: 'client_secret_expired', error_description: 'The client_secret JWT has expired.' });
  });

  it('answers 404 with its body, and 405 on the token path with no-store', async () => {
    const kit = referenceKit();
    const missing = await request(kit.server.listener).get('/elsewhere');
    expect(missing.body).toEqual({ error: 'not_found', error_description: 'No such endpoint.' });
    const other = await request(kit.server.listener).put(tokenPath);
    expect(other.body).toEqual({ error: 'method_not_allowed', error_description: 'Only POST is allowed here.' });
    expect(other.headers).toMatchObject({ allow: 'POST', 'cache-control': 'no-store', pragma: 'no-cache' });
  });

  it('answers 404 on a path it does not serve, the state endpoint on too', async () => {
    const kit = referenceKit({ enableStates: true });
    const res = await request(kit.server.listener).get('/provider-states/elsewhere');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not_found', error_description: 'No such endpoint.' });
  });

  it('refuses scopes of which only some are strings', async () => {
    const kit = referenceKit({ enableStates: true });
    const f = kit.fixture();
    const res = await request(kit.server.listener)
      .post('/provider-states')
      .send({ action: 'setup', state: 'an authorization code', params: { client_id: f.clientId, scopes: ['read', 1] } });
    expect(res.status).toBe(400);
  });

  it('answers GET on the state endpoint 405 with Allow: POST', async () => {
    const kit = referenceKit({ enableStates: true });
    const res = await request(kit.server.listener).get('/provider-states');
    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('POST');
    expect(res.body).toEqual({ error: 'method_not_allowed', error_description: 'Only POST is allowed here.' });
  });

  it('answers a state change it cannot read 400 with its description', async () => {
    const kit = referenceKit({ enableStates: true });
    const res = await request(kit.server.listener).post('/provider-states').send({ action: 'set up' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid_state_change',
      error_description: 'Expected a JSON object {"action": "setup" | "teardown", "state": string, "params"?: object}.',
    });
  });

  it('answers an unknown state 404 and bad params 400, each with its description', async () => {
    const kit = referenceKit({ enableStates: true });
    const change = (body: object) => request(kit.server.listener).post('/provider-states').send(body);
    expect((await change({ action: 'setup', state: 'a banana' })).body).toEqual({ error: 'unknown_state', error_description: 'This provider state is not supported.' });
    const f = kit.fixture();
    expect((await change({ action: 'setup', state: 'an authorization code', params: { client_id: '' } })).body).toEqual({
      error: 'invalid_params',
      error_description: 'params.client_id must be a non-empty string.',
    });
    expect((await change({ action: 'setup', state: 'an authorization code', params: {} })).body).toEqual({ error: 'invalid_params', error_description: 'params.client_id is required.' });
    expect((await change({ action: 'setup', state: 'an authorization code', params: { client_id: f.clientId, scopes: 'read' } })).body).toEqual({
      error: 'invalid_params',
      error_description: 'params.scopes must be an array of strings.',
    });
    expect((await change({ action: 'setup', state: 'an authorization code', params: { client_id: 'nobody' } })).body).toEqual({
      error: 'unknown_client',
      error_description: 'No client is registered with this client_id.',
    });
  });

  it('throws when a provider state set up in-process is refused, naming it and the status', () => {
    const kit = referenceKit();
    expect(() => kit.server.setup('a banana')).toThrow(new Error('provider state "a banana" was not set up: answered 404'));
  });
});

describe('reference server: a variant that fails (the `faults` option)', () => {
  const failing = (options: ReferenceServerOptions) => {
    const kit = referenceKit(options);
    return { kit, f: kit.fixture() };
  };

  it('answers 500 JSON when a step throws before anything was written', async () => {
    const { kit, f } = failing({
      faults: {
        steps: [
          namedStep(function failToLookUp() {
            throw new Error('the database is gone');
          }),
        ],
      },
    });
    const res = await kit.redeem(f);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'server_error', error_description: 'The server failed.' });
  });

  it('cuts the connection when it fails after the headers were sent', async () => {
    const server = createServer(
      createReferenceServer({
        faults: {
          writeError: (res) => {
            res.writeHead(400, { 'Content-Type': 'application/json' });
            res.write('{"error":');
            throw new Error('half an answer');
          },
        },
      }).listener,
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const outcome = await fetch(`http://127.0.0.1:${port}${tokenPath}`, { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain' } })
        .then((res) => res.text())
        .then(
          (text) => `read ${text}`,
          (error: Error) => `failed: ${error.message}`,
        );
      expect(outcome).toMatch(/^failed: /);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('reference server: options', () => {
  it.each([
    ['leewaySeconds', { leewaySeconds: -1 }, 'leewaySeconds must be a finite number of at least 0'],
    ['maxLifetimeSeconds', { maxLifetimeSeconds: Number.NaN }, 'maxLifetimeSeconds must be a finite number of at least 0'],
    ['codeTtlSeconds', { codeTtlSeconds: -0.5 }, 'codeTtlSeconds must be a finite number of at least 0'],
    ['bodyLimitBytes', { bodyLimitBytes: Number.POSITIVE_INFINITY }, 'bodyLimitBytes must be a finite number of at least 0'],
    ['rateLimit.burst', { rateLimit: { burst: 0.5, refillPerSecond: 1 } }, 'rateLimit.burst must be a finite number of at least 1'],
    ['rateLimit.refillPerSecond', { rateLimit: { burst: 1, refillPerSecond: 0 } }, 'rateLimit.refillPerSecond must be a number above 0'],
  ])('refuses %s out of range, naming it', (_name, options, message) => {
    expect(() => createReferenceServer(options as ReferenceServerOptions)).toThrow(new RangeError(message));
  });

  it('accepts the smallest values in range', () => {
    expect(() => createReferenceServer({ leewaySeconds: 0, maxLifetimeSeconds: 0, codeTtlSeconds: 0, bodyLimitBytes: 0, maxClients: 1, rateLimit: { burst: 1, refillPerSecond: 0.001 } })).not.toThrow();
  });

  it('defaults to a leeway of 0, a lifetime of 300 s and codes of 60 s', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    expect(answerOf(await kit.redeem(f, { client_secret: kit.jwt(f, { exp: kit.clock.seconds + 301 }) }))).toBe('401 invalid_client');
    expect(answerOf(await kit.redeem(f, { client_secret: kit.jwt(f, { exp: kit.clock.seconds - 1 }) }))).toBe('401 client_secret_expired');
    kit.clock.advance(59);
    expect(answerOf(await kit.redeem(f, { client_secret: kit.jwt(f, { exp: kit.clock.seconds + 299 }) }))).toBe('200');
    const late = kit.fixture();
    kit.clock.advance(60);
    expect(answerOf(await kit.redeem(late))).toBe('400 invalid_code');
  });
});

describe('reference server: a body of exactly bodyLimitBytes', () => {
  /** POSTs `body` to the token path of `listener`, declared by Content-Length or chunked in two. */
  async function post(options: ReferenceServerOptions, body: string, framing: 'declared' | 'chunked'): Promise<string> {
    const server = createServer(createReferenceServer(options).listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const half = Math.floor(body.length / 2);
      const chunks = [body.slice(0, half), body.slice(half)];
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
          controller.close();
        },
      });
      const res = await fetch(`http://127.0.0.1:${port}${tokenPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        ...(framing === 'declared' ? { body } : { body: stream, duplex: 'half' }),
      } as RequestInit);
      return answerOf({ status: res.status, body: (await res.json()) as unknown });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }

  it.each([['declared'], ['chunked']] as const)('is read, and one byte more is not (%s)', async (framing) => {
    const body = JSON.stringify({ client_id: 'c', client_secret: 'not a JWT', redirect_uri: 'r', code: 'x', passphrase: '' });
    expect(await post({ bodyLimitBytes: body.length }, body, framing)).toBe('401 invalid_client');
    expect(await post({ bodyLimitBytes: body.length - 1 }, body, framing)).toBe('400 invalid_request');
  });
});
