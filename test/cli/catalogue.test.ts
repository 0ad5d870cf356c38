import { describe, expect, test } from 'vitest';
import { listCatalogue } from '../../cli/catalogue.js';
import { catalogue } from '../../catalogue/index.js';

interface Entry {
  id: string;
  expected: string;
  source: string;
  profiles: string[];
  expect: unknown;
}

const entries = (profile: string) => JSON.parse(listCatalogue(true, profile)) as Entry[];
const byId = (profile: string) => new Map(entries(profile).map((e) => [e.id, e]));

describe('grantproof catalogue --profile: each requirement\'s expectation per profile (SPEC §5)', () => {
  test('every requirement of the catalogue but RFC7523-*, PKCE-* and the rfc7523 rows SPEC §2 lacks applies to storx, with its SPEC §1 code', () => {
    const storx = byId('storx');
    // SPEC §5: "RFC7523-* and PKCE-* do not apply to storx"; neither do the rows of §5's table that §2's has not.
    const rfc7523Only = (id: string) => id.startsWith('RFC7523-') || id.startsWith('PKCE-') || ['CODE-REUSE-REVOKES', 'REQ-DUPLICATE-PARAM', 'REQ-GRANT-TYPE'].includes(id);
    expect(entries('storx').filter((e) => !e.profiles.includes('storx')).map((e) => e.id).filter((id) => !rfc7523Only(id))).toEqual([]);
    expect(entries('storx').filter((e) => rfc7523Only(e.id) && e.profiles.includes('storx')).map((e) => e.id)).toEqual([]);
    expect(storx.get('RFC7523-AUD')!.expected).toBe('not part of profile storx');
    expect(storx.get('PKCE-DOWNGRADE')!.expected).toBe('not part of profile storx');
    expect(storx.get('AUTH-EXP-PAST')!.expect).toEqual({ error: 'client_secret_expired' });
    expect(storx.get('CODE-UNKNOWN')!.expected).toBe('invalid_code');
  });

  test('rfc7523 leaves out exactly the five storx-only requirements SPEC §5 names', () => {
    const notPart = entries('rfc7523').filter((e) => e.expect === null).map((e) => e.id);
    expect(notPart.sort()).toEqual(['AUTH-CLIENT-ID-MISSING', 'AUTH-EXP-PRECEDENCE', 'REQ-FIELD-TYPES', 'REQ-MALFORMED-JSON', 'REQ-PASSPHRASE-EMPTY']);
    expect(byId('rfc7523').get('REQ-FIELD-TYPES')!.expected).toBe('not part of profile rfc7523');
    expect(listCatalogue(false, 'rfc7523')).toMatch(/^not part of profile rfc7523: AUTH-CLIENT-ID-MISSING, AUTH-EXP-PRECEDENCE, REQ-MALFORMED-JSON, REQ-FIELD-TYPES, REQ-PASSPHRASE-EMPTY$/m);
  });

  test('rfc7523 expects RFC 6749 §5.2\'s codes: invalid_grant for the grant, invalid_client with no client_secret_expired, two codes where both fit', () => {
    const rfc7523 = byId('rfc7523');
    for (const id of ['CODE-UNKNOWN', 'CODE-OTHER-CLIENT', 'CODE-EXPIRED', 'REDIRECT-MISMATCH']) expect(rfc7523.get(id)!.expect, id).toEqual({ error: 'invalid_grant' });
    expect(rfc7523.get('AUTH-EXP-PAST')!.expect).toMatchObject({ error: 'invalid_client' });
    expect(rfc7523.get('AUTH-MALFORMED-JWT')!.expected).toMatch(/^invalid_client or invalid_request/);
    expect(rfc7523.get('REQ-MISSING-FIELD')!.expect).toEqual({ error: ['invalid_request', 'invalid_grant'] });
    expect(rfc7523.get('REQ-CONTENT-TYPE')!.expected).toBe('400 (415 accepted)');
    const codes = entries('rfc7523').flatMap((e) => [(e.expect as { error?: string | string[] } | null)?.error ?? []].flat());
    expect(codes.filter((code) => ['client_secret_expired', 'invalid_code', 'invalid_redirect_uri'].includes(code))).toEqual([]);
    expect(new Set(codes)).toEqual(new Set(['invalid_client', 'invalid_request', 'invalid_grant', 'unsupported_grant_type']));
    expect(rfc7523.get('REQ-GRANT-TYPE')!.expected).toBe('unsupported_grant_type, for a missing grant_type, invalid_request or unsupported_grant_type');
    expect(rfc7523.get('PKCE-VERIFIER')!.expected).toBe('invalid_grant, for a missing code_verifier, invalid_grant or invalid_request');
  });

  test('rfc7523 cites its own clauses: SPEC §5 and the RFCs it rests on, never SPEC §1\'s steps', () => {
    const cited = entries('rfc7523').filter((e) => e.expect !== null);
    expect(cited.filter((e) => /SPEC §1\b/.test(e.source)).map((e) => e.id)).toEqual([]);
    expect(byId('rfc7523').get('AUTH-EXP-PAST')!.source).toBe('SPEC §5; RFC 7523 §3 item 4; RFC 7519 §4.1.4');
    expect(byId('storx').get('AUTH-EXP-PAST')!.source).toBe('SPEC §1 step 5; RFC 7519 §4.1.4; seeds 000 and 002');
  });

  test('the JSON lists the whole catalogue, in its order, whatever the profile', () => {
    expect(entries('rfc7523').map((e) => e.id)).toEqual(catalogue.map((r) => r.id));
  });

  test('an unknown profile is refused in one line naming the profiles', () => {
    expect(() => listCatalogue(false, 'oidc')).toThrow('--profile takes storx or rfc7523, not "oidc"');
  });
});
