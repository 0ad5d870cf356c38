import { describe, expect, it } from 'vitest';
import { answerOf, referenceKit } from './kit.js';

describe('reference server: expiry (SPEC §1 step 5; RFC 7519 §4.1.4)', () => {
  it.each([
    ['just past (2 s)', -2],
    ['long past (a day)', -86_400],
    ['exactly now (now ≥ exp + 0)', 0],
  ])('answers 401 client_secret_expired to an exp %s', async (_name, offset) => {
    const kit = referenceKit();
    const f = kit.fixture();
    const res = await kit.redeem(f, { client_secret: kit.jwt(f, { exp: kit.clock.seconds + offset }) });
    expect(answerOf(res)).toBe('401 client_secret_expired');
  });

  it('accepts an exp one second ahead', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    expect(answerOf(await kit.redeem(f, { client_secret: kit.jwt(f, { exp: kit.clock.seconds + 1 }) }))).toBe('200');
  });

  it('checks expiry only after the signature: expired and wrongly signed is invalid_client', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    const forged = kit.jwt(f, { exp: kit.clock.seconds - 60 }, 'not the stored secret');
    expect(answerOf(await kit.redeem(f, { client_secret: forged }))).toBe('401 invalid_client');
  });

  it('expires a JWT that was valid when minted once the clock passes it', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    const clientSecret = kit.jwt(f, { exp: kit.clock.seconds + 5 });
    kit.clock.advance(10);
    expect(answerOf(await kit.redeem(f, { client_secret: clientSecret }))).toBe('401 client_secret_expired');
  });

  describe('with leewaySeconds 30', () => {
    it('accepts an exp 10 s past', async () => {
      const kit = referenceKit({ leewaySeconds: 30 });
      const f = kit.fixture();
      expect(answerOf(await kit.redeem(f, { client_secret: kit.jwt(f, { exp: kit.clock.seconds - 10 }) }))).toBe('200');
    });

    it('answers client_secret_expired to an exp 32 s past', async () => {
      const kit = referenceKit({ leewaySeconds: 30 });
      const f = kit.fixture();
      const res = await kit.redeem(f, { client_secret: kit.jwt(f, { exp: kit.clock.seconds - 32 }) });
      expect(answerOf(res)).toBe('401 client_secret_expired');
    });

    it('extends the maximum lifetime by the leeway', async () => {
      const kit = referenceKit({ leewaySeconds: 30 });
      const f = kit.fixture();
      expect(answerOf(await kit.redeem(f, { client_secret: kit.jwt(f, { exp: kit.clock.seconds + 320 }) }))).toBe('200');
    });
  });

  describe('maximum lifetime (SPEC §1, SHOULD)', () => {
    it('answers invalid_client to an exp further ahead than 300 s', async () => {
      const kit = referenceKit();
      const f = kit.fixture();
      const res = await kit.redeem(f, { client_secret: kit.jwt(f, { exp: kit.clock.seconds + 302 }) });
      expect(answerOf(res)).toBe('401 invalid_client');
    });

    it('accepts an exp 298 s ahead', async () => {
      const kit = referenceKit();
      const f = kit.fixture();
      expect(answerOf(await kit.redeem(f, { client_secret: kit.jwt(f, { exp: kit.clock.seconds + 298 }) }))).toBe('200');
    });

    it('follows maxLifetimeSeconds', async () => {
      const kit = referenceKit({ maxLifetimeSeconds: 3600 });
      const f = kit.fixture();
      expect(answerOf(await kit.redeem(f, { client_secret: kit.jwt(f, { exp: kit.clock.seconds + 3000 }) }))).toBe('200');
    });
  });
});
