/**
 * What the reference server's tests share: a fake clock, a JWT minter built on node:crypto
 * (independent of both jose, which the server uses, and the harness's jwt/), fixtures set up
 * through the server's provider states, and a way to post token requests with supertest.
 */
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { createReferenceServer, type ReferenceServerOptions } from '../../reference-server/index.js';

export const tokenPath = '/api/v0/oauth2/token';

/** A clock that moves only when told to. Starts on the seeds' date. */
export class FakeClock {
  ms = Date.UTC(2025, 5, 27, 10, 0, 0);
  readonly now = (): number => this.ms;
  get seconds(): number {
    return Math.floor(this.ms / 1000);
  }
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

export function base64url(value: string | Uint8Array): string {
  return Buffer.from(value).toString('base64url');
}

/** A compact JWS from a header and a payload, with the signature given as is. */
export function forgeJws(header: object, payload: object, signature = ''): string {
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}.${signature}`;
}

/** An HMAC-signed compact JWS; the key is the UTF-8 bytes of a string, or raw bytes. */
export function signJws(
  header: object,
  payload: object,
  key: string | Uint8Array,
  hash: 'sha256' | 'sha384' | 'sha512' = 'sha256',
): string {
  const signingInput = forgeJws(header, payload).slice(0, -1);
  return `${signingInput}.${createHmac(hash, key).update(signingInput).digest('base64url')}`;
}

export const hs256Header = { alg: 'HS256', typ: 'JWT' } as const;

export interface Fixture {
  readonly clientId: string;
  readonly secret: string;
  readonly redirectUri: string;
  readonly code: string;
  /** The headers SPEC §3 hands out with the code (the session cookie, when bound). */
  readonly headers: Readonly<Record<string, string>>;
}

/** `"<status> <error>"`, or just the status when there is no error: the shape of a verdict. */
export function answerOf(res: { status: number; body: unknown }): string {
  const error = (res.body as { error?: unknown } | undefined)?.error;
  return typeof error === 'string' ? `${res.status} ${error}` : String(res.status);
}

/** A reference server on a fake clock, and helpers to talk to it. */
export function referenceKit(options: ReferenceServerOptions = {}) {
  const clock = new FakeClock();
  const server = createReferenceServer({ now: clock.now, ...options });
  let mints = 0;

  /** A client, and a fresh code issued to it for its redirect URI. */
  function fixture(codeParams: Record<string, unknown> = {}): Fixture {
    const client = server.setup('a registered client');
    const clientId = String(client['client_id']);
    const redirectUri = String(client['redirect_uri']);
    const issued = server.setup('an authorization code', { client_id: clientId, redirect_uri: redirectUri, ...codeParams });
    return {
      clientId,
      secret: String(client['client_secret']),
      redirectUri,
      code: String(issued['code']),
      headers: (issued['headers'] ?? {}) as Record<string, string>,
    };
  }

  /** A fresh exp: two minutes ahead, plus a counter so that no two JWTs are identical. */
  function freshExp(): number {
    mints += 1;
    return clock.seconds + 120 + (mints % 100);
  }

  /** A valid client_secret JWT for `f`, with claims overridden (`undefined` drops one). */
  function jwt(f: Fixture, claims: Record<string, unknown> = {}, key: string | Uint8Array = f.secret): string {
    return signJws(hs256Header, { client_id: f.clientId, exp: freshExp(), ...claims }, key);
  }

  /** A fully valid token request body for `f`, with fields overridden. */
  function body(f: Fixture, fields: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      client_id: f.clientId,
      client_secret: jwt(f),
      redirect_uri: f.redirectUri,
      code: f.code,
      passphrase: 'correct horse battery staple',
      ...fields,
    };
  }

  /** POSTs `payload` (JSON-encoded unless a string) to the token endpoint. */
  function post(
    payload: unknown,
    { contentType = 'application/json', headers = {} }: { contentType?: string; headers?: Readonly<Record<string, string>> } = {},
  ) {
    return request(server.listener)
      .post(tokenPath)
      .set({ ...headers, 'Content-Type': contentType })
      .send(typeof payload === 'string' ? payload : JSON.stringify(payload));
  }

  /** POSTs a valid request for `f` with fields overridden, sending the code's headers. */
  function redeem(f: Fixture, fields: Record<string, unknown> = {}) {
    return post(body(f, fields), { headers: f.headers });
  }

  return { clock, server, fixture, freshExp, jwt, body, post, redeem };
}
