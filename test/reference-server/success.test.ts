import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { answerOf, hs256Header, referenceKit, signJws } from './kit.js';

describe('reference server: a fully valid request (SPEC §1 step 9)', () => {
  it('answers 200 with a grant and the granted scopes, not cacheable', async () => {
    const kit = referenceKit();
    const res = await kit.redeem(kit.fixture());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['pragma']).toBe('no-cache');
    expect(Object.keys(res.body).sort()).toEqual(['access_grant', 'scopes']);
    expect(res.body.access_grant).toEqual(expect.stringMatching(/.+/));
    expect(res.body.scopes).toEqual(['read', 'write']);
  });

  it('echoes the scopes the code was issued with', async () => {
    const kit = referenceKit();
    const res = await kit.redeem(kit.fixture({ scopes: ['read'] }));
    expect(res.body.scopes).toEqual(['read']);
  });

  it('accepts a JWT minted by a standard library (jose SignJWT)', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    const clientSecret = await new SignJWT({ client_id: f.clientId, exp: kit.freshExp() })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode(f.secret));
    expect(answerOf(await kit.redeem(f, { client_secret: clientSecret }))).toBe('200');
  });

  it.each([
    ['extra body fields', () => ({ grant_type: 'authorization_code', scope: 'read' })],
    ['extra JWT claims and a kid, no typ', (kit: Kit, f: F) => ({
      client_secret: signJws({ alg: 'HS256', kid: 'k1' }, { client_id: f.clientId, exp: kit.freshExp(), iat: 1, jti: 'x' }, f.secret),
    })],
    ['an exp with a fraction', (kit: Kit, f: F) => ({ client_secret: kit.jwt(f, { exp: kit.freshExp() + 0.5 }) })],
    ['an empty passphrase', () => ({ passphrase: '' })],
  ])('ignores or accepts %s (SPEC §1 edge cases)', async (_name, fields) => {
    const kit = referenceKit();
    const f = kit.fixture();
    expect(answerOf(await kit.redeem(f, fields(kit, f)))).toBe('200');
  });

  it.each(['Application/JSON; charset="UTF-8"', 'application/json ; charset=utf-8', 'application/json; charset=iso-8859-1'])(
    'accepts Content-Type: %s (RFC 9110 §8.3.1; RFC 8259 §11: a charset has no effect)',
    async (contentType) => {
      const kit = referenceKit();
      const f = kit.fixture();
      expect(answerOf(await kit.post(kit.body(f), { contentType }))).toBe('200');
    },
  );

  it('keys the HMAC with the UTF-8 text of the stored secret, never its hex decoding', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    const hexKeyed = signJws(hs256Header, { client_id: f.clientId, exp: kit.freshExp() }, Buffer.from(f.secret, 'hex'));
    expect(answerOf(await kit.redeem(f, { client_secret: hexKeyed }))).toBe('401 invalid_client');
    expect(answerOf(await kit.redeem(f))).toBe('200');
  });

  it('mints with the kit exactly as the seeds did (so these tests sign correctly)', () => {
    const token = signJws(
      hs256Header,
      { client_id: 'e45fa79a-05f5-4f00-bbfe-bd0a14aead0a', exp: 1751019553 },
      '2b4719e00623ad66c4cde8681efc59e9d40bf96cdb43d4b9cf859e27d5252102',
    );
    expect(token).toBe(
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjbGllbnRfaWQiOiJlNDVmYTc5YS0wNWY1LTRmMDAtYmJmZS1iZDBhMTRhZWFkMGEiLCJleHAiOjE3NTEwMTk1NTN9.UsHQ3A0EHWRahd4_zDf58Kjr4oLF7DsMfoIamqV6oZo',
    );
  });
});

type Kit = ReturnType<typeof referenceKit>;
type F = ReturnType<Kit['fixture']>;
