import { describe, expect, it } from 'vitest';
import { jwtVerify } from 'jose';
import { decodeCompact, mintClientSecret, signCompact, verifyHs256 } from '../../jwt/index.js';
import { BEFORE_SEED_EXP, SEED_CLIENT_ID, SEED_KEY, SEED_SECRET, SEED_VECTORS } from './vectors.js';

describe('mintClientSecret', () => {
  for (const { exp, token } of SEED_VECTORS) {
    it(`reproduces the seed vector with exp ${exp} byte for byte`, async () => {
      expect(await mintClientSecret({ clientId: SEED_CLIENT_ID, exp, secret: SEED_SECRET })).toBe(token);
    });

    it(`agrees with the raw layer (signCompact) on exp ${exp}`, () => {
      expect(signCompact({ alg: 'HS256', typ: 'JWT' }, { client_id: SEED_CLIENT_ID, exp }, SEED_SECRET)).toBe(token);
    });
  }

  it('writes the header and payload members in the prescribed order', async () => {
    const token = await mintClientSecret({ clientId: 'c', exp: 2_000_000_000, secret: 's' });
    const [header, payload] = token.split('.');
    expect(Buffer.from(header ?? '', 'base64url').toString()).toBe('{"alg":"HS256","typ":"JWT"}');
    expect(Buffer.from(payload ?? '', 'base64url').toString()).toBe('{"client_id":"c","exp":2000000000}');
  });

  it('keys the MAC with the UTF-8 bytes of a hex-looking secret, never its hex decoding', async () => {
    const token = await mintClientSecret({ clientId: SEED_CLIENT_ID, exp: 1751019553, secret: SEED_SECRET });
    const verified = await jwtVerify(token, SEED_KEY, { algorithms: ['HS256'], currentDate: BEFORE_SEED_EXP });
    expect(verified.payload).toEqual({ client_id: SEED_CLIENT_ID, exp: 1751019553 });
    expect(verifyHs256(token, SEED_SECRET)).toBe(true);
    expect(verifyHs256(token, Buffer.from(SEED_SECRET, 'hex'))).toBe(false);
    await expect(
      jwtVerify(token, Buffer.from(SEED_SECRET, 'hex'), { algorithms: ['HS256'], currentDate: BEFORE_SEED_EXP }),
    ).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  it('keys the MAC with a bcrypt-style secret as text', async () => {
    const secret = '$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy';
    const token = await mintClientSecret({ clientId: 'client', exp: 2_000_000_000, secret });
    expect(verifyHs256(token, new TextEncoder().encode(secret))).toBe(true);
    expect(decodeCompact(token)).toMatchObject({ ok: true, payload: { client_id: 'client', exp: 2_000_000_000 } });
  });

  it('rejects an empty secret and a non-finite exp', async () => {
    await expect(mintClientSecret({ clientId: 'c', exp: 2_000_000_000, secret: '' })).rejects.toThrow();
    await expect(mintClientSecret({ clientId: 'c', exp: Number.NaN, secret: 's' })).rejects.toThrow(TypeError);
  });
});
