import { describe, expect, it } from 'vitest';
import { answerOf } from './kit.js';
import { methods, rfc7523Kit, type Rfc7523Fixture, type Rfc7523Kit } from './rfc7523-kit.js';

/** An access token's status, through the state SPEC §5 names. */
async function isActive(kit: Rfc7523Kit, accessToken: string): Promise<unknown> {
  return (await kit.server.setup("an access token's status", { access_token: accessToken }))['active'];
}

describe('reference server, profile rfc7523: the code is invalid_grant (RFC 6749 §4.1.3, RFC 7636 §4.6)', () => {
  it.each(methods)('refuses an unknown, a reused, another client\'s and an expired code ($token_endpoint_auth_method)', async (method) => {
    const kit = rfc7523Kit();
    const f = await kit.fixture(method);
    const other = await kit.fixture(method);
    const expired = { ...f, ...(await kit.codeFor(f, {}, 'an expired authorization code')) };
    expect(answerOf(await kit.redeem(f, { params: { code: 'never-issued' } }))).toBe('400 invalid_grant');
    expect(answerOf(await kit.redeem({ ...f, code: other.code, verifier: other.verifier }))).toBe('400 invalid_grant');
    expect(answerOf(await kit.redeem(expired))).toBe('400 invalid_grant');
    expect(answerOf(await kit.redeem(f))).toBe('200');
    expect(answerOf(await kit.redeem(f))).toBe('400 invalid_grant');
    expect(answerOf(await kit.redeem(other))).toBe('200');
  });

  it('refuses a code once its codeTtlSeconds have passed', async () => {
    const kit = rfc7523Kit({ codeTtlSeconds: 60 });
    const f = await kit.fixture();
    kit.clock.advance(60);
    expect(answerOf(await kit.redeem(f))).toBe('400 invalid_grant');
  });

  it.each(['https://myapp.com/callback/', 'https://MYAPP.com/callback', 'https://myapp.com/callback?x=1', 'https://evil.example/callback'])(
    'refuses redirect_uri %s for a code issued for https://myapp.com/callback, and leaves the code unredeemed',
    async (redirectUri) => {
      const kit = rfc7523Kit();
      const f = await kit.fixture();
      expect(answerOf(await kit.redeem(f, { params: { redirect_uri: redirectUri } }))).toBe('400 invalid_grant');
      expect(answerOf(await kit.redeem(f))).toBe('200');
    },
  );

  describe('PKCE (PKCE-VERIFIER, PKCE-DOWNGRADE)', () => {
    const verifierCases: readonly [string, (f: Rfc7523Fixture, other: Rfc7523Fixture) => string | undefined][] = [
      ['missing', () => undefined],
      ['wrong', () => 'A'.repeat(43)],
      ["another code's", (_f, other) => other.verifier],
      ['its own cut one character short (RFC 7636 §4.1: 43 at least)', (f) => String(f.verifier).slice(0, 42)],
    ];
    it.each(verifierCases)('refuses a code_verifier %s, and leaves the code unredeemed', async (_name, verifier) => {
      const kit = rfc7523Kit();
      const f = await kit.fixture();
      const other = { ...f, ...(await kit.codeFor(f)) };
      expect(answerOf(await kit.redeem(f, { params: { code_verifier: verifier(f, other) } }))).toBe('400 invalid_grant');
      expect(answerOf(await kit.redeem(f))).toBe('200');
    });

    it('refuses a code_verifier sent for a code issued without a challenge (RFC 9700 §2.1.1)', async () => {
      const kit = rfc7523Kit();
      const f = await kit.fixture({}, { code_challenge_method: 'none' });
      const donor = await kit.codeFor(f);
      expect(answerOf(await kit.redeem(f, { params: { code_verifier: donor.verifier } }))).toBe('400 invalid_grant');
      expect(answerOf(await kit.redeem(f))).toBe('200');
    });
  });

  it('revokes the access token of a code\'s first redemption when the code comes again (CODE-REUSE-REVOKES; RFC 6749 §4.1.2)', async () => {
    const kit = rfc7523Kit();
    const f = await kit.fixture();
    const other = await kit.fixture();
    const first = await kit.redeem(f);
    const untouched = await kit.redeem(other);
    expect(await isActive(kit, first.body.access_token)).toBe(true);
    expect(answerOf(await kit.redeem(f))).toBe('400 invalid_grant');
    expect(await isActive(kit, first.body.access_token)).toBe(false);
    expect(await isActive(kit, untouched.body.access_token)).toBe(true);
    expect(await isActive(kit, 'never-issued')).toBe(false);
  });

  it('revokes nothing for a reuse whose client authentication fails', async () => {
    const kit = rfc7523Kit();
    const f = await kit.fixture();
    const first = await kit.redeem(f);
    expect(answerOf(await kit.redeem(f, { claims: { aud: 'https://other.example' } }))).toBe('401 invalid_client');
    expect(await isActive(kit, first.body.access_token)).toBe(true);
  });

  it('lets an access token lapse after an hour', async () => {
    const kit = rfc7523Kit();
    const first = await kit.redeem(await kit.fixture());
    kit.clock.advance(3600);
    expect(await isActive(kit, first.body.access_token)).toBe(false);
  });

  it('checks the client first: a bad assertion with a bad code is invalid_client (ORDER-CLIENT-FIRST)', async () => {
    const kit = rfc7523Kit();
    const f = await kit.fixture();
    const res = await kit.redeem(f, { claims: { exp: undefined }, params: { code: 'never-issued', grant_type: 'password' } });
    expect(answerOf(res)).toBe('401 invalid_client');
  });

  it('redeems one code once under 20 concurrent redemptions (CODE-CONCURRENT)', async () => {
    const kit = rfc7523Kit();
    const f = await kit.fixture();
    const answers = await Promise.all(Array.from({ length: 20 }, () => kit.redeem(f)));
    expect(answers.map(answerOf).sort()).toEqual(['200', ...Array<string>(19).fill('400 invalid_grant')]);
  });
});
