import { generateKeyPairSync, type KeyPairKeyObjectResult } from 'node:crypto';
import type { JWK } from 'jose';
import type { AsymmetricAlg } from './jws.js';

/**
 * The members that hold private key material: EC and OKP `d`, RSA `d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`.
 * @see RFC 7518 §6.2.2, §6.3.2, RFC 8037 §2
 */
const PRIVATE_MEMBERS: readonly string[] = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];

/**
 * The public JWK of a private one: its members in their order, without the private key material
 * and without `key_ops` (which names the private key's operations, `sign`, not the public key's).
 * @throws RangeError for a symmetric (`oct`) JWK, which has no public half.
 * @see RFC 7517 §4.3 (key_ops), RFC 7518 §6 (the members of each key type)
 */
export function publicJwkOf(privateJwk: JWK): JWK {
  if (privateJwk.kty === 'oct') throw new RangeError('publicJwkOf needs an asymmetric JWK; an "oct" key has no public half');
  return Object.fromEntries(
    Object.entries(privateJwk).filter(([member]) => member !== 'key_ops' && !PRIVATE_MEMBERS.includes(member)),
  ) as JWK;
}

/** A key pair, both halves as JWKs. */
export interface JwkPair {
  privateJwk: JWK;
  publicJwk: JWK;
}

const rsa = (): KeyPairKeyObjectResult => generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = (namedCurve: string) => (): KeyPairKeyObjectResult => generateKeyPairSync('ec', { namedCurve });

/** How to generate a key pair that each algorithm signs with. */
const GENERATE: Record<AsymmetricAlg, () => KeyPairKeyObjectResult> = {
  RS256: rsa,
  RS384: rsa,
  RS512: rsa,
  PS256: rsa,
  PS384: rsa,
  PS512: rsa,
  ES256: ec('P-256'),
  ES384: ec('P-384'),
  ES512: ec('P-521'),
  EdDSA: () => generateKeyPairSync('ed25519'),
};

/**
 * A fresh, random key pair for `alg`, as JWKs with only their key members (no `kid`, no `alg`):
 * an attacker's own key, say. RSA keys have 2048-bit moduli.
 * @see RFC 7518 §3.3 (RSA keys of 2048 bits or larger), RFC 8037 §2 (Ed25519)
 */
export function freshJwkPair(alg: AsymmetricAlg): JwkPair {
  const { privateKey, publicKey } = GENERATE[alg]();
  return { privateJwk: privateKey.export({ format: 'jwk' }) as JWK, publicJwk: publicKey.export({ format: 'jwk' }) as JWK };
}
