import { describe, expect, it } from 'vitest';
import { decodeCompact, freshJwkPair, mintClientAssertion, publicJwkOf, signCompact, verifierFits, verifySignature, type AsymmetricAlg, type DecodedCompact, type JwsAlg, type VerificationKey } from '../../jwt/index.js';

const NOW = 1_800_000_000;

function partsOf(token: string): DecodedCompact {
  const decoded = decodeCompact(token);
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded;
}

const verifies = (token: string, alg: JwsAlg, key: VerificationKey) => {
  const { signingInput, signature } = partsOf(token);
  return verifySignature(signingInput, signature, alg, key);
};

describe('verifySignature: what jose signs, node:crypto verifies', () => {
  it.each<AsymmetricAlg>(['ES256', 'ES384', 'ES512', 'RS256', 'PS256', 'EdDSA'])('%s, with the public JWK and with the private one', async (alg) => {
    const { privateJwk } = freshJwkPair(alg);
    const token = await mintClientAssertion({ clientId: 'c', audience: 'https://as.example/token', key: { kind: 'private-jwk', jwk: privateJwk }, alg, now: NOW });
    expect(verifies(token, alg, { kind: 'jwk', jwk: publicJwkOf(privateJwk) })).toBe(true);
    expect(verifies(token, alg, { kind: 'jwk', jwk: privateJwk })).toBe(true);
    expect(verifies(token, alg, { kind: 'jwk', jwk: freshJwkPair(alg).publicJwk })).toBe(false);
    const { signingInput, signature } = partsOf(token);
    expect(verifySignature(`${signingInput}A`, signature, alg, { kind: 'jwk', jwk: privateJwk })).toBe(false);
  });

  it.each<'HS256' | 'HS384' | 'HS512'>(['HS256', 'HS384', 'HS512'])('%s keyed with the UTF-8 bytes of a secret, never its hex decoding', (alg) => {
    const secret = '0123456789abcdef0123456789abcdef';
    const token = signCompact({ alg }, { iss: 'c' }, secret, alg);
    expect(verifies(token, alg, { kind: 'secret', secret })).toBe(true);
    expect(verifies(token, alg, { kind: 'secret', secret: Buffer.from(secret, 'hex') })).toBe(false);
  });

  it('an alg that does not fit the key verifies nothing', () => {
    const { publicJwk } = freshJwkPair('ES256');
    expect(verifierFits('ES384', { kind: 'jwk', jwk: publicJwk })).toBe(false);
    expect(verifierFits('HS256', { kind: 'jwk', jwk: publicJwk })).toBe(false);
    expect(verifierFits('ES256', { kind: 'secret', secret: 's' })).toBe(false);
    const token = signCompact({ alg: 'HS256' }, {}, 's');
    expect(verifies(token, 'ES256', { kind: 'secret', secret: 's' })).toBe(false);
  });
});
