import { createServer, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createReferenceServer } from '../../reference-server/index.js';
import { answerOf, referenceKit, tokenPath } from './kit.js';

const fields = ['client_id', 'client_secret', 'redirect_uri', 'code', 'passphrase'] as const;

describe('reference server: the request (SPEC §1, invalid_request)', () => {
  it.each([
    ['no Content-Type', undefined],
    ['text/plain', 'text/plain'],
    ['form-encoded', 'application/x-www-form-urlencoded'],
    ['application/jsonp', 'application/jsonp'],
    ['application/json-patch+json', 'application/json-patch+json'],
  ])('answers 400 invalid_request to a JSON body sent with %s', async (_name, contentType) => {
    const kit = referenceKit();
    const f = kit.fixture();
    const req = request(kit.server.listener).post(tokenPath);
    const res = await (contentType === undefined ? req : req.set('Content-Type', contentType)).send(Buffer.from(JSON.stringify(kit.body(f))));
    expect(answerOf(res)).toBe('400 invalid_request');
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['cache-control']).toBe('no-store');
    // The code was not spent by the refused request.
    expect(answerOf(await kit.redeem(f))).toBe('200');
  });

  it('answers invalid_request to a form-encoded body', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    const form = new URLSearchParams(kit.body(f) as Record<string, string>).toString();
    expect(answerOf(await kit.post(form, { contentType: 'application/x-www-form-urlencoded' }))).toBe('400 invalid_request');
  });

  it.each([
    ['truncated JSON', '{"client_id": "a", '],
    ['a trailing comma', '{"client_id": "a",}'],
    ['single quotes', "{'client_id': 'a'}"],
    ['an empty body', ''],
    ['a JSON array', '[]'],
    ['JSON null', 'null'],
    ['a JSON string', '"client_id"'],
  ])('answers 400 invalid_request to %s', async (_name, payload) => {
    const kit = referenceKit();
    expect(answerOf(await kit.post(payload))).toBe('400 invalid_request');
  });

  it('answers invalid_request to a body that is not UTF-8', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    // The valid body, plus a member whose name is the byte 0xFF: `,"\xFF":1}`.
    const json = Buffer.from(JSON.stringify(kit.body(f)).slice(0, -1));
    const bytes = Buffer.concat([json, Buffer.from([0x2c, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])]);
    // Sent as raw bytes: supertest would serialise a Buffer given to send() as JSON.
    const server = createServer(kit.server.listener).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}${tokenPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes });
      expect(answerOf({ status: res.status, body: (await res.json()) as unknown })).toBe('400 invalid_request');
    } finally {
      server.closeAllConnections();
      server.close();
    }
    // The same body with the byte read as U+FFFD is a valid request: only the byte refuses it.
    const replaced = Buffer.from(new TextDecoder('utf-8').decode(bytes));
    expect(answerOf(await kit.post(replaced.toString(), { headers: f.headers }))).toBe('200');
  });

  it.each(fields)('answers invalid_request when %s is missing', async (field) => {
    const kit = referenceKit();
    const f = kit.fixture();
    expect(answerOf(await kit.redeem(f, { [field]: undefined }))).toBe('400 invalid_request');
  });

  it.each(fields.flatMap((field) => [42, null, [], ['x'], {}, true].map((value) => [field, value] as const)))(
    'answers invalid_request when %s is %j',
    async (field, value) => {
      const kit = referenceKit();
      const f = kit.fixture();
      expect(answerOf(await kit.redeem(f, { [field]: value }))).toBe('400 invalid_request');
    },
  );

  it.each(fields.filter((field) => field !== 'passphrase'))('answers invalid_request when %s is empty', async (field) => {
    const kit = referenceKit();
    const f = kit.fixture();
    expect(answerOf(await kit.redeem(f, { [field]: '' }))).toBe('400 invalid_request');
  });

  it('lets the last of duplicate keys win (SPEC §1 edge cases)', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    const json = JSON.stringify(kit.body(f)).replace('{', '{"code":"an earlier value",');
    expect(answerOf(await kit.post(json))).toBe('200');
  });

  describe('body limit', () => {
    it('answers invalid_request to a body over 16 KiB, and reads one just under it', async () => {
      const kit = referenceKit();
      const f = kit.fixture();
      const over = await kit.redeem(f, { padding: 'x'.repeat(16 * 1024) });
      expect(answerOf(over)).toBe('400 invalid_request');
      expect(over.headers['connection']).toBe('close');
      const size = JSON.stringify(kit.body(f)).length;
      expect(answerOf(await kit.redeem(f, { padding: 'x'.repeat(16 * 1024 - size - 20) }))).toBe('200');
    });

    it('follows bodyLimitBytes', async () => {
      const kit = referenceKit({ bodyLimitBytes: 100 });
      expect(answerOf(await kit.redeem(kit.fixture()))).toBe('400 invalid_request');
    });

    it('answers before reading the rest: a declared Content-Length over the limit, a chunked body crossing it', async () => {
      const server = createServer(createReferenceServer().listener).listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      try {
        // Neither request ever ends its body: an answer proves the server stopped reading.
        const declared = await answerWhileSending(port, { 'Content-Length': '1000000' }, '{');
        const chunked = await answerWhileSending(port, { 'Transfer-Encoding': 'chunked' }, `{"x":"${'y'.repeat(20_000)}`);
        for (const res of [declared, chunked]) {
          expect(res.statusCode).toBe(400);
          expect(JSON.parse(res.body)).toMatchObject({ error: 'invalid_request' });
        }
      } finally {
        server.closeAllConnections();
        server.close();
      }
    });
  });

  describe('a client that hangs up', () => {
    it('is owed no answer, and the server goes on serving', async () => {
      const kit = referenceKit();
      const server = createServer(kit.server.listener).listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      try {
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: tokenPath, headers: { 'Content-Type': 'application/json', 'Content-Length': '100' } });
        let answered = false;
        req.on('response', () => (answered = true));
        req.on('error', () => undefined);
        req.write('{"client_id":');
        await new Promise((resolve) => setTimeout(resolve, 50));
        req.destroy();
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(answered).toBe(false);
        const f = kit.fixture();
        expect(answerOf(await request(`http://127.0.0.1:${port}`).post(tokenPath).set('Content-Type', 'application/json').send(JSON.stringify(kit.body(f))))).toBe('200');
      } finally {
        server.closeAllConnections();
        server.close();
      }
    });
  });

  describe('methods and paths', () => {
    it.each(['GET', 'PUT', 'DELETE', 'PATCH'] as const)('answers %s on the token path with 405 and Allow: POST', async (method) => {
      const kit = referenceKit();
      const res = await request(kit.server.listener)[method.toLowerCase() as 'get' | 'put' | 'delete' | 'patch'](tokenPath);
      expect(res.status).toBe(405);
      expect(res.headers['allow']).toBe('POST');
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toMatchObject({ error: 'method_not_allowed' });
    });

    it.each(['/', '/api/v0/oauth2/token/', '/api/v0/oauth2/authorize', '/provider-states'])('answers 404 JSON on %s', async (path) => {
      const kit = referenceKit();
      const res = await request(kit.server.listener).post(path).send({});
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.body).toMatchObject({ error: 'not_found' });
    });

    it('ignores a query string on the token path', async () => {
      const kit = referenceKit();
      const f = kit.fixture();
      const res = await request(kit.server.listener)
        .post(`${tokenPath}?trace=1`)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(kit.body(f)));
      expect(answerOf(res)).toBe('200');
    });
  });
});

/** Sends headers and a first piece of body, never the end, and resolves with the answer. */
function answerWhileSending(
  port: number,
  headers: OutgoingHttpHeaders,
  firstPiece: string,
): Promise<{ statusCode: number | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: tokenPath,
      headers: { 'Content-Type': 'application/json', ...headers },
    });
    req.on('response', (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ statusCode: res.statusCode, body });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.write(firstPiece);
  });
}
