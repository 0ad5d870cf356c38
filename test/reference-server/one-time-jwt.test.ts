import { describe, expect, it } from 'vitest';
import { answerOf, referenceKit } from './kit.js';

describe('reference server: one-time JWT (SPEC §1, SHOULD)', () => {
  it('refuses a JWT that already authenticated, even when its first request failed at the code', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    const clientSecret = kit.jwt(f);
    expect(answerOf(await kit.redeem(f, { client_secret: clientSecret, code: 'no-such-code' }))).toBe('400 invalid_code');
    expect(answerOf(await kit.redeem(f, { client_secret: clientSecret }))).toBe('401 invalid_client');
    expect(answerOf(await kit.redeem(f))).toBe('200');
  });

  it('refuses the JWT of a successful request a second time', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    const clientSecret = kit.jwt(f);
    expect(answerOf(await kit.redeem(f, { client_secret: clientSecret }))).toBe('200');
    const code = kit.server.setup('an authorization code', { client_id: f.clientId })['code'];
    expect(answerOf(await kit.redeem(f, { client_secret: clientSecret, code }))).toBe('401 invalid_client');
  });

  it('does not record a JWT refused before authentication completed (step 6)', async () => {
    const kit = referenceKit();
    const a = kit.fixture();
    const b = kit.fixture();
    const clientSecret = kit.jwt(a);
    expect(answerOf(await kit.redeem(b, { client_secret: clientSecret }))).toBe('401 invalid_client');
    expect(answerOf(await kit.redeem(a, { client_secret: clientSecret }))).toBe('200');
  });

  it('answers client_secret_expired once the reused JWT has expired', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    const clientSecret = kit.jwt(f, { exp: kit.clock.seconds + 30 });
    expect(answerOf(await kit.redeem(f, { client_secret: clientSecret }))).toBe('200');
    kit.clock.advance(31);
    expect(answerOf(await kit.redeem(f, { client_secret: clientSecret }))).toBe('401 client_secret_expired');
  });

  it('lets exactly one of ten concurrent requests with the same JWT through', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    const codes = Array.from({ length: 10 }, () => kit.server.setup('an authorization code', { client_id: f.clientId })['code']);
    const clientSecret = kit.jwt(f);
    const answers = await Promise.all(codes.map((code) => kit.redeem(f, { client_secret: clientSecret, code })));
    expect(answers.map(answerOf).sort()).toEqual(['200', ...Array<string>(9).fill('401 invalid_client')]);
  });
});
