/**
 * What the rfc7523 reference server's tests share: a fake clock, fixtures set up through the
 * server's provider states, assertions minted with jose directly (never with the harness's
 * jwt/), and a way to post form-encoded token requests with supertest.
 */
import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type JWK, type JWTPayload, type JWTHeaderParameters } from 'jose';
import request from 'supertest';
import { createReferenceServer, type Rfc7523ServerOptions } from '../../reference-server/index.js';
import { FakeClock, tokenPath } from './kit.js';

export const jwtBearer = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** A registered client, as its state answered, and a code issued to it. */
export interface Rfc7523Fixture {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly secret?: string;
  readonly privateJwk?: JWK;
  /** The alg its assertions are signed with: the pinned one, the JWK's, or HS256. */
  readonly alg: string;
  readonly issuer: string;
  readonly tokenEndpoint: string;
  readonly code: string;
  readonly verifier?: string;
  readonly scopes: readonly string[];
}

/** What a test changes in an otherwise valid request. */
export interface RequestChanges {
  /** Claims over the valid ones; `undefined` drops one. */
  readonly claims?: Record<string, unknown>;
  /** Header parameters over `{alg, kid?}`. */
  readonly header?: Record<string, unknown>;
  /** The signing key, instead of the client's. */
  readonly key?: Uint8Array | JWK;
  /** Parameters over the valid ones; `undefined` drops one. */
  readonly params?: Record<string, string | undefined>;
  readonly headers?: Record<string, string>;
}

type Options = Partial<Omit<Rfc7523ServerOptions, 'profile'>>;

/** An rfc7523 reference server on a fake clock, and helpers to talk to it. */
export function rfc7523Kit(options: Options = {}) {
  const clock = new FakeClock();
  const server = createReferenceServer({ profile: 'rfc7523', now: clock.now, ...options });

  /** A client registered with `clientParams`, and a fresh code for it issued with `codeParams`. */
  async function fixture(clientParams: Record<string, unknown> = {}, codeParams: Record<string, unknown> = {}): Promise<Rfc7523Fixture> {
    const client = await server.setup('a registered client', clientParams);
    const privateJwk = client['private_jwk'] as JWK | undefined;
    const base = {
      clientId: String(client['client_id']),
      redirectUri: String(client['redirect_uri']),
      ...(typeof client['client_secret'] === 'string' ? { secret: client['client_secret'] } : {}),
      ...(privateJwk === undefined ? {} : { privateJwk }),
      alg: String(client['token_endpoint_auth_signing_alg'] ?? privateJwk?.alg ?? 'HS256'),
      issuer: String(client['issuer']),
      tokenEndpoint: String(client['token_endpoint']),
    };
    return { ...base, ...(await codeFor(base, codeParams)) };
  }

  /** A fresh code for the fixture's client. */
  async function codeFor(
    f: Pick<Rfc7523Fixture, 'clientId' | 'redirectUri'>,
    params: Record<string, unknown> = {},
    state = 'an authorization code',
  ): Promise<Pick<Rfc7523Fixture, 'code' | 'verifier' | 'scopes'>> {
    const issued = await server.setup(state, { client_id: f.clientId, redirect_uri: f.redirectUri, ...params });
    return {
      code: String(issued['code']),
      ...(typeof issued['code_verifier'] === 'string' ? { verifier: issued['code_verifier'] } : {}),
      scopes: issued['scopes'] as string[],
    };
  }

  /** SPEC §5's valid claims: iss = sub = client_id, aud the token endpoint, a fresh jti, a life of 60 s. */
  function validClaims(f: Rfc7523Fixture): JWTPayload {
    return { iss: f.clientId, sub: f.clientId, aud: f.tokenEndpoint, jti: randomUUID(), iat: clock.seconds, exp: clock.seconds + 60 };
  }

  /** An assertion for `f`, signed with jose, with claims, header or key changed. */
  async function assertion(f: Rfc7523Fixture, changes: Pick<RequestChanges, 'claims' | 'header' | 'key'> = {}): Promise<string> {
    const payload = withoutUndefined({ ...validClaims(f), ...changes.claims });
    const keyJwk = changes.key ?? f.privateJwk;
    const header = { alg: f.alg, ...(f.privateJwk?.kid === undefined ? {} : { kid: f.privateJwk.kid }), ...changes.header };
    const key =
      keyJwk instanceof Uint8Array ? keyJwk : keyJwk === undefined ? new TextEncoder().encode(f.secret) : await importJWK(keyJwk, String(header.alg));
    return new SignJWT(payload).setProtectedHeader(header as JWTHeaderParameters).sign(key);
  }

  /** The valid form parameters for `f` and `clientAssertion`, with parameters changed. */
  function form(f: Rfc7523Fixture, clientAssertion: string, params: Record<string, string | undefined> = {}): Record<string, string> {
    return withoutUndefined({
      grant_type: 'authorization_code',
      code: f.code,
      redirect_uri: f.redirectUri,
      code_verifier: f.verifier,
      client_assertion_type: jwtBearer,
      client_assertion: clientAssertion,
      ...params,
    }) as Record<string, string>;
  }

  /** POSTs `body` (form-encoded unless a string) to the token endpoint. */
  function post(
    body: string | Record<string, string>,
    { contentType = 'application/x-www-form-urlencoded', headers = {} }: { contentType?: string; headers?: Record<string, string> } = {},
  ) {
    return request(server.listener)
      .post(tokenPath)
      .set({ ...headers, 'Content-Type': contentType })
      .send(typeof body === 'string' ? body : new URLSearchParams(body).toString());
  }

  /** POSTs a valid request for `f`, with what `changes` says changed. */
  async function redeem(f: Rfc7523Fixture, changes: RequestChanges = {}) {
    return post(form(f, await assertion(f, changes), changes.params), { headers: changes.headers ?? {} });
  }

  return { clock, server, fixture, codeFor, validClaims, assertion, form, post, redeem };
}

export type Rfc7523Kit = ReturnType<typeof rfc7523Kit>;

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** The two methods a client registers with (SPEC §5 states). */
export const methods = [
  { token_endpoint_auth_method: 'client_secret_jwt' },
  { token_endpoint_auth_method: 'private_key_jwt' },
] as const;
