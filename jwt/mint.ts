import { SignJWT } from 'jose';
import { hmacKey } from './jose-keys.js';

/** What a client needs to mint its `client_secret` JWT. */
export interface ClientSecretClaims {
  clientId: string;
  /** NumericDate, in seconds since the epoch. @see RFC 7519 §2 */
  exp: number;
  /** The client's stored secret, opaque text: its UTF-8 bytes are the HMAC key. */
  secret: string;
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
    .sign(await hmacKey(secret, 'HS256'));
}
