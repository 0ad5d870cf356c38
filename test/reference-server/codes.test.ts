import { describe, expect, it } from 'vitest';
import { answerOf, referenceKit } from './kit.js';

describe('reference server: the authorization code (SPEC §1 step 7)', () => {
  it('answers 400 invalid_code to a code never issued', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    expect(answerOf(await kit.redeem(f, { code: '84feaa9c-6782-417b-b77c-f9642b5562ff' }))).toBe('400 invalid_code');
  });

  it('answers invalid_code to a code already redeemed', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    expect(answerOf(await kit.redeem(f))).toBe('200');
    expect(answerOf(await kit.redeem(f))).toBe('400 invalid_code');
  });

  it('answers invalid_code to a code issued to another client', async () => {
    const kit = referenceKit();
    const mine = kit.fixture();
    const theirs = kit.fixture();
    expect(answerOf(await kit.redeem(mine, { code: theirs.code }))).toBe('400 invalid_code');
    expect(answerOf(await kit.redeem(theirs))).toBe('200');
  });

  it('answers invalid_code once the code has lived codeTtlSeconds', async () => {
    const kit = referenceKit({ codeTtlSeconds: 60 });
    const f = kit.fixture();
    kit.clock.advance(62);
    expect(answerOf(await kit.redeem(f))).toBe('400 invalid_code');
  });

  it('accepts a code 58 s old', async () => {
    const kit = referenceKit({ codeTtlSeconds: 60 });
    const f = kit.fixture();
    kit.clock.advance(58);
    expect(answerOf(await kit.redeem(f))).toBe('200');
  });

  it('answers invalid_code to the state "an expired authorization code"', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    const expired = kit.server.setup('an expired authorization code', { client_id: f.clientId, redirect_uri: f.redirectUri });
    expect(answerOf(await kit.redeem(f, { code: expired['code'] }))).toBe('400 invalid_code');
  });

  it('redeems one code exactly once among 30 concurrent requests, each with its own JWT', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    const answers = await Promise.all(Array.from({ length: 30 }, () => kit.redeem(f)));
    expect(answers.map(answerOf).sort()).toEqual(['200', ...Array<string>(29).fill('400 invalid_code')]);
  });

  describe('bound to the session (bindCodesToSession)', () => {
    it('hands out a session cookie with the code and redeems it with that cookie', async () => {
      const kit = referenceKit({ bindCodesToSession: true });
      const f = kit.fixture();
      expect(f.headers).toEqual({ Cookie: expect.stringMatching(/^session=[0-9a-f]{32}$/) });
      expect(answerOf(await kit.redeem(f))).toBe('200');
    });

    it('accepts the cookie among others', async () => {
      const kit = referenceKit({ bindCodesToSession: true });
      const f = kit.fixture();
      const res = await kit.post(kit.body(f), { headers: { Cookie: `theme=dark; ${f.headers['Cookie']}; lang=en` } });
      expect(answerOf(res)).toBe('200');
    });

    it('reads the session without the spaces around its value', async () => {
      const kit = referenceKit({ bindCodesToSession: true });
      const f = kit.fixture();
      const res = await kit.post(kit.body(f), { headers: { Cookie: `${f.headers['Cookie']} ; theme=dark` } });
      expect(answerOf(res)).toBe('200');
    });

    it('redeems a code bound to no session whatever session cookie comes with it', async () => {
      const kit = referenceKit();
      const f = kit.fixture();
      expect(answerOf(await kit.post(kit.body(f), { headers: { Cookie: 'session=0123456789abcdef0123456789abcdef' } }))).toBe('200');
    });

    it('reads the session from its own pair, past one without a value whose name begins the same', async () => {
      const kit = referenceKit({ bindCodesToSession: true });
      const f = kit.fixture();
      const res = await kit.post(kit.body(f), { headers: { Cookie: `sessionx; ${f.headers['Cookie']}` } });
      expect(answerOf(res)).toBe('200');
    });

    it.each([
      ['no cookie', {}],
      ['another session', { Cookie: 'session=0123456789abcdef0123456789abcdef' }],
      ['a cookie with another name', { Cookie: 'sessionid=x' }],
    ])('answers invalid_code with %s', async (_name, headers) => {
      const kit = referenceKit({ bindCodesToSession: true });
      const f = kit.fixture();
      expect(answerOf(await kit.post(kit.body(f), { headers }))).toBe('400 invalid_code');
    });

    it('does not bind codes by default', async () => {
      const kit = referenceKit();
      expect(kit.fixture().headers).toEqual({});
    });
  });
});

describe('reference server: the redirect URI (SPEC §1 step 8)', () => {
  it.each([
    ['another URI', () => 'https://evil.example/callback'],
    ['a trailing slash', (uri: string) => `${uri}/`],
    ['another case', (uri: string) => uri.toUpperCase()],
    ['a longer path', (uri: string) => `${uri}/more`],
    ['a query', (uri: string) => `${uri}?x=1`],
    ['a prefix of it', (uri: string) => uri.slice(0, -1)],
    ['an explicit default port', (uri: string) => uri.replace('myapp.com', 'myapp.com:443')],
  ])('answers 400 invalid_redirect_uri to %s', async (_name, variant) => {
    const kit = referenceKit();
    const f = kit.fixture();
    expect(answerOf(await kit.redeem(f, { redirect_uri: variant(f.redirectUri) }))).toBe('400 invalid_redirect_uri');
  });

  it('compares with the URI the code was issued for, not only the registered one', async () => {
    const kit = referenceKit();
    const f = kit.fixture({ redirect_uri: 'https://myapp.com/other' });
    expect(answerOf(await kit.redeem(f))).toBe('400 invalid_redirect_uri');
    expect(answerOf(await kit.redeem(f, { redirect_uri: 'https://myapp.com/other' }))).toBe('200');
  });

  it('leaves the code unredeemed after a mismatch', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    expect(answerOf(await kit.redeem(f, { redirect_uri: `${f.redirectUri}/` }))).toBe('400 invalid_redirect_uri');
    expect(answerOf(await kit.redeem(f))).toBe('200');
  });
});
