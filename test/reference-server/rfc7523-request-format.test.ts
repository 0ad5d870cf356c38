import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { rfc7523 } from '../../reference-server/index.js';
import { answerOf, tokenPath } from './kit.js';
import { rfc7523Kit } from './rfc7523-kit.js';

describe('reference server, profile rfc7523: the request (SPEC §5; RFC 6749 §3.2, §4.1.3)', () => {
  it('refuses the parameters as a JSON body, and a text body: 400 invalid_request (REQ-CONTENT-TYPE)', async () => {
    const kit = rfc7523Kit();
    const f = await kit.fixture();
    const form = kit.form(f, await kit.assertion(f));
    expect(answerOf(await kit.post(JSON.stringify(form), { contentType: 'application/json' }))).toBe('400 invalid_request');
    expect(answerOf(await kit.post(new URLSearchParams(form).toString(), { contentType: 'text/plain' }))).toBe('400 invalid_request');
    expect(answerOf(await kit.post(form))).toBe('200');
  });

  it.each(['GET', 'PUT', 'DELETE'] as const)('answers %s with 405 and Allow: POST (REQ-METHOD)', async (method) => {
    const kit = rfc7523Kit();
    const res = await request(kit.server.listener)[method.toLowerCase() as 'get' | 'put' | 'delete'](tokenPath);
    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('POST');
  });

  it.each(['code', 'client_assertion', 'grant_type', 'redirect_uri', 'client_id'])(
    'refuses %s sent twice: 400 invalid_request (REQ-DUPLICATE-PARAM; RFC 6749 §3.2)',
    async (name) => {
      const kit = rfc7523Kit();
      const f = await kit.fixture();
      const form = { client_id: f.clientId, ...kit.form(f, await kit.assertion(f)) };
      const body = `${new URLSearchParams(form).toString()}&${name}=${encodeURIComponent(form[name as keyof typeof form] ?? '')}`;
      expect(answerOf(await kit.post(body))).toBe('400 invalid_request');
      expect(answerOf(await kit.redeem(f))).toBe('200');
    },
  );

  it('refuses grant_type missing as invalid_request, and another grant as unsupported_grant_type (REQ-GRANT-TYPE)', async () => {
    const kit = rfc7523Kit();
    const f = await kit.fixture();
    expect(answerOf(await kit.redeem(f, { params: { grant_type: undefined } }))).toBe('400 invalid_request');
    expect(answerOf(await kit.redeem(f, { params: { grant_type: 'password' } }))).toBe('400 unsupported_grant_type');
    expect(answerOf(await kit.redeem(f, { params: { grant_type: 'Authorization_Code' } }))).toBe('400 unsupported_grant_type');
  });

  it.each(['code', 'redirect_uri'])('refuses %s missing or empty: 400 invalid_request (REQ-MISSING-FIELD; RFC 6749 §3.2)', async (name) => {
    const kit = rfc7523Kit();
    const f = await kit.fixture();
    expect(answerOf(await kit.redeem(f, { params: { [name]: undefined } }))).toBe('400 invalid_request');
    expect(answerOf(await kit.redeem(f, { params: { [name]: '' } }))).toBe('400 invalid_request');
  });

  it('refuses HTTP Basic credentials beside the assertion: 400 invalid_request (RFC7523-ONE-METHOD; RFC 6749 §2.3)', async () => {
    const kit = rfc7523Kit();
    const f = await kit.fixture();
    const basic = `Basic ${Buffer.from(`${f.clientId}:${f.secret}`).toString('base64')}`;
    expect(answerOf(await kit.redeem(f, { headers: { Authorization: basic } }))).toBe('400 invalid_request');
    expect(answerOf(await kit.redeem(f, { headers: { Authorization: 'basic x' } }))).toBe('400 invalid_request');
  });

  it('refuses a body that is not UTF-8, and one over bodyLimitBytes, as invalid_request', async () => {
    const kit = rfc7523Kit({ bodyLimitBytes: 64 });
    const f = await kit.fixture();
    expect(answerOf(await kit.post(kit.form(f, await kit.assertion(f))))).toBe('400 invalid_request');
    // supertest re-encodes a Buffer sent as a form: the parser itself is given the bytes.
    expect(rfc7523.readFormParameters(Buffer.from('code=\xff', 'latin1'))).toBe('invalid_request');
  });

  it('answers every error as RFC 6749 §5.2 JSON, not cacheable, never repeating the request', async () => {
    const kit = rfc7523Kit();
    const f = await kit.fixture();
    const assertion = await kit.assertion(f, { claims: { aud: 'https://other.example' } });
    const res = await kit.post(kit.form(f, assertion));
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(Object.keys(res.body).sort()).toEqual(['error', 'error_description']);
    for (const secret of [assertion, String(f.secret), f.code, String(f.verifier), assertion.split('.')[2]]) {
      expect(res.text).not.toContain(secret);
    }
  });

  it('applies the rate limit before reading the request (429 with Retry-After)', async () => {
    const kit = rfc7523Kit({ rateLimit: { burst: 1, refillPerSecond: 0.5 } });
    const f = await kit.fixture();
    expect(answerOf(await kit.redeem(f))).toBe('200');
    const limited = await kit.redeem(f);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');
  });
});
