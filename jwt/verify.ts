import { createPublicKey, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { bytesOf, hmac, type HmacKey } from './compact.js';
import { decodeBase64url } from './decode.js';
import { asymmetricSchemeOf, isHmacAlg, schemeFits, schemeOptions, type JwsAlg } from './jws.js';

/**
 * The key a JWS is verified with: a shared secret (a string means its UTF-8 bytes, never a hex or
 * base64 decoding), or a JWK, public or private (a private one verifies through its public half).
 * @see RFC 7518 §3.2 (HMAC keys), RFC 7517 §4 (JWK)
 */
export type VerificationKey = { kind: 'secret'; secret: HmacKey } | { kind: 'jwk'; jwk: JWK };

/**
 * The public key of a JWK, public or private (node:crypto derives the public half of a private key).
 * @throws when the JWK is not an asymmetric key node:crypto reads (an `oct` key among them).
 */
export function publicKeyOfJwk(jwk: JWK): KeyObject {
  return createPublicKey({ key: jwk, format: 'jwk' });
}

/** Whether `alg` can be verified with `key`: HS* with a secret; for a JWK, an alg of its key type and curve. */
export function verifierFits(alg: unknown, key: VerificationKey): alg is JwsAlg {
  if (key.kind === 'secret') return isHmacAlg(alg);
  const scheme = asymmetricSchemeOf(alg);
  return scheme !== undefined && schemeFits(scheme, publicKeyOfJwk(key.jwk));
}

/**
 * Whether `signature` (base64url) is the signature or MAC of `signingInput` under `alg` with
 * `key`: an HMAC compared in constant time, or an asymmetric signature (ES* as R || S, PS* with
 * the digest's salt length). False when the alg does not fit the key. Synchronous, node:crypto.
 * @see RFC 7515 §5.2 step 8, RFC 7518 §3.2 ("constant-time"), §3.3–§3.5, RFC 8037 §3.1
 */
export function verifySignature(signingInput: string, signature: string, alg: JwsAlg, key: VerificationKey): boolean {
  const actual = decodeBase64url(signature);
  if (actual === null) return false;
  if (key.kind === 'secret') {
    if (!isHmacAlg(alg)) return false;
    const expected = Buffer.from(hmac(alg, key.secret, signingInput), 'base64url');
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
  const scheme = asymmetricSchemeOf(alg);
  const publicKey = publicKeyOfJwk(key.jwk);
  if (scheme === undefined || !schemeFits(scheme, publicKey)) return false;
  return verify(scheme.hash, bytesOf(signingInput), schemeOptions(scheme, publicKey), actual);
}
