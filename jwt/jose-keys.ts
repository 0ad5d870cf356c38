import { webcrypto } from 'node:crypto';
import { importJWK, type CryptoKey, type JWK } from 'jose';
import type { HmacAlg } from './compact.js';

/**
 * Keys as jose signs with them, each imported once (issue 19): given a secret's bytes or a
 * JWK, jose imports it again at every signature, two thirds of a mint's time, and a run signs
 * one JWT per request, thousands, with a few hundred keys. A key WebCrypto refuses (an empty
 * secret) is not kept.
 */

/** The HMAC keys of the secrets signed with lately, by alg and secret, the oldest forgotten first beyond this many. */
const HMAC_KEYS_KEPT = 1024;
const hmacKeys = new Map<string, Promise<CryptoKey>>();

/** Each private JWK imported, by the JWK object (a client's key is one object for the run) and alg. */
const privateKeys = new WeakMap<JWK, Map<string, Promise<CryptoKey | Uint8Array>>>();

/** The key `name` names in `cache`, imported on the first ask; a failed import is forgotten, and its error reaches the caller. */
function kept<K extends CryptoKey | Uint8Array>(cache: Map<string, Promise<K>>, name: string, importKey: () => Promise<K>): Promise<K> {
  let key = cache.get(name);
  if (key === undefined) {
    key = importKey();
    key.catch(() => cache.delete(name));
    cache.set(name, key);
  }
  return key;
}

/** The HMAC key of `secret`'s UTF-8 bytes (never a hex or base64 decoding) for `alg`. @see RFC 7518 §3.2 */
export function hmacKey(secret: string, alg: HmacAlg): Promise<CryptoKey> {
  const name = `${alg}:${secret}`;
  if (!hmacKeys.has(name) && hmacKeys.size >= HMAC_KEYS_KEPT) hmacKeys.delete(hmacKeys.keys().next().value!);
  const hash = `SHA-${alg.slice(2)}`;
  return kept(hmacKeys, name, () => webcrypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash }, false, ['sign']));
}

/** A private JWK imported by jose for `alg`. */
export function privateJoseKey(jwk: JWK, alg: string): Promise<CryptoKey | Uint8Array> {
  const byAlg = privateKeys.get(jwk) ?? new Map<string, Promise<CryptoKey | Uint8Array>>();
  privateKeys.set(jwk, byAlg);
  return kept(byAlg, alg, () => importJWK(jwk, alg));
}
