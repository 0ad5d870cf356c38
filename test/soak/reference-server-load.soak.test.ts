import { fork, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Issue 16 item 6: the reference server through 100,000 generated token requests at
 * concurrency 50, on loopback. No input may produce a 5xx (SPEC §1), every kind of request is
 * answered as SPEC §1 says, and what the server keeps stays bounded: its resident memory (a
 * bound, not a speed) and its counts, back to zero clients and codes after teardown.
 */
const REQUESTS = 100_000;
const CONCURRENCY = 50;
/** Resident memory the server may reach: it started near 70 MB here, and kept 118 MB at most before the clean-up. */
const RSS_BOUND_BYTES = 256 * 1024 * 1024;
const CLIENTS = 100;
const SAMPLE_EVERY = 5_000;

const SERVER_PROCESS = fileURLToPath(new URL('./reference-server-process.mjs', import.meta.url));
const TOKEN_PATH = '/api/v0/oauth2/token';

interface Registered {
  readonly client_id: string;
  readonly client_secret: string;
  readonly redirect_uri: string;
}

/** The kinds of request generated, and the answer SPEC §1 gives each: `"<status> <error>"`. */
const expected = {
  valid: '200',
  replayed: '401 invalid_client',
  'unknown code': '400 invalid_code',
  'wrong key': '401 invalid_client',
  'alg none': '401 invalid_client',
  'not a JWS': '401 invalid_client',
  expired: '401 client_secret_expired',
  'broken JSON': '400 invalid_request',
  'form-encoded': '400 invalid_request',
  'a field a number': '400 invalid_request',
  GET: '405 method_not_allowed',
} as const;
type Kind = keyof typeof expected;
const kinds = Object.keys(expected) as Kind[];

/** mulberry32: the same requests on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function jws(header: object, payload: object, key: string): string {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}

describe('the reference server under 100,000 generated requests', () => {
  let server: ChildProcess;
  let origin: string;
  const agent = new Agent({ connections: CONCURRENCY });
  const rssSamples: number[] = [];

  beforeAll(async () => {
    server = fork(SERVER_PROCESS, { stdio: 'inherit' });
    origin = await new Promise<string>((resolve) =>
      server.once('message', (message: { origin: string }) => resolve(message.origin)),
    );
  });
  afterAll(async () => {
    server.send('close');
    await agent.close();
  });

  function rss(): Promise<number> {
    return new Promise((resolve) => {
      server.once('message', (message: { rss: number }) => resolve(message.rss));
      server.send('rss');
    });
  }

  async function post(path: string, body: string, contentType = 'application/json', method: 'POST' | 'GET' = 'POST') {
    const res = await request(`${origin}${path}`, {
      method,
      dispatcher: agent,
      headers: { 'content-type': contentType },
      ...(method === 'POST' ? { body } : {}),
    });
    const text = await res.body.text();
    const error = text === '' ? undefined : (JSON.parse(text) as { error?: string }).error;
    return { status: res.statusCode, answer: error === undefined ? String(res.statusCode) : `${res.statusCode} ${error}`, text };
  }

  const state = async (action: 'setup' | 'teardown', name: string, params: object) =>
    post('/provider-states', JSON.stringify({ action, state: name, params }));

  it('answers every one as SPEC §1 says, never a 5xx, within a bounded resident memory, and keeps nothing after teardown', async () => {
    const random = seeded(16);
    const clients: Registered[] = [];
    for (let i = 0; i < CLIENTS; i += 1) clients.push(JSON.parse((await state('setup', 'a registered client', {})).text) as Registered);
    const used: string[] = [];
    let mints = 0;
    const fresh = (client: Registered, key = client.client_secret, header: object = { alg: 'HS256', typ: 'JWT' }, exp?: number) => {
      mints += 1;
      // An extra claim (ignored, SPEC §1 edge cases) keeps every JWT distinct, as a replay would not be.
      return jws(header, { client_id: client.client_id, exp: exp ?? Math.floor(Date.now() / 1000) + 60 + (mints % 200), n: mints }, key);
    };

    async function send(kind: Kind): Promise<string> {
      const client = clients[Math.floor(random() * CLIENTS)] as Registered;
      const body = (fields: object) => JSON.stringify({ client_id: client.client_id, redirect_uri: client.redirect_uri, code: 'no-such-code', passphrase: '', ...fields });
      switch (kind) {
        case 'valid': {
          const { code } = JSON.parse((await state('setup', 'an authorization code', { client_id: client.client_id })).text) as { code: string };
          const clientSecret = fresh(client);
          const { answer } = await post(TOKEN_PATH, body({ client_secret: clientSecret, code }));
          used.push(clientSecret);
          return answer;
        }
        case 'replayed': {
          const clientSecret = used[Math.floor(random() * used.length)] ?? '';
          const claims = JSON.parse(Buffer.from(clientSecret.split('.')[1] ?? '', 'base64url').toString()) as { client_id: string };
          return (await post(TOKEN_PATH, JSON.stringify({ client_id: claims.client_id, client_secret: clientSecret, redirect_uri: client.redirect_uri, code: 'no-such-code', passphrase: '' }))).answer;
        }
        case 'unknown code':
          return (await post(TOKEN_PATH, body({ client_secret: fresh(client) }))).answer;
        case 'wrong key':
          return (await post(TOKEN_PATH, body({ client_secret: fresh(client, 'another key of 32 characters....') }))).answer;
        case 'alg none':
          return (await post(TOKEN_PATH, body({ client_secret: `${fresh(client, client.client_secret, { alg: 'none' }).split('.').slice(0, 2).join('.')}.` }))).answer;
        case 'not a JWS':
          return (await post(TOKEN_PATH, body({ client_secret: client.client_secret }))).answer;
        case 'expired':
          return (await post(TOKEN_PATH, body({ client_secret: fresh(client, client.client_secret, undefined, Math.floor(Date.now() / 1000) - 30 - (mints % 500)) }))).answer;
        case 'broken JSON':
          return (await post(TOKEN_PATH, `{"client_id": "${client.client_id}", "client_secret": `)).answer;
        case 'form-encoded':
          return (await post(TOKEN_PATH, `client_id=${client.client_id}&code=x`, 'application/x-www-form-urlencoded')).answer;
        case 'a field a number':
          return (await post(TOKEN_PATH, body({ client_secret: fresh(client), code: 42 }))).answer;
        case 'GET':
          return (await post(TOKEN_PATH, '', 'application/json', 'GET')).answer;
      }
    }

    // Ten JWTs used before the generated requests, so that there are some to replay.
    for (let i = 0; i < 10; i += 1) expect(await send('valid')).toBe(expected.valid);
    const answers = new Map<string, number>();
    let next = 0;
    rssSamples.push(await rss());
    const worker = async (): Promise<void> => {
      while (next < REQUESTS) {
        next += 1;
        if (next % SAMPLE_EVERY === 0) rssSamples.push(await rss());
        const kind = kinds[Math.floor(random() * kinds.length)] as Kind;
        const key = `${kind}: ${await send(kind)}`;
        answers.set(key, (answers.get(key) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    rssSamples.push(await rss());

    for (const client of clients) await state('teardown', 'a registered client', { client_id: client.client_id });
    const counts = JSON.parse((await post('/provider-states/counts', '', 'application/json', 'GET')).text) as Record<string, number>;
    const peak = Math.max(...rssSamples);
    console.log(
      `${REQUESTS} requests; answers: ${JSON.stringify(Object.fromEntries([...answers].sort()))}; ` +
        `server RSS ${Math.round((rssSamples[0] ?? 0) / 2 ** 20)} MB at the start, ${Math.round(peak / 2 ** 20)} MB at most, ` +
        `${Math.round((rssSamples.at(-1) ?? 0) / 2 ** 20)} MB at the end; after teardown ${JSON.stringify(counts)}`,
    );

    expect([...answers.values()].reduce((a, b) => a + b)).toBe(REQUESTS);
    expect([...answers.keys()].filter((key) => / 5\d\d/.test(key))).toEqual([]);
    expect([...answers.keys()].sort()).toEqual(kinds.map((kind) => `${kind}: ${expected[kind]}`).sort());
    expect(peak).toBeLessThan(RSS_BOUND_BYTES);
    expect(counts).toMatchObject({ clients: 0, codes: 0 });
  }, 480_000);
});
