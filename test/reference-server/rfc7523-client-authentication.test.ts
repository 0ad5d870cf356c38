import { exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { answerOf, base64url, forgeJws, signJws } from './kit.js';
import { methods, rfc7523Kit, type RequestChanges, type Rfc7523Fixture, type Rfc7523Kit } from './rfc7523-kit.js';

/** Builds what a case changes in a valid request; each is answered `401 invalid_client`. */
type AuthCase = readonly [name: string, changes: (kit: Rfc7523Kit, f: Rfc7523Fixture) => RequestChanges | Promise<RequestChanges>];

/** Expects every case to be refused as `invalid_client`, for a client registered with `client`. */
function refusesEach(cases: readonly AuthCase[], client: Record<string, string> = {}): void {
  it.each(cases)('%s: 401 invalid_client', async (_name, changes) => {
    const kit = rfc7523Kit();
    const f = await kit.fixture(client);
    const res = await kit.redeem(f, await changes(kit, f));
    expect(answerOf(res)).toBe('401 invalid_client');
    expect(res.headers['content-type']).toBe('application/json');
    // The refusal took nothing: the code is still good.
    expect(answerOf(await kit.redeem(f))).toBe('200');
  });
}

/** The assertion as the parameter, given as is. */
const sending = (assertion: string): RequestChanges => ({ params: { client_assertion: assertion } });

describe('reference server, profile rfc7523: client authentication is invalid_client (RFC 7523 §3, RFC 7521 §4.2)', () => {
  describe('client_assertion_type and client_assertion (RFC 7521 §4.2)', () => {
    refusesEach([
      ['client_assertion_type missing', () => ({ params: { client_assertion_type: undefined } })],
      ['client_assertion_type another URN', () => ({ params: { client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer' } })],
      ['client_assertion missing', () => ({ params: { client_assertion: undefined } })],
    ]);
  });

  describe('not a JWS (AUTH-MALFORMED-JWT)', () => {
    refusesEach([
      ['the client secret itself', (_kit, f) => sending(String(f.secret))],
      ['random text', () => sending('not a jwt at all')],
      ['two segments', async (kit, f) => sending((await kit.assertion(f)).split('.').slice(0, 2).join('.'))],
      ['four segments', async (kit, f) => sending(`${await kit.assertion(f)}.x`)],
      ['padded base64url', async (kit, f) => sending((await kit.assertion(f)).replace('.', '=.'))],
      ['a header that is not JSON', () => sending(`${base64url('{alg')}.${base64url('{}')}.sig`)],
    ]);
  });

  describe('signature and alg (AUTH-WRONG-KEY, AUTH-ALG-NONE, AUTH-ALG-OTHER, AUTH-SIG-TAMPERED)', () => {
    refusesEach([
      ['signed with another secret', () => ({ key: new TextEncoder().encode('f'.repeat(64)) })],
      ...['none', 'None', 'NONE'].map((alg): AuthCase => ['alg ' + alg, (kit, f) => sending(forgeJws({ alg }, kit.validClaims(f)))]),
      ['HS384 with the secret, the client unpinned', () => ({ header: { alg: 'HS384' } })],
      ['payload changed after signing', async (kit, f) => {
        const [header, , signature] = (await kit.assertion(f)).split('.');
        return sending(`${header}.${base64url(JSON.stringify({ ...kit.validClaims(f), sub: f.clientId }))}.${signature}`);
      }],
      ['signature stripped', async (kit, f) => sending((await kit.assertion(f)).replace(/[^.]+$/, ''))],
    ]);
    refusesEach([['HS256 for a client pinned to HS512', () => ({ header: { alg: 'HS256' } })]], {
      token_endpoint_auth_signing_alg: 'HS512',
    });
    refusesEach(
      [
        ['ES384 for a client pinned to ES256', async () => ({ header: { alg: 'ES384' }, key: await exportJWK((await generateKeyPair('ES384', { extractable: true })).privateKey) })],
        ['signed with another ES256 key', async () => ({ key: await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey) })],
      ],
      { token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'ES256' },
    );
  });

  describe('alg confusion, for a private_key_jwt client (RFC7523-ALG-CONFUSION; RFC 8725 §2.1, §3.1)', () => {
    const publicJwkOf = (f: Rfc7523Fixture) => {
      const { d: _d, ...publicJwk } = f.privateJwk ?? {};
      return publicJwk;
    };
    refusesEach(
      [
        ['HS256 keyed with its public JWK as JSON', (_kit, f) => ({ header: { alg: 'HS256' }, key: new TextEncoder().encode(JSON.stringify(publicJwkOf(f))) })],
        ['HS256 keyed with its public key x coordinate', (_kit, f) => ({ header: { alg: 'HS256' }, key: Buffer.from(String(publicJwkOf(f).x), 'base64url') })],
        ['signed with a key it embeds in a jwk header', async () => {
          const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
          return { header: { jwk: await exportJWK(publicKey) }, key: await exportJWK(privateKey) };
        }],
      ],
      { token_endpoint_auth_method: 'private_key_jwt' },
    );
  });

  describe('crit (AUTH-HEADER-CRIT; RFC 7515 §4.1.11)', () => {
    refusesEach([
      // jose will not sign with an extension it does not know: HMAC by node:crypto (kit.ts).
      ['crit naming an unknown extension', (kit, f) =>
        sending(signJws({ alg: 'HS256', crit: ['urn:example:x'], 'urn:example:x': 1 }, kit.validClaims(f), String(f.secret)))],
      ['crit naming b64, which jose alone would accept', () => ({ header: { crit: ['b64'], b64: true } })],
    ]);
  });

  describe('iss and sub (RFC7523-ISS-SUB; RFC 7523 §3 items 1, 2.B)', () => {
    refusesEach([
      ['iss missing', () => ({ claims: { iss: undefined } })],
      ['sub missing', () => ({ claims: { sub: undefined } })],
      ['iss another client', (_kit, f) => ({ claims: { iss: `${f.clientId}x` } })],
      ['iss and sub both never registered (AUTH-UNREGISTERED)', () => ({ claims: { iss: 'c0ffee', sub: 'c0ffee' } })],
      ['sub a number', () => ({ claims: { sub: 7, iss: 7 } })],
    ]);

    it('refuses iss = sub = another registered client, the assertion signed with this one\'s secret', async () => {
      const kit = rfc7523Kit();
      const f = await kit.fixture();
      const other = await kit.fixture();
      const res = await kit.redeem(f, { claims: { iss: other.clientId, sub: other.clientId } });
      expect(answerOf(res)).toBe('401 invalid_client');
    });
  });

  describe('client_id beside the assertion (AUTH-CLIENT-ID-MISMATCH)', () => {
    refusesEach([
      ['client_id another registered-looking id', () => ({ params: { client_id: '00000000-0000-4000-8000-000000000000' } })],
      ['client_id a prefix of sub', (_kit, f) => ({ params: { client_id: f.clientId.slice(0, -1) } })],
    ]);
  });

  describe('aud (RFC7523-AUD; RFC 7523 §3 item 3)', () => {
    refusesEach([
      ['aud missing', () => ({ claims: { aud: undefined } })],
      ['aud empty', () => ({ claims: { aud: '' } })],
      ['aud an empty array', () => ({ claims: { aud: [] } })],
      ['aud another server\'s token endpoint', () => ({ claims: { aud: 'https://other.example/api/v0/oauth2/token' } })],
      ['aud an array without this server', () => ({ claims: { aud: ['https://other.example', 'https://third.example'] } })],
      ['aud the token endpoint with a trailing slash', (_kit, f) => ({ claims: { aud: `${f.tokenEndpoint}/` } })],
      ['aud an array with a number beside this server', (_kit, f) => ({ claims: { aud: [f.tokenEndpoint, 1] } })],
    ]);
  });

  describe('exp (AUTH-EXP-MISSING, AUTH-EXP-INVALID, AUTH-EXP-PAST, AUTH-EXP-TOO-FAR; RFC 7523 §3 item 4)', () => {
    refusesEach([
      ['exp missing', () => ({ claims: { exp: undefined } })],
      ...['"soon"', null, true, {}].map((exp): AuthCase => [`exp ${JSON.stringify(exp)}`, () => ({ claims: { exp } })]),
      ['exp just past', (kit) => ({ claims: { exp: kit.clock.seconds - 2 } })],
      ['exp long past', (kit) => ({ claims: { exp: kit.clock.seconds - 86_400 } })],
      ['exp beyond the maximum lifetime (300 s)', (kit) => ({ claims: { exp: kit.clock.seconds + 303 } })],
    ]);

    it('refuses an exp past the leeway, and one beyond the maximum lifetime plus leeway (leewaySeconds 30, maxLifetimeSeconds 120)', async () => {
      const kit = rfc7523Kit({ leewaySeconds: 30, maxLifetimeSeconds: 120 });
      const f = await kit.fixture();
      const now = kit.clock.seconds;
      expect(answerOf(await kit.redeem(f, { claims: { exp: now - 32 } }))).toBe('401 invalid_client');
      expect(answerOf(await kit.redeem(f, { claims: { exp: now + 152 } }))).toBe('401 invalid_client');
      expect(answerOf(await kit.redeem(f, { claims: { exp: now + 148 } }))).toBe('200');
    });
  });

  describe('nbf (RFC7523-NBF; RFC 7523 §3 item 5)', () => {
    refusesEach([
      ['nbf 2 s ahead', (kit) => ({ claims: { nbf: kit.clock.seconds + 2 } })],
      ['nbf a string', () => ({ claims: { nbf: 'now' } })],
    ]);
  });

  describe('jti (RFC7523-JTI-MISSING, RFC7523-JTI-REPLAY; OIDC Core §9, RFC 7523 §3 item 7)', () => {
    refusesEach([
      ['jti missing', () => ({ claims: { jti: undefined } })],
      ['jti empty', () => ({ claims: { jti: '' } })],
      ['jti a number', () => ({ claims: { jti: 7 } })],
    ]);

    it.each(methods)('refuses the same assertion, and another with the same jti, with a fresh code ($token_endpoint_auth_method)', async (method) => {
      const kit = rfc7523Kit();
      const f = await kit.fixture(method);
      const assertion = await kit.assertion(f, { claims: { jti: 'once' } });
      expect(answerOf(await kit.post(kit.form(f, assertion)))).toBe('200');
      const second = { ...f, ...(await kit.codeFor(f)) };
      expect(answerOf(await kit.post(kit.form(second, assertion)))).toBe('401 invalid_client');
      expect(answerOf(await kit.redeem(second, { claims: { jti: 'once', exp: kit.clock.seconds + 90 } }))).toBe('401 invalid_client');
      expect(answerOf(await kit.redeem(second))).toBe('200');
    });

    it('keeps a jti per client: another client may use the same one', async () => {
      const kit = rfc7523Kit();
      const [f, g] = [await kit.fixture(), await kit.fixture()];
      expect(answerOf(await kit.redeem(f, { claims: { jti: 'shared' } }))).toBe('200');
      expect(answerOf(await kit.redeem(g, { claims: { jti: 'shared' } }))).toBe('200');
    });

    it('forgets a jti once its assertion has expired, and counts the ones it keeps', async () => {
      const kit = rfc7523Kit();
      const f = await kit.fixture();
      expect(answerOf(await kit.redeem(f, { claims: { jti: 'later' } }))).toBe('200');
      expect(kit.server.counts().used_jwts).toBe(1);
      kit.clock.advance(61);
      expect(kit.server.counts().used_jwts).toBe(0);
    });
  });

  it('answers a used-jti ledger at its bound 429 with Retry-After, never forgetting one early (maxUsedJwts 1)', async () => {
    const kit = rfc7523Kit({ maxUsedJwts: 1 });
    const f = await kit.fixture();
    expect(answerOf(await kit.redeem(f))).toBe('200');
    const second = { ...f, ...(await kit.codeFor(f)) };
    const busy = await kit.redeem(second);
    expect(busy.status).toBe(429);
    expect(busy.headers['retry-after']).toBe('60');
  });

  it('hands out a private ES256 JWK with kid and alg, and verifies by the client, not by the kid (another kid still passes)', async () => {
    const kit = rfc7523Kit();
    const f = await kit.fixture({ token_endpoint_auth_method: 'private_key_jwt' });
    expect(f.privateJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: expect.any(String), d: expect.any(String) });
    const assertion = await new SignJWT(kit.validClaims(f)).setProtectedHeader({ alg: 'ES256', kid: 'another' }).sign(
      await importJWK(f.privateJwk ?? {}, 'ES256'),
    );
    expect(answerOf(await kit.post(kit.form(f, assertion)))).toBe('200');
  });
});
