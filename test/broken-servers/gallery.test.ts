import { createHmac, createPublicKey, randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { tokenPath } from '../../reference-server/token-endpoint.js';
import type { ReferenceServerOptions, Rfc7523ServerOptions } from '../../reference-server/index.js';
import { answerOf, base64url, forgeJws, hs256Header, referenceKit, signJws, type Fixture } from '../reference-server/kit.js';
import { methods, rfc7523Kit, type RequestChanges, type Rfc7523Fixture, type Rfc7523Kit } from '../reference-server/rfc7523-kit.js';
import { catalogue } from '../../catalogue/index.js';
import { correctVariants, everyBrokenServer, GALLERY_RATE_LIMIT, type GalleryServerOptions } from './index.js';
import { listen } from '../support/servers.js';

type Kit = ReturnType<typeof referenceKit>;

/** One exchange (or a few) that a broken server answers wrongly, observed as a short string. */
interface Demonstration {
  /** `logged`: the lines the server has written to its log so far (SPEC §7). */
  observe(kit: Kit, f: Fixture, logged: readonly string[]): Promise<string>;
  /** What the broken server answers. */
  broken: string;
  /** What the reference server answers to the same. */
  reference: string;
}

const answerTo = async (pending: PromiseLike<{ status: number; body: unknown }>): Promise<string> => answerOf(await pending);
const claims = (kit: Kit, f: Fixture, extra: Record<string, unknown> = {}) => ({ client_id: f.clientId, exp: kit.freshExp(), ...extra });
const withSecret = (kit: Kit, f: Fixture, clientSecret: string) => answerTo(kit.redeem(f, { client_secret: clientSecret }));
const withFields = (fields: (kit: Kit, f: Fixture) => Record<string, unknown>) => (kit: Kit, f: Fixture) => answerTo(kit.redeem(f, fields(kit, f)));
/** `jwt` with its signature's last character changed in the two bits base64url leaves unused. */
function respelled(jwt: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return jwt.slice(0, -1) + alphabet[alphabet.indexOf(jwt.slice(-1)) ^ 1];
}
/** The code of another, freshly registered client. */
const othersCode = (kit: Kit) => kit.fixture().code;

/** A JWT used once (on a code that does not exist), then again on the fixture's own code. */
const reusedJwt: Demonstration = {
  async observe(kit, f) {
    const clientSecret = kit.jwt(f);
    await kit.redeem(f, { client_secret: clientSecret, code: 'no-such-code' });
    return withSecret(kit, f, clientSecret);
  },
  broken: '200', reference: '401 invalid_client',
};

const demonstrations: Record<string, Demonstration> = {
  'alg-none-accepted': {
    observe: (kit, f) => withSecret(kit, f, forgeJws({ alg: 'NONE', typ: 'JWT' }, claims(kit, f))),
    broken: '200', reference: '401 invalid_client',
  },
  'any-hmac-alg': {
    observe: (kit, f) => withSecret(kit, f, signJws({ alg: 'HS512', typ: 'JWT' }, claims(kit, f), f.secret, 'sha512')),
    broken: '200', reference: '401 invalid_client',
  },
  'alg-case-insensitive': {
    observe: (kit, f) => withSecret(kit, f, signJws({ alg: 'hs256', typ: 'JWT' }, claims(kit, f), f.secret)),
    broken: '200', reference: '401 invalid_client',
  },
  'signature-not-verified': {
    observe: (kit, f) => withSecret(kit, f, kit.jwt(f, {}, 'some other key')),
    broken: '200', reference: '401 invalid_client',
  },
  'signature-prefix-compared': {
    observe: (kit, f) => withSecret(kit, f, kit.jwt(f).replace(/\.[^.]+$/, '.')),
    broken: '200', reference: '401 invalid_client',
  },
  'crit-ignored': {
    // jose itself refuses unknown extensions, but implements b64 (RFC 7797).
    observe: (kit, f) => withSecret(kit, f, signJws({ alg: 'HS256', typ: 'JWT', b64: true, crit: ['b64'] }, claims(kit, f), f.secret)),
    broken: '200', reference: '401 invalid_client',
  },
  'header-urls-fetched': {
    observe: async (kit, f) => {
      let fetched = 0;
      const listener = await listen((_, res) => {
        fetched += 1;
        res.writeHead(404).end();
      });
      try {
        await withSecret(kit, f, signJws({ alg: 'HS256', typ: 'JWT', jku: `${listener.origin}/jwks` }, claims(kit, f), f.secret));
        return fetched ? 'fetched the jku' : 'left the jku alone';
      } finally {
        await listener.close();
      }
    },
    broken: 'fetched the jku', reference: 'left the jku alone',
  },
  'hex-decoded-key': {
    observe: (kit, f) => answerTo(kit.redeem(f)),
    broken: '401 invalid_client', reference: '200',
  },
  'raw-secret-accepted': {
    observe: (kit, f) => withSecret(kit, f, f.secret),
    broken: '200', reference: '401 invalid_client',
  },
  'client-id-from-body': {
    observe: (kit, f) => withSecret(kit, f, kit.jwt(f, { client_id: undefined })),
    broken: '200', reference: '401 invalid_client',
  },
  'missing-exp-never-expires': {
    observe: (kit, f) => withSecret(kit, f, kit.jwt(f, { exp: undefined })),
    broken: '200', reference: '401 invalid_client',
  },
  'exp-coerced-with-number': {
    observe: (kit, f) => withSecret(kit, f, kit.jwt(f, { exp: String(kit.freshExp()) })),
    broken: '200', reference: '401 invalid_client',
  },
  'exp-never-checked': {
    observe: (kit, f) => withSecret(kit, f, kit.jwt(f, { exp: kit.clock.seconds - 3600 })),
    broken: '200', reference: '401 client_secret_expired',
  },
  'leeway-hard-coded-60s': {
    observe: (kit, f) => withSecret(kit, f, kit.jwt(f, { exp: kit.clock.seconds - 10 })),
    broken: '200', reference: '401 client_secret_expired',
  },
  'expired-as-invalid-client': {
    observe: (kit, f) => withSecret(kit, f, kit.jwt(f, { exp: kit.clock.seconds - 10 })),
    broken: '401 invalid_client', reference: '401 client_secret_expired',
  },
  'exp-before-signature': {
    observe: (kit, f) => withSecret(kit, f, kit.jwt(f, { exp: kit.clock.seconds - 10 }, 'some other key')),
    broken: '401 client_secret_expired', reference: '401 invalid_client',
  },
  'no-max-lifetime': {
    observe: (kit, f) => withSecret(kit, f, kit.jwt(f, { exp: kit.clock.seconds + 86_400 })),
    broken: '200', reference: '401 invalid_client',
  },
  'jwt-reusable': reusedJwt,
  'storx-without-one-time-jwts': reusedJwt,
  'jwt-respelling-replayable': {
    async observe(kit, f) {
      const clientSecret = kit.jwt(f);
      await kit.redeem(f, { client_secret: clientSecret, code: 'no-such-code' });
      return withSecret(kit, f, respelled(clientSecret));
    },
    broken: '200', reference: '401 invalid_client',
  },
  'jwt-forgotten-at-exp': {
    // Both servers have a 30 s leeway; the JWT is 15 s past its exp.
    async observe(kit, f) {
      const clientSecret = kit.jwt(f, { exp: kit.clock.seconds - 15 });
      await kit.redeem(f, { client_secret: clientSecret, code: 'no-such-code' });
      return withSecret(kit, f, clientSecret);
    },
    broken: '200', reference: '401 invalid_client',
  },
  'jwt-not-utf8-read': {
    observe: (kit, f) => {
      const payload = Buffer.concat([Buffer.from(JSON.stringify(claims(kit, f)).slice(0, -1) + ',"note":"'), Buffer.from([0xff]), Buffer.from('"}')]);
      const signingInput = `${base64url(JSON.stringify(hs256Header))}.${base64url(payload)}`;
      return withSecret(kit, f, `${signingInput}.${createHmac('sha256', f.secret).update(signingInput).digest('base64url')}`);
    },
    broken: '200', reference: '401 invalid_client',
  },
  'client-id-case-insensitive': {
    // The code is bound to the exact client_id, so the bug shows as invalid_code.
    observe: withFields((kit, f) => ({ client_id: f.clientId.toUpperCase(), client_secret: kit.jwt(f) })),
    broken: '400 invalid_code', reference: '401 invalid_client',
  },
  'client-id-not-compared': {
    observe: withFields((kit) => ({ client_secret: kit.jwt(kit.fixture()) })),
    broken: '200', reference: '401 invalid_client',
  },
  'unknown-client-crashes': {
    observe: withFields((kit, f) => ({ client_secret: kit.jwt({ ...f, clientId: '00000000-0000-4000-8000-000000000000' }) })),
    broken: '500 server_error', reference: '401 invalid_client',
  },
  'code-before-client': {
    observe: withFields((kit, f) => ({ client_secret: kit.jwt(f, {}, 'some other key'), code: 'no-such-code' })),
    broken: '400 invalid_code', reference: '401 invalid_client',
  },
  'code-never-consumed': {
    async observe(kit, f) {
      await kit.redeem(f);
      return answerTo(kit.redeem(f));
    },
    broken: '200', reference: '400 invalid_code',
  },
  'code-consumed-after-await': {
    async observe(kit, f) {
      const answers = await Promise.all(Array.from({ length: 30 }, () => answerTo(kit.redeem(f))));
      return answers.filter((answer) => answer === '200').length === 1 ? 'one 200' : 'several 200';
    },
    broken: 'several 200', reference: 'one 200',
  },
  'code-not-bound-to-client': {
    observe: withFields((kit) => ({ code: othersCode(kit) })),
    broken: '200', reference: '400 invalid_code',
  },
  'code-expiry-ignored': {
    observe: withFields((kit, f) => ({
      code: kit.server.setup('an expired authorization code', { client_id: f.clientId })['code'],
    })),
    broken: '200', reference: '400 invalid_code',
  },
  'redirect-uri-prefix': {
    observe: withFields((_kit, f) => ({ redirect_uri: `${f.redirectUri}.evil.example` })),
    broken: '200', reference: '400 invalid_redirect_uri',
  },
  'redirect-uri-loose': {
    observe: withFields((_kit, f) => ({ redirect_uri: `${f.redirectUri.toUpperCase()}/` })),
    broken: '200', reference: '400 invalid_redirect_uri',
  },
  'content-type-ignored': {
    observe: (kit, f) => answerTo(kit.post(kit.body(f), { contentType: 'text/plain' })),
    broken: '200', reference: '400 invalid_request',
  },
  'content-type-compared-exactly': {
    observe: (kit, f) => answerTo(kit.post(kit.body(f), { contentType: 'application/json; charset=utf-8' })),
    broken: '400 invalid_request', reference: '200',
  },
  'malformed-json-crashes': {
    observe: (kit) => answerTo(kit.post('{"client_id": ')),
    broken: '500 server_error', reference: '400 invalid_request',
  },
  'passphrase-defaulted': {
    observe: withFields(() => ({ passphrase: undefined })),
    broken: '200', reference: '400 invalid_request',
  },
  'empty-passphrase-refused': {
    observe: withFields(() => ({ passphrase: '' })),
    broken: '400 invalid_request', reference: '200',
  },
  'last-code-only-remembered': {
    async observe(kit, f) {
      const second = kit.server.setup('an authorization code', { client_id: f.clientId, redirect_uri: f.redirectUri });
      await kit.redeem(f);
      await kit.redeem(f, { code: String(second['code']) });
      return answerTo(kit.redeem(f));
    },
    broken: '200', reference: '400 invalid_code',
  },
  'crash-on-boolean-field': {
    observe: withFields(() => ({ passphrase: true })),
    broken: '500 server_error', reference: '400 invalid_request',
  },
  'code-trimmed': {
    observe: withFields((_kit, f) => ({ code: `${f.code}\n` })),
    broken: '200', reference: '400 invalid_code',
  },
  'short-lived-jwt-refused': {
    observe: (kit, f) => withSecret(kit, f, kit.jwt(f, { exp: kit.clock.seconds + 10 })),
    broken: '401 client_secret_expired', reference: '200',
  },
  'long-field-own-error': {
    observe: withFields(() => ({ passphrase: 'x'.repeat(1001) })),
    broken: '413 request_too_large', reference: '200',
  },
  'fractional-exp-quoted': {
    async observe(kit, f) {
      const clientSecret = kit.jwt(f, { exp: kit.clock.seconds + 60.5 });
      const res = await kit.redeem(f, { client_secret: clientSecret });
      return res.text.includes(clientSecret) ? 'JWT echoed' : 'JWT kept out';
    },
    broken: 'JWT echoed', reference: 'JWT kept out',
  },
  'fields-coerced-to-string': {
    observe: withFields((_kit, f) => ({ client_id: [f.clientId] })),
    broken: '200', reference: '400 invalid_request',
  },
  'secret-echoed-in-error': {
    async observe(kit, f) {
      const clientSecret = kit.jwt(f, {}, 'some other key');
      const res = await kit.redeem(f, { client_secret: clientSecret });
      return res.text.includes(clientSecret) ? 'JWT echoed' : 'JWT kept out';
    },
    broken: 'JWT echoed', reference: 'JWT kept out',
  },
  'errors-as-text': {
    async observe(kit, f) {
      const res = await kit.redeem(f, { code: 'no-such-code' });
      return `${res.status} ${res.headers['content-type']}`;
    },
    broken: '400 text/plain', reference: '400 application/json',
  },
  'success-cacheable': {
    async observe(kit, f) {
      const res = await kit.redeem(f);
      return `${res.status} cache-control: ${res.headers['cache-control'] ?? 'none'}`;
    },
    broken: '200 cache-control: none', reference: '200 cache-control: no-store',
  },
  'cors-origin-reflected-with-credentials': {
    async observe(kit, f) {
      const res = await kit.post(kit.body(f), { headers: { ...f.headers, Origin: 'https://attacker.example' } });
      return `${res.status} allow-origin: ${res.headers['access-control-allow-origin'] ?? 'none'}, allow-credentials: ${res.headers['access-control-allow-credentials'] ?? 'none'}`;
    },
    broken: '200 allow-origin: https://attacker.example, allow-credentials: true', reference: '200 allow-origin: none, allow-credentials: none',
  },
  'cors-wildcard-with-credentials': {
    async observe(kit, f) {
      const res = await kit.post(kit.body(f), { headers: { ...f.headers, Origin: 'https://attacker.example' } });
      return `${res.status} allow-origin: ${res.headers['access-control-allow-origin'] ?? 'none'}, allow-credentials: ${res.headers['access-control-allow-credentials'] ?? 'none'}`;
    },
    broken: '200 allow-origin: *, allow-credentials: true', reference: '200 allow-origin: none, allow-credentials: none',
  },
  'requested-scopes-ignored': {
    async observe(kit) {
      const f = kit.fixture({ scopes: ['read'] });
      const res = await kit.redeem(f);
      return `${res.status} scopes ${JSON.stringify((res.body as { scopes?: unknown }).scopes)}`;
    },
    broken: '200 scopes ["read","write"]', reference: '200 scopes ["read"]',
  },
  'kid-refused': {
    observe: (kit, f) => withSecret(kit, f, signJws({ alg: 'HS256', typ: 'JWT', kid: 'key-1' }, claims(kit, f), f.secret)),
    broken: '401 invalid_client', reference: '200',
  },
  'unknown-code-as-invalid-request': {
    observe: withFields(() => ({ code: 'a-code-never-issued' })),
    broken: '400 invalid_request', reference: '400 invalid_code',
  },
  'extra-fields-refused': {
    observe: withFields(() => ({ scope: 'read' })),
    broken: '400 invalid_request', reference: '200',
  },
  'other-methods-bad-request': {
    observe: async (kit) => answerOf(await request(kit.server.listener).get(tokenPath)),
    broken: '400 invalid_request', reference: '405 method_not_allowed',
  },
  'secret-logged-on-bad-jwt': {
    async observe(kit, f, logged) {
      const answer = await withSecret(kit, f, kit.jwt(f, {}, 'some other key'));
      return `${answer}, ${logged.some((line) => line.includes(f.secret)) ? 'the stored secret logged' : 'no secret logged'}`;
    },
    broken: '401 invalid_client, the stored secret logged', reference: '401 invalid_client, no secret logged',
  },
  'empty-signature-crashes': {
    observe: (kit, f) => withSecret(kit, f, kit.jwt(f).replace(/\.[^.]+$/, '.')),
    broken: '500 server_error', reference: '401 invalid_client',
  },
  'no-rate-limit': {
    observe: async (kit, f) => answerOf(await afterBurst(kit, f)),
    broken: '400 invalid_code', reference: '429 rate_limited',
  },
  'rate-limit-spoofable': {
    observe: async (kit, f) => answerOf(await afterBurst(kit, f, { 'X-Forwarded-For': '198.18.0.1' })),
    broken: '400 invalid_code', reference: '429 rate_limited',
  },
  'rate-limit-without-retry-after': {
    observe: async (kit, f) => {
      const limited = await afterBurst(kit, f);
      return `${answerOf(limited)} ${limited.headers['retry-after'] === undefined ? 'without' : 'with'} Retry-After`;
    },
    broken: '429 rate_limited without Retry-After', reference: '429 rate_limited with Retry-After',
  },
};

/** The answer to one request more than the gallery's rate limit lets through, sent with `headers`. */
async function afterBurst(kit: Kit, f: Fixture, headers: Record<string, string> = {}) {
  for (let sent = 0; sent < GALLERY_RATE_LIMIT.burst; sent += 1) await kit.redeem(f, { code: 'x' });
  return kit.post(kit.body(f, { code: 'x' }), { headers });
}

async function demonstrate(demonstration: Demonstration, options: ReferenceServerOptions): Promise<string> {
  const logged: string[] = [];
  const kit = referenceKit({ ...options, log: (line) => logged.push(line) });
  return demonstration.observe(kit, kit.fixture(), logged);
}

// ── Profile rfc7523 (SPEC §5): the same, through the rfc7523 kit (assertions minted with jose) ──

/** One exchange (or a few) that a broken rfc7523 server answers wrongly, observed as a short string. */
interface Rfc7523Demonstration {
  /** How the fixture's client registers (SPEC §5 states): client_secret_jwt unless it says otherwise. */
  readonly client?: Readonly<Record<string, string>>;
  observe(kit: Rfc7523Kit, f: Rfc7523Fixture): Promise<string>;
  broken: string;
  reference: string;
}

/** The answer to a valid request for `f` with what `changes` says changed. */
const redeemed = async (kit: Rfc7523Kit, f: Rfc7523Fixture, changes: RequestChanges = {}): Promise<string> => answerOf(await kit.redeem(f, changes));
/** The assertion as the parameter, given as is. */
const sending = (clientAssertion: string): RequestChanges => ({ params: { client_assertion: clientAssertion } });

const rfc7523Demonstrations: Record<string, Rfc7523Demonstration> = {
  'rfc7523-alg-none-accepted': {
    observe: (kit, f) => redeemed(kit, f, sending(forgeJws({ alg: 'None' }, kit.validClaims(f)))),
    broken: '200', reference: '401 invalid_client',
  },
  'client-looked-up-by-iss': {
    observe: (kit, f) => redeemed(kit, f, { claims: { sub: undefined } }),
    broken: '200', reference: '401 invalid_client',
  },
  'audience-not-checked': {
    observe: (kit, f) => redeemed(kit, f, { claims: { aud: 'https://other-server.example/oauth2/token' } }),
    broken: '200', reference: '401 invalid_client',
  },
  'nbf-ignored': {
    observe: (kit, f) => redeemed(kit, f, { claims: { nbf: kit.clock.seconds + 30 } }),
    broken: '200', reference: '401 invalid_client',
  },
  'jti-optional': {
    observe: (kit, f) => redeemed(kit, f, { claims: { jti: undefined } }),
    broken: '200', reference: '401 invalid_client',
  },
  'jti-not-remembered': {
    // The assertion authenticates once, then comes again with a fresh code.
    async observe(kit, f) {
      const clientAssertion = await kit.assertion(f);
      await kit.post(kit.form(f, clientAssertion));
      return answerOf(await kit.post(kit.form({ ...f, ...(await kit.codeFor(f)) }, clientAssertion)));
    },
    broken: '200', reference: '401 invalid_client',
  },
  'assertions-remembered-by-signature': {
    // A new assertion (exp a second later) with the jti of one that authenticated.
    async observe(kit, f) {
      const claims = kit.validClaims(f);
      await kit.post(kit.form(f, await kit.assertion(f, { claims })));
      const sameJti = await kit.assertion(f, { claims: { ...claims, exp: Number(claims.exp) + 1 } });
      return answerOf(await kit.post(kit.form({ ...f, ...(await kit.codeFor(f)) }, sameJti)));
    },
    broken: '200', reference: '401 invalid_client',
  },
  'assertion-type-ignored': {
    observe: (kit, f) => redeemed(kit, f, { params: { client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer' } }),
    broken: '200', reference: '401 invalid_client',
  },
  'public-key-as-hmac-secret': {
    client: methods[1],
    observe: (kit, f) => {
      const { d: _d, ...publicJwk } = f.privateJwk ?? {};
      const pem = createPublicKey({ key: publicJwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
      return redeemed(kit, f, { header: { alg: 'HS256' }, key: new TextEncoder().encode(pem) });
    },
    broken: '200', reference: '401 invalid_client',
  },
  'embedded-jwk-trusted': {
    client: methods[1],
    async observe(kit, f) {
      const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
      return redeemed(kit, f, { header: { jwk: await exportJWK(publicKey) }, key: await exportJWK(privateKey) });
    },
    broken: '200', reference: '401 invalid_client',
  },
  'basic-credentials-ignored': {
    observe: (kit, f) => redeemed(kit, f, { headers: { Authorization: `Basic ${Buffer.from(`${f.clientId}:${f.secret}`).toString('base64')}` } }),
    broken: '200', reference: '400 invalid_request',
  },
  // ── PKCE and the grant ──
  'code-verifier-optional': {
    observe: (kit, f) => redeemed(kit, f, { params: { code_verifier: undefined } }),
    broken: '200', reference: '400 invalid_grant',
  },
  'pkce-downgrade-accepted': {
    // A well-formed verifier (RFC 7636 §4.1) for a code issued with code_challenge_method "none".
    observe: async (kit, f) => redeemed(kit, { ...f, ...(await kit.codeFor(f, { code_challenge_method: 'none' })) }, { params: { code_verifier: randomBytes(32).toString('base64url') } }),
    broken: '200', reference: '400 invalid_grant',
  },
  'reuse-revokes-nothing': {
    // The code redeemed twice, then the first grant's token asked after (SPEC §5 state "an access token's status").
    async observe(kit, f) {
      const first = await kit.redeem(f);
      await kit.redeem(f);
      const status = await kit.server.setup("an access token's status", { access_token: String((first.body as { access_token: string }).access_token) });
      return `active: ${String(status['active'])}`;
    },
    broken: 'active: true', reference: 'active: false',
  },
  'repeated-parameter-first-value': {
    // The valid code, then an unknown one.
    async observe(kit, f) {
      const params = new URLSearchParams(kit.form(f, await kit.assertion(f)));
      params.append('code', 'no-such-code');
      return answerOf(await kit.post(params.toString()));
    },
    broken: '200', reference: '400 invalid_request',
  },
  'grant-type-defaulted': {
    observe: (kit, f) => redeemed(kit, f, { params: { grant_type: undefined } }),
    broken: '200', reference: '400 invalid_request',
  },
};

async function demonstrateRfc7523(demonstration: Rfc7523Demonstration, { profile: _profile, ...options }: Rfc7523ServerOptions): Promise<string> {
  const kit = rfc7523Kit(options);
  return demonstration.observe(kit, await kit.fixture(demonstration.client ?? methods[0]));
}

/** What `demonstration` observes of the server `options` describe, by its profile's kit. */
function observed(name: string, options: GalleryServerOptions): Promise<string> {
  if (options.profile === 'rfc7523') {
    const demonstration = rfc7523Demonstrations[name];
    if (demonstration === undefined) throw new Error(`no rfc7523 demonstration for ${name}`);
    return demonstrateRfc7523(demonstration, options);
  }
  const demonstration = demonstrations[name];
  if (demonstration === undefined) throw new Error(`no demonstration for ${name}`);
  return demonstrate(demonstration, options);
}

/** What the broken server `name` answers, then what the server without its bug answers. */
function expectedOf(name: string): { broken: string; reference: string } {
  const demonstration = rfc7523Demonstrations[name] ?? demonstrations[name];
  if (demonstration === undefined) throw new Error(`no demonstration for ${name}`);
  return demonstration;
}

describe('the gallery of broken servers', () => {
  it('has unique names, and at least 12 entries, each naming a requirement ID', () => {
    expect(new Set(everyBrokenServer.map(({ name }) => name)).size).toBe(everyBrokenServer.length);
    expect(everyBrokenServer.length).toBeGreaterThanOrEqual(12);
    for (const { catches, alsoFails = [] } of everyBrokenServer) {
      for (const id of [catches, ...alsoFails]) expect(id).toMatch(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/);
    }
  });

  it("has a broken server for every requirement of the catalogue (CONTRACT-PACT's are in test/contract/verify-pact.test.ts)", () => {
    const caught = new Set(everyBrokenServer.map(({ catches }) => catches));
    expect(catalogue.filter(({ id }) => id !== 'CONTRACT-PACT' && !caught.has(id)).map(({ id }) => id)).toEqual([]);
  });

  it('has a demonstration for every broken server and for nothing else, in the kit of its profile', () => {
    const ofProfile = (profile: 'storx' | 'rfc7523') => everyBrokenServer.filter(({ options }) => (options.profile ?? 'storx') === profile).map(({ name }) => name).sort();
    expect(Object.keys(demonstrations).sort()).toEqual(ofProfile('storx'));
    expect(Object.keys(rfc7523Demonstrations).sort()).toEqual(ofProfile('rfc7523'));
  });

  it.each(everyBrokenServer)('$name: $bug', async ({ name, options, fixedBy }) => {
    const { broken, reference } = expectedOf(name);
    expect(await observed(name, options)).toBe(broken);
    const { faults: _bug, ...settings } = options;
    expect(await observed(name, fixedBy ?? settings)).toBe(reference);
  });

  it.each(correctVariants)('correct variant $name answers a fully valid request with 200', async ({ options }) => {
    if (options.profile === 'rfc7523') {
      const { profile: _profile, ...settings } = options;
      const kit = rfc7523Kit(settings);
      for (const client of methods) expect(answerOf(await kit.redeem(await kit.fixture(client))), client.token_endpoint_auth_method).toBe('200');
      return;
    }
    const kit = referenceKit(options);
    const f = kit.fixture();
    expect(answerOf(await kit.redeem(f))).toBe('200');
  });
});
