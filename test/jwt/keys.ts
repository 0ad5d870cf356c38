import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { ClientAssertionParams, SigningKey } from '../../jwt/index.js';

/** A client key made with jose (never with the toolkit under test): its private JWK and public half. */
export interface ClientKey {
  alg: 'ES256' | 'RS256' | 'PS256' | 'EdDSA';
  privateJwk: JWK;
  publicJwk: JWK;
}

async function clientKey(alg: ClientKey['alg'], kid: string): Promise<ClientKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return {
    alg,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg },
  };
}

/** One private_key_jwt client key per algorithm SPEC §5 names. */
export const CLIENT_KEYS: readonly ClientKey[] = await Promise.all([
  clientKey('ES256', 'es-1'),
  clientKey('RS256', 'rs-1'),
  clientKey('PS256', 'ps-1'),
  clientKey('EdDSA', 'ed-1'),
]);

/** The ES256 client key, the default of SPEC §5. */
export const ES256_KEY = CLIENT_KEYS[0] as ClientKey;

/** A client_secret_jwt client's secret, bcrypt-shaped: opaque text whose UTF-8 bytes are the key. */
export const CLIENT_SECRET = '$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy';

export const SECRET_KEY: SigningKey = { kind: 'secret', secret: CLIENT_SECRET };

export const CLIENT_ID = 'client-7523';
export const AUDIENCE = 'https://as.example/oauth2/token';
/** The moment the assertions are issued at, NumericDate seconds. */
export const NOW = 2_000_000_000;
/** A moment inside every assertion's life, for jose's claim checks. */
export const DURING = new Date((NOW + 30) * 1000);

/** The parameters of a valid assertion signed with `key`, with a fixed jti. */
export function assertionParams(key: SigningKey): ClientAssertionParams {
  return { clientId: CLIENT_ID, audience: AUDIENCE, key, now: NOW, jti: 'jti-fixed' };
}

export function privateKeyOf(clientKey: ClientKey): SigningKey {
  return { kind: 'private-jwk', jwk: clientKey.privateJwk };
}
