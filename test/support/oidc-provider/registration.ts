import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/** The endpoints of the provider's discovery document (RFC 8414 §2) the adapter uses. */
export interface Discovery {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly registration_endpoint: string;
  readonly introspection_endpoint: string;
}

/** The JWT client-authentication methods of OpenID Connect Core §9 that SPEC §5 tests. */
export type JwtAuthMethod = 'client_secret_jwt' | 'private_key_jwt';

/** What `a registered client` may ask for (SPEC §5's rfc7523 state table). */
export interface ClientRequest {
  readonly redirectUri: string;
  readonly method: JwtAuthMethod;
  readonly signingAlg?: string;
}

/** A client the provider registered, and what its teardown needs (RFC 7592 §2). */
export interface RegisteredClient {
  /** The state answer of `a registered client`. */
  readonly answer: Record<string, unknown>;
  readonly registrationClientUri: string;
  readonly registrationAccessToken: string;
}

/** The key `private_key_jwt` clients sign with when no alg is pinned (SPEC §5: ES256 by default). */
const DEFAULT_ASYMMETRIC_ALG = 'ES256';

/** Fetches the provider's discovery document (OpenID Connect Discovery §4). */
export async function discover(issuer: string): Promise<Discovery> {
  const response = await fetch(new URL('/.well-known/openid-configuration', issuer));
  if (!response.ok) throw new Error(`discovery answered ${response.status}`);
  return (await response.json()) as Discovery;
}

/**
 * Registers a client through the provider's own registration endpoint (RFC 7591 §3.1): for
 * `private_key_jwt` with the public half of a fresh key pair as its `jwks`, the private JWK
 * (with `kid` and `alg`) going to the answer; for `client_secret_jwt`, the issued secret.
 */
export async function registerClient(discovery: Discovery, request: ClientRequest): Promise<RegisteredClient> {
  const key = request.method === 'private_key_jwt' ? await newSigningKey(request.signingAlg ?? DEFAULT_ASYMMETRIC_ALG) : undefined;
  const metadata = {
    redirect_uris: [request.redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: request.method,
    ...(request.signingAlg === undefined ? {} : { token_endpoint_auth_signing_alg: request.signingAlg }),
    ...(key === undefined ? {} : { jwks: { keys: [key.publicJwk] } }),
  };
  const response = await fetch(discovery.registration_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(metadata),
  });
  const registered = (await response.json()) as Record<string, unknown>;
  if (response.status !== 201) throw new Error(`registration answered ${response.status} ${JSON.stringify(registered)}`);
  return {
    answer: {
      client_id: registered['client_id'],
      redirect_uri: request.redirectUri,
      ...(key === undefined ? { client_secret: registered['client_secret'] } : { private_jwk: key.privateJwk }),
      ...(request.signingAlg === undefined ? {} : { token_endpoint_auth_signing_alg: request.signingAlg }),
      issuer: discovery.issuer,
      token_endpoint: discovery.token_endpoint,
    },
    registrationClientUri: String(registered['registration_client_uri']),
    registrationAccessToken: String(registered['registration_access_token']),
  };
}

/** Deletes a registered client (RFC 7592 §2.3: 204 on success). */
export async function deleteClient(client: RegisteredClient): Promise<void> {
  const response = await fetch(client.registrationClientUri, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${client.registrationAccessToken}` },
  });
  if (response.status !== 204) throw new Error(`client deletion answered ${response.status}`);
}

/** A fresh asymmetric key pair for `alg`, both halves as JWKs naming the same `kid` and `alg`. */
async function newSigningKey(alg: string): Promise<{ publicJwk: JWK; privateJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const kid = randomUUID();
  return {
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' },
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg },
  };
}
