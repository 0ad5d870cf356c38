import type { JWK } from 'jose';
import { isAsymmetricAlg, keyFits, privateKeyOf } from '../jwt/index.js';
import { StateFailed } from './states.js';

/** A private JWK whose private part is known to be there: what signs a `private_key_jwt` client's assertions. */
export type PrivateJwk = JWK & { readonly d: string };

/**
 * SPEC §5 `a registered client` for `private_key_jwt`: the answer's `private_jwk`, a private
 * JWK with `kid` and `alg`, checked here so that a public key, a JWK node:crypto cannot read or
 * an `alg` the key cannot compute stops the run before any case is sent (SPEC §5 bad input).
 */
export function privateJwkOf(value: unknown, state: string): PrivateJwk {
  const fail = (why: string) => new StateFailed(state, `its "private_jwk" ${why}: answer the client's private JWK, with "kid" and "alg" (SPEC §5)`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw fail('is not a JWK object');
  const jwk = value as JWK;
  if (typeof jwk.d !== 'string' || jwk.d === '') throw fail('is not a private key (it has no "d")');
  try {
    privateKeyOf(jwk);
  } catch (error) {
    throw fail(`is not a key node:crypto can read (${(error as Error).message})`);
  }
  if (typeof jwk.kid !== 'string' || jwk.kid === '') throw fail('has no "kid"');
  if (!isAsymmetricAlg(jwk.alg) || !keyFits(jwk.alg, { kind: 'private-jwk', jwk })) throw fail(`has an "alg" (${JSON.stringify(jwk.alg ?? null)}) its key cannot sign with`);
  return jwk as PrivateJwk;
}
