import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { answerOf, base64url, forgeJws, hs256Header, referenceKit, signJws, type Fixture } from './kit.js';

type Kit = ReturnType<typeof referenceKit>;

/** Builds a client_secret for the fixture's client; each is answered `401 invalid_client`. */
type SecretCase = readonly [name: string, clientSecret: (kit: Kit, f: Fixture) => string];

const claimsOf = (kit: Kit, f: Fixture, extra: Record<string, unknown> = {}) => ({
  client_id: f.clientId,
  exp: kit.freshExp(),
  ...extra,
});

/** Replaces the character at `index` of `text` with another of the base64url alphabet. */
function flipAt(text: string, index: number): string {
  const flipped = text[index] === 'A' ? 'B' : 'A';
  return text.slice(0, index) + flipped + text.slice(index + 1);
}

function segments(token: string): [string, string, string] {
  const [header = '', payload = '', signature = ''] = token.split('.');
  return [header, payload, signature];
}

const invalidClientCases: readonly SecretCase[] = [
  // SPEC §1 step 4: signature mismatch.
  ['signed with another key', (kit, f) => kit.jwt(f, {}, 'f'.repeat(64))],
  // SPEC §1 step 2: alg is HS256 and nothing else; none in any spelling.
  ...['none', 'None', 'NONE'].flatMap((alg): SecretCase[] => [
    [`alg ${alg} without a signature`, (kit, f) => forgeJws({ alg, typ: 'JWT' }, claimsOf(kit, f))],
    [`alg ${alg} with the HS256 signature`, (kit, f) => {
      const [, , signature] = segments(kit.jwt(f));
      return forgeJws({ alg, typ: 'JWT' }, claimsOf(kit, f), signature);
    }],
  ]),
  ['HS384 signed correctly with the stored secret', (kit, f) => signJws({ alg: 'HS384', typ: 'JWT' }, claimsOf(kit, f), f.secret, 'sha384')],
  ['HS512 signed correctly with the stored secret', (kit, f) => signJws({ alg: 'HS512', typ: 'JWT' }, claimsOf(kit, f), f.secret, 'sha512')],
  ['alg hs256 (lower case), HS256-signed', (kit, f) => signJws({ alg: 'hs256', typ: 'JWT' }, claimsOf(kit, f), f.secret)],
  ['alg RS256 over an HMAC signature', (kit, f) => signJws({ alg: 'RS256', typ: 'JWT' }, claimsOf(kit, f), f.secret)],
  ['no alg at all', (kit, f) => signJws({ typ: 'JWT' }, claimsOf(kit, f), f.secret)],
  // SPEC §1 edge cases; RFC 7515 §4.1.11: no extension is understood.
  ['a crit header naming an unknown extension', (kit, f) =>
    signJws({ ...hs256Header, crit: ['exp'], exp: 1 }, claimsOf(kit, f), f.secret)],
  ['a crit header naming b64 (RFC 7797)', (kit, f) =>
    signJws({ ...hs256Header, crit: ['b64'], b64: true }, claimsOf(kit, f), f.secret)],
  // Tampered after signing.
  ['payload changed after signing', (kit, f) => {
    const [header, , signature] = segments(kit.jwt(f));
    return `${header}.${base64url(JSON.stringify(claimsOf(kit, f, { exp: kit.freshExp() + 7 })))}.${signature}`;
  }],
  ['header changed after signing', (kit, f) => {
    const [, payload, signature] = segments(kit.jwt(f));
    return `${base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }))}.${payload}.${signature}`;
  }],
  ['signature stripped', (kit, f) => kit.jwt(f).replace(/[^.]+$/, '')],
  ['signature truncated to 16 bytes', (kit, f) => {
    const [header, payload, signature] = segments(kit.jwt(f));
    return `${header}.${payload}.${Buffer.from(signature, 'base64url').subarray(0, 16).toString('base64url')}`;
  }],
  ['signature with one character changed', (kit, f) => flipAt(kit.jwt(f), kit.jwt(f).length - 10)],
  ['signature with its last character in non-canonical form', (kit, f) => {
    const token = kit.jwt(f);
    const last = token.at(-1) ?? 'A';
    const sibling = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(last) ^ 1;
    return token.slice(0, -1) + 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[sibling];
  }],
  ['signature padded with =', (kit, f) => `${kit.jwt(f)}=`],
  // SPEC §1 step 1: not a JWS.
  ['the raw stored secret', (_kit, f) => f.secret],
  ['random text', () => 'this is not a token at all'],
  ['two segments', (kit, f) => kit.jwt(f).split('.').slice(0, 2).join('.')],
  ['four segments', (kit, f) => `${kit.jwt(f)}.AAAA`],
  ['bad base64url in the header', (kit, f) => `e+J${kit.jwt(f).slice(3)}`],
  ['a header that is not JSON', (kit, f) => {
    const [, payload, signature] = segments(kit.jwt(f));
    return `${base64url('{"alg":"HS256"')}.${payload}.${signature}`;
  }],
  ['a payload that is not JSON', (_kit, f) => signJws(hs256Header, {}, f.secret).replace(/^([^.]+)\.[^.]+\./, `$1.${base64url('not json')}.`)],
  ['a payload that is a JSON array', (_kit, f) => signJws(hs256Header, [f.clientId], f.secret)],
  // SPEC §1 step 2: the claims.
  ['no exp', (kit, f) => kit.jwt(f, { exp: undefined })],
  ...([['a string', 'EXP'], ['null', null], ['a boolean', true], ['an object', { value: 1 }], ['a numeric string', 'NOW']] as const).map(
    ([kind, value]): SecretCase => [`exp as ${kind}`, (kit, f) =>
      kit.jwt(f, { exp: value === 'NOW' ? String(kit.freshExp()) : value })],
  ),
  // A JSON number out of range reads as ±Infinity, no NumericDate (RFC 7519 §2), however far past.
  ...(['1e999', '-1e999'] as const).map((exp): SecretCase => [`exp ${exp}`, (_kit, f) => {
    const input = `${base64url(JSON.stringify(hs256Header))}.${base64url(`{"client_id":${JSON.stringify(f.clientId)},"exp":${exp}}`)}`;
    return `${input}.${createHmac('sha256', f.secret).update(input).digest('base64url')}`;
  }]),
  ['no client_id', (kit, f) => kit.jwt(f, { client_id: undefined })],
  ['client_id as a number', (kit, f) => kit.jwt(f, { client_id: 42 })],
  // SPEC §1 step 6: byte-for-byte equality with the body's client_id.
  ['client_id in upper case', (kit, f) => kit.jwt(f, { client_id: f.clientId.toUpperCase() })],
];

