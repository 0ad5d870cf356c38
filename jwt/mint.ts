import { webcrypto } from 'node:crypto';
import { SignJWT, type CryptoKey } from 'jose';

/** What a client needs to mint its `client_secret` JWT. */
export interface ClientSecretClaims {
  clientId: string;
  /** NumericDate, in seconds since the epoch. @see RFC 7519 §2 */
  exp: number;
  /** The client's stored secret, opaque text: its UTF-8 bytes are the HMAC key. */
  secret: string;
}

const encoder = new TextEncoder();

/** The HMAC keys of the secrets minted with lately, the oldest forgotten first beyond this many. */
const KEYS_KEPT = 1024;
const keys = new Map<string, Promise<CryptoKey>>();

/**
 * The HMAC-SHA256 key of `secret`'s UTF-8 bytes, imported once: given the bytes, jose imports
 * them at every signature, which took two thirds of a mint's time (issue 19: a run mints one
 * per request, thousands). A secret WebCrypto refuses (empty) is not kept.
 */
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (key === undefined) {
    if (keys.size >= KEYS_KEPT) keys.delete(keys.keys().next().value!);
    key = webcrypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    key.catch(() => keys.delete(secret));
    keys.set(secret, key);
  }
  return key;
}

/**
 * Mints a valid `client_secret` with jose: header exactly `{"alg":"HS256","typ":"JWT"}`,
 * payload exactly `{"client_id","exp"}` in that order, HMAC-SHA256 keyed with the UTF-8 bytes
 * of `secret` (never hex-decoded). Rejects an empty secret (WebCrypto refuses zero-length HMAC
 * keys) and a non-finite `exp` (jose).
 * @see RFC 7519 §7.1 (Creating a JWT), RFC 7518 §3.2 (HS256)
 */
export async function mintClientSecret({ clientId, exp, secret }: ClientSecretClaims): Promise<string> {
  return new SignJWT({ client_id: clientId })
    .setExpirationTime(exp)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(await hmacKey(secret));
}
