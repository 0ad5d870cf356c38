import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { makeSecret } from '../secrets.js';

/** OpenID Connect Core §9: the two ways a client authenticates with a JWT. */
export type AuthMethod = 'client_secret_jwt' | 'private_key_jwt';

/** The algs a `client_secret_jwt` client may be pinned to (RFC 7518 §3.2). */
export const hmacAlgs: readonly string[] = ['HS256', 'HS384', 'HS512'];

/** The algs a `private_key_jwt` client may be pinned to (RFC 7518 §3.3–3.5, RFC 8037), each with its key type. */
export const asymmetricAlgs: readonly string[] = [
  'ES256',
  'ES384',
  'ES512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'EdDSA',
  'Ed25519',
];

/** The alg of a client that is not pinned: HS256 for a secret, ES256 for a key (SPEC §5). */
export const defaultAlgs: Readonly<Record<AuthMethod, string>> = { client_secret_jwt: 'HS256', private_key_jwt: 'ES256' };

interface ClientBase {
  readonly id: string;
  readonly redirectUri: string;
  /** The one alg its assertions may be signed with: the pinned one, or the method's default. */
  readonly signingAlg: string;
  /** Whether it was registered with `token_endpoint_auth_signing_alg` (SPEC §5 states). */
  readonly pinned: boolean;
}

/** A `client_secret_jwt` client: its assertions are HMACs keyed with the UTF-8 bytes of its secret. */
export interface SecretJwtClient extends ClientBase {
  readonly method: 'client_secret_jwt';
  /** 32 random bytes as 64 hex characters: opaque text, the HMAC key is its UTF-8 bytes. */
  readonly secret: string;
}

/** A `private_key_jwt` client: its assertions are signed with the private key it was handed. */
export interface PrivateKeyJwtClient extends ClientBase {
  readonly method: 'private_key_jwt';
  /** The public half of the key handed out: what its assertions are verified with, and nothing else. */
  readonly publicKey: CryptoKey;
}

/** A client of profile rfc7523. */
export type Rfc7523Client = SecretJwtClient | PrivateKeyJwtClient;

/** What a registration asks for (SPEC §5, state `a registered client`). */
export interface Registration {
  readonly redirectUri: string;
  readonly method: AuthMethod;
  readonly pinnedAlg: string | undefined;
}

/** A new client, and what its registration hands out: the secret, or the private JWK. */
export interface NewClient {
  readonly client: Rfc7523Client;
  readonly credential: { readonly client_secret: string } | { readonly private_jwk: JWK };
}

/**
 * Makes a client: a secret of 32 random bytes, or a key pair for its alg whose private JWK
 * (with `kid` and `alg`) is handed out and whose public key alone is kept.
 */
export async function makeClient({ redirectUri, method, pinnedAlg }: Registration): Promise<NewClient> {
  const base = { id: randomUUID(), redirectUri, signingAlg: pinnedAlg ?? defaultAlgs[method], pinned: pinnedAlg !== undefined };
  if (method === 'client_secret_jwt') {
    const secret = makeSecret('hex');
    return { client: { ...base, method, secret }, credential: { client_secret: secret } };
  }
  const { publicKey, privateKey } = await generateKeyPair(base.signingAlg, { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid: randomBytes(8).toString('hex'), alg: base.signingAlg };
  return { client: { ...base, method, publicKey }, credential: { private_jwk: privateJwk } };
}