describe('reference server: client authentication (SPEC §1 steps 1–6)', () => {
  it.each(invalidClientCases)('answers 401 invalid_client to %s', async (_name, clientSecret) => {
    const kit = referenceKit();
    const f = kit.fixture();
    const res = await kit.redeem(f, { client_secret: clientSecret(kit, f) });
    expect(answerOf(res)).toBe('401 invalid_client');
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(typeof res.body.error_description).toBe('string');
  });

  it('answers invalid_client to a client_id never registered (step 3)', async () => {
    const kit = referenceKit();
    const f = { ...kit.fixture(), clientId: '00000000-0000-4000-8000-000000000000' };
    expect(answerOf(await kit.redeem(f))).toBe('401 invalid_client');
  });

  it('answers invalid_client when the JWT names another registered client, both directions (step 6)', async () => {
    const kit = referenceKit();
    const a = kit.fixture();
    const b = kit.fixture();
    // A's body, a JWT that B signed for itself; and the other way round.
    expect(answerOf(await kit.redeem(a, { client_secret: kit.jwt(b) }))).toBe('401 invalid_client');
    expect(answerOf(await kit.redeem(b, { client_secret: kit.jwt(a) }))).toBe('401 invalid_client');
    // A JWT naming B but signed with A's secret fails earlier, at the signature.
    expect(answerOf(await kit.redeem(a, { client_secret: kit.jwt(a, { client_id: b.clientId }) }))).toBe('401 invalid_client');
  });

  it('checks the client before the code (ORDER: step 1–6 before step 7)', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    const res = await kit.redeem(f, { client_secret: kit.jwt(f, {}, 'wrong key'), code: 'no-such-code' });
    expect(answerOf(res)).toBe('401 invalid_client');
  });

  it('does not spend the code on a refused client', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    await kit.redeem(f, { client_secret: kit.jwt(f, {}, 'wrong key') });
    expect(answerOf(await kit.redeem(f))).toBe('200');
  });
});
