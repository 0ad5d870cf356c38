import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type CryptoKey, type JWK, type JWTHeaderParameters } from 'jose';

/** RFC 7521 §4.2's `client_assertion_type` for a JWT (RFC 7523 §2.2). */
export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** The JWT client-authentication methods SPEC §5 tests. */
export type Method = 'client_secret_jwt' | 'private_key_jwt';

/** The answer of `a registered client` (SPEC §5's rfc7523 state table). */
export interface Client {
  readonly client_id: string;
  readonly redirect_uri: string;
  readonly client_secret?: string;
  readonly private_jwk?: JWK;
  readonly issuer: string;
  readonly token_endpoint: string;
}

/** The answer of `an authorization code`. */
export interface Code {
  readonly code: string;
  readonly code_verifier?: string;
  readonly scopes: readonly string[];
}

/** A token endpoint's answer, reduced to what the SPEC §5 table judges. */
export interface Answer {
  readonly status: number;
  readonly error: string | undefined;
  readonly body: Record<string, unknown>;
  readonly headers: Headers;
}

/** Claims to change in an assertion: a value replaces the claim, `undefined` removes it. */
export type ClaimChanges = Readonly<Record<string, unknown>>;

/** Posts one SPEC §3 state request and answers its JSON, failing on anything but a 2xx. */
export async function setUp<T>(stateUrl: string, state: string, params: Record<string, unknown>): Promise<T> {
  const response = await fetch(stateUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'setup', state, params }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`state "${state}" answered ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/**
 * A client assertion as SPEC §5 makes it (iss = sub = client_id, aud, a fresh jti, iat = now,
 * exp = now + 60), with `changes` applied, signed with the client's own key unless `key` and
 * `header` say otherwise.
 */
export async function assertion(
  client: Client,
  changes: ClaimChanges = {},
  signing: { readonly header?: Partial<JWTHeaderParameters>; readonly key?: Uint8Array | CryptoKey } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: client.client_id,
    sub: client.client_id,
    aud: client.token_endpoint,
    jti: randomUUID(),
    iat: now,
    exp: now + 60,
    ...changes,
  };
  for (const [name, value] of Object.entries(changes)) if (value === undefined) delete claims[name];
  const own = await ownKey(client);
  const header = { ...own.header, ...signing.header } as JWTHeaderParameters;
  return new SignJWT(claims).setProtectedHeader(header).sign(signing.key ?? own.key);
}

/** The client's own signing key and header: HS256 with the secret's UTF-8 bytes, or the private JWK's alg and kid. */
async function ownKey(client: Client): Promise<{ header: JWTHeaderParameters; key: Uint8Array | CryptoKey }> {
  if (client.private_jwk === undefined) return { header: { alg: 'HS256' }, key: new TextEncoder().encode(client.client_secret) };
  const { alg = 'ES256', kid } = client.private_jwk;
  return { header: { alg, ...(kid === undefined ? {} : { kid }) }, key: (await importJWK(client.private_jwk, alg)) as CryptoKey };
}

/** The form fields of a fully valid token request for `code` (SPEC §5's request). */
export function tokenFields(client: Client, code: Code, clientAssertion: string): [string, string][] {
  return [
    ['grant_type', 'authorization_code'],
    ['code', code.code],
    ['redirect_uri', client.redirect_uri],
    ...(code.code_verifier === undefined ? [] : ([['code_verifier', code.code_verifier]] as [string, string][])),
    ['client_assertion_type', JWT_BEARER],
    ['client_assertion', clientAssertion],
  ];
}

/** Form fields with `name` removed, or its value replaced. */
export function withField(fields: [string, string][], name: string, value?: string): [string, string][] {
  return value === undefined ? fields.filter(([key]) => key !== name) : fields.map(([key, old]) => [key, key === name ? value : old]);
}

/** POSTs form-encoded fields (or any other body and method) to the token endpoint. */
export async function redeem(tokenUrl: string, fields: [string, string][], init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(tokenUrl, { method: 'POST', body: new URLSearchParams(fields), ...init });
  const text = await response.text();
  const body = parseObject(text);
  return { status: response.status, error: typeof body['error'] === 'string' ? body['error'] : undefined, body, headers: response.headers };
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
