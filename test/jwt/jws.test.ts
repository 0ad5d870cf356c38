import { describe, expect, it } from 'vitest';
import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { compactVerify, exportJWK, generateKeyPair, importJWK } from 'jose';
import { algOf, freshJwkPair, keyFits, storxJws, signatureOver, signJws, signParts, rawSegment, signCompact, type AsymmetricAlg, type SigningKey } from '../../jwt/index.js';
import { SEED_CLIENT_ID, SEED_INPUT, SEED_SECRET, SEED_VECTORS } from './vectors.js';

const ASYMMETRIC_ALGS: readonly AsymmetricAlg[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** One jose-made key pair per alg (one RSA pair serves the six RSA algs), the public key imported for that alg. */
const rsa = await generateKeyPair('RS256', { extractable: true });
const KEYS = Object.fromEntries(
  await Promise.all(
    ASYMMETRIC_ALGS.map(async (alg) => {
      const pair = alg.startsWith('RS') || alg.startsWith('PS') ? rsa : await generateKeyPair(alg, { extractable: true });
      const key: SigningKey = { kind: 'private-jwk', jwk: await exportJWK(pair.privateKey) };
      return [alg, { key, publicKey: await importJWK(await exportJWK(pair.publicKey), alg) }] as const;
    }),
  ),
);

function keyFor(alg: AsymmetricAlg) {
  const entry = KEYS[alg];
  if (entry === undefined) throw new Error(`a key for ${alg}`);
  return entry;
}

describe('signJws: the key-neutral signing base', () => {
  it('reproduces the seed vectors (HS256 over the StorX header and claims), as signCompact does', () => {
    for (const { exp, token } of SEED_VECTORS) {
      const input = { header: { alg: 'HS256', typ: 'JWT' }, claims: { client_id: SEED_CLIENT_ID, exp }, key: { kind: 'secret', secret: SEED_SECRET } } as const;
      expect(signJws(input)).toBe(token);
      expect(signJws(input)).toBe(signCompact(input.header, input.claims, SEED_SECRET));
    }
  });

  it('storxJws is the JwsInput of the seed client_secret', () => {
    expect(signJws(storxJws(SEED_INPUT))).toBe(SEED_VECTORS[0].token);
  });

  it.each(['HS384', 'HS512'] as const)('computes %s with a secret, as signCompact does', (alg) => {
    expect(signJws({ header: { alg }, claims: { a: 1 }, key: { kind: 'secret', secret: 's' } })).toBe(signCompact({ alg }, { a: 1 }, 's', alg));
  });

  it.each(ASYMMETRIC_ALGS)('signs %s with a private JWK, and jose verifies it with the public key', async (alg) => {
    const { key, publicKey } = keyFor(alg);
    const token = signJws({ header: { alg, kid: 'k' }, claims: { sub: 'c' }, key });
    const verified = await compactVerify(token, publicKey, { algorithms: [alg] });
    expect(verified.protectedHeader).toEqual({ alg, kid: 'k' });
    expect(new TextDecoder().decode(verified.payload)).toBe('{"sub":"c"}');
  });

  it('signs exactly the bytes given, whatever the header claims: a raw segment under an alg-none header', () => {
    const { key } = keyFor('ES256');
    const token = signParts({ alg: 'none' }, rawSegment('not json'), key, 'ES256');
    const [header = '', payload = '', signature = ''] = token.split('.');
    expect(Buffer.from(header, 'base64url').toString()).toBe('{"alg":"none"}');
    expect(Buffer.from(payload, 'base64url').toString()).toBe('not json');
    if (key.kind !== 'private-jwk') throw new Error('a private JWK');
    const publicKey = createPublicKey(createPrivateKey({ key: key.jwk, format: 'jwk' }));
    const signed = verify('sha256', Buffer.from(`${header}.${payload}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
    expect(signed).toBe(true);
  });

  it('writes ECDSA signatures as R || S of the curve\'s size (RFC 7518 §3.4)', () => {
    const lengths = (['ES256', 'ES384', 'ES512'] as const).map((alg) => Buffer.from(signatureOver('a.b', keyFor(alg).key, alg), 'base64url').length);
    expect(lengths).toEqual([64, 96, 132]);
  });
});

describe('keyFits and the algs a key cannot compute', () => {
  it.each([
    ['HS256', { kind: 'secret', secret: 's' }, true],
    ['RS256', { kind: 'secret', secret: 's' }, false],
    ['none', { kind: 'secret', secret: 's' }, false],
    ['PS512', keyFor('RS256').key, true],
    ['ES256', keyFor('RS256').key, false],
    ['ES256', keyFor('ES256').key, true],
    ['ES384', keyFor('ES256').key, false],
    ['EdDSA', keyFor('EdDSA').key, true],
    ['HS256', keyFor('ES256').key, false],
  ] as const)('%s with %o: %s', (alg, key, fits) => {
    expect(keyFits(alg, key)).toBe(fits);
    if (!fits) expect(() => signatureOver('a.b', key, alg as never)).toThrow(RangeError);
  });

  it('algOf reads the header alg, and refuses one the key cannot compute', () => {
    const key = keyFor('ES256').key;
    expect(algOf({ header: { alg: 'ES256' }, claims: {}, key })).toBe('ES256');
    expect(() => algOf({ header: { alg: 'RS256' }, claims: {}, key })).toThrow(RangeError);
    expect(() => algOf({ header: {}, claims: {}, key })).toThrow(RangeError);
  });
});

describe('freshJwkPair', () => {
  it.each(['ES256', 'PS256', 'EdDSA'] as const)('makes a new %s key pair whose public JWK verifies what its private JWK signs', async (alg) => {
    const pair = freshJwkPair(alg);
    expect(pair.publicJwk).not.toHaveProperty('d');
    const token = signJws({ header: { alg }, claims: {}, key: { kind: 'private-jwk', jwk: pair.privateJwk } });
    await expect(compactVerify(token, await importJWK(pair.publicJwk, alg), { algorithms: [alg] })).resolves.toBeDefined();
    expect(freshJwkPair(alg).publicJwk).not.toEqual(pair.publicJwk);
  });
});
