import { describe, expect, it } from 'vitest';
import { compactVerify, jwtVerify } from 'jose';
import {
  algNone,
  badBase64url,
  decodeCompact,
  flippedSignature,
  hexDecodedKey,
  nonJsonHeader,
  nonJsonPayload,
  notUtf8,
  otherAlg,
  payloadNotObject,
  randomText,
  respelledSignature,
  segments,
  signatureFromOtherToken,
  strippedSignature,
  tamperedHeader,
  tamperedPayload,
  truncatedSignature,
  verifyHs256,
  withClaims,
  withHeader,
  withoutClaim,
  wrongKey,
  type DecodedCompact,
} from '../../jwt/index.js';
import { BEFORE_SEED_EXP, SEED_CLIENT_ID, SEED_INPUT, SEED_KEY, SEED_SECRET, SEED_VECTORS } from './vectors.js';

const VALID = SEED_VECTORS[0].token;
const [VALID_HEADER, VALID_PAYLOAD, VALID_SIGNATURE] = VALID.split('.');
const SEED_CLAIMS = { client_id: SEED_CLIENT_ID, exp: SEED_INPUT.exp };

function decoded(token: string): DecodedCompact {
  const result = decodeCompact(token);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result;
}

/** What the endpoint does: HS256 only, the stored secret's UTF-8 bytes as the key. */
function verifyAsEndpoint(token: string) {
  return jwtVerify(token, SEED_KEY, { algorithms: ['HS256'], currentDate: BEFORE_SEED_EXP });
}

describe('algNone [AUTH-ALG-NONE]', () => {
  for (const spelling of ['none', 'None', 'NONE'] as const) {
    it(`spells alg "${spelling}" with no signature segment`, () => {
      const token = algNone(SEED_INPUT, spelling, 'absent');
      expect(token.split('.')).toHaveLength(2);
      expect(decodeCompact(token)).toMatchObject({ ok: false, code: 'SEGMENT_COUNT' });
      expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString())).toEqual({ alg: spelling, typ: 'JWT' });
    });

    it(`spells alg "${spelling}" with an empty signature segment`, async () => {
      const token = algNone(SEED_INPUT, spelling, 'empty');
      expect(decoded(token)).toMatchObject({ header: { alg: spelling, typ: 'JWT' }, payload: SEED_CLAIMS, signature: '' });
      await expect(verifyAsEndpoint(token)).rejects.toThrow();
    });

    it(`spells alg "${spelling}" with a valid HMAC that jose still rejects`, async () => {
      const token = algNone(SEED_INPUT, spelling, 'hmac');
      expect(decoded(token).header).toEqual({ alg: spelling, typ: 'JWT' });
      expect(verifyHs256(token, SEED_SECRET)).toBe(true);
      await expect(verifyAsEndpoint(token)).rejects.toThrow();
    });
  }
});

describe('otherAlg [AUTH-ALG-OTHER]', () => {
  it.each(['HS384', 'HS512'] as const)('MACs %s correctly with the stored secret, and HS256-only jose rejects it', async (alg) => {
    const token = otherAlg(SEED_INPUT, alg);
    const verified = await compactVerify(token, SEED_KEY, { algorithms: [alg] });
    expect(verified.protectedHeader).toEqual({ alg, typ: 'JWT' });
    await expect(verifyAsEndpoint(token)).rejects.toMatchObject({ code: 'ERR_JOSE_ALG_NOT_ALLOWED' });
  });

  it.each(['RS256', 'ES256', 'PS256', 'hs256', 'HS256 ', 'EdDSA'])('claims %j over a valid HMAC-SHA256', async (alg) => {
    const token = otherAlg(SEED_INPUT, alg);
    expect(decoded(token)).toMatchObject({ header: { alg, typ: 'JWT' }, payload: SEED_CLAIMS });
    expect(verifyHs256(token, SEED_SECRET)).toBe(true);
    await expect(verifyAsEndpoint(token)).rejects.toThrow();
  });

  it('refuses HS256, which would make a valid token', () => {
    expect(() => otherAlg(SEED_INPUT, 'HS256')).toThrow(RangeError);
  });
});

describe('signature tampering [AUTH-SIG-TAMPERED]', () => {
  it('tamperedPayload moves exp a day later and keeps the original signature', async () => {
    const token = tamperedPayload(SEED_INPUT);
    const result = decoded(token);
    expect(result.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(result.payload).toEqual({ client_id: SEED_CLIENT_ID, exp: SEED_INPUT.exp + 86_400 });
    expect(result.signature).toBe(VALID_SIGNATURE);
    expect(verifyHs256(token, SEED_SECRET)).toBe(false);
    await expect(verifyAsEndpoint(token)).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  it.each([
    ['typ', { alg: 'HS256', typ: 'jwt' }],
    ['extra-param', { alg: 'HS256', typ: 'JWT', kid: 'tampered' }],
  ] as const)('tamperedHeader (%s) changes the header and keeps the original signature', async (change, header) => {
    const token = tamperedHeader(SEED_INPUT, change);
    const result = decoded(token);
    expect(result.header).toEqual(header);
    expect(result.payload).toEqual(SEED_CLAIMS);
    expect(result.signature).toBe(VALID_SIGNATURE);
    await expect(verifyAsEndpoint(token)).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  it('strippedSignature keeps header and payload and ends in "."', async () => {
    const token = strippedSignature(SEED_INPUT);
    expect(token).toBe(`${VALID_HEADER}.${VALID_PAYLOAD}.`);
    await expect(verifyAsEndpoint(token)).rejects.toThrow();
  });

  it('truncatedSignature is the valid token 4 characters shorter', async () => {
    const token = truncatedSignature(SEED_INPUT);
    expect(token).toHaveLength(VALID.length - 4);
    expect(VALID.startsWith(token)).toBe(true);
    expect(verifyHs256(token, SEED_SECRET)).toBe(false);
    await expect(verifyAsEndpoint(token)).rejects.toThrow();
  });

  it('flippedSignature differs from the valid signature by exactly one bit, not in the last character', async () => {
    const token = flippedSignature(SEED_INPUT);
    const signature = decoded(token).signature;
    const flipped = Buffer.from(signature, 'base64url');
    const valid = Buffer.from(VALID_SIGNATURE ?? '', 'base64url');
    expect(flipped).toHaveLength(valid.length);
    const differingBits = [...flipped].reduce((bits, byte, i) => bits + popcount(byte ^ (valid[i] ?? 0)), 0);
    expect(differingBits).toBe(1);
    expect(signature.at(-1)).toBe(VALID_SIGNATURE?.at(-1));
    expect(token.slice(0, token.lastIndexOf('.'))).toBe(`${VALID_HEADER}.${VALID_PAYLOAD}`);
    await expect(verifyAsEndpoint(token)).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  it('signatureFromOtherToken carries the valid signature of a token with another exp', async () => {
    const token = signatureFromOtherToken(SEED_INPUT);
    const result = decoded(token);
    expect(result.signingInput).toBe(`${VALID_HEADER}.${VALID_PAYLOAD}`);
    const other = `${VALID_HEADER}.${Buffer.from(JSON.stringify({ ...SEED_CLAIMS, exp: SEED_INPUT.exp + 1 })).toString('base64url')}.${result.signature}`;
    expect(verifyHs256(other, SEED_SECRET)).toBe(true);
    await expect(verifyAsEndpoint(token)).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });
});

function popcount(byte: number): number {
  return byte.toString(2).replaceAll('0', '').length;
}

describe('wrong keys [AUTH-WRONG-KEY]', () => {
  it('wrongKey signs a well-formed token with the given key', async () => {
    const token = wrongKey(SEED_INPUT, 'another secret');
    expect(decoded(token)).toMatchObject({ header: { alg: 'HS256', typ: 'JWT' }, payload: SEED_CLAIMS });
    expect(verifyHs256(token, 'another secret')).toBe(true);
    await expect(verifyAsEndpoint(token)).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  it('wrongKey refuses the stored secret itself, as text or as its bytes', () => {
    expect(() => wrongKey(SEED_INPUT, SEED_SECRET)).toThrow(RangeError);
    expect(() => wrongKey(SEED_INPUT, SEED_KEY)).toThrow(RangeError);
  });

  it('hexDecodedKey verifies with the hex-decoded bytes but not with the UTF-8 key', async () => {
    const token = hexDecodedKey(SEED_INPUT);
    if (token === null) throw new Error('the seed secret is even-length hex');
    const hexBytes = Buffer.from(SEED_SECRET, 'hex');
    expect(hexBytes).toHaveLength(32);
    await expect(
      jwtVerify(token, hexBytes, { algorithms: ['HS256'], currentDate: BEFORE_SEED_EXP }),
    ).resolves.toMatchObject({ payload: SEED_CLAIMS });
    expect(verifyHs256(token, SEED_SECRET)).toBe(false);
    await expect(verifyAsEndpoint(token)).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  it.each([
    ['a bcrypt secret', '$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy'],
    ['odd-length hex', 'abc'],
    ['an empty secret', ''],
  ])('hexDecodedKey returns null for %s', (_kind, secret) => {
    expect(hexDecodedKey({ ...SEED_INPUT, secret })).toBeNull();
  });
});

describe('malformed tokens [AUTH-MALFORMED-JWT]', () => {
  it.each([1, 2, 4, 5] as const)('segments(%i) has that many segments, built from the valid token', (count) => {
    const token = segments(SEED_INPUT, count);
    const parts = token.split('.');
    expect(parts).toHaveLength(count);
    expect(parts.slice(0, 3)).toEqual(VALID.split('.').slice(0, count));
    expect(decodeCompact(token)).toMatchObject({ ok: false, code: 'SEGMENT_COUNT' });
  });

  it.each(['*', '+', '/', '=', ' '] as const)('badBase64url puts %j inside the payload segment, MACed', (char) => {
    const token = badBase64url(SEED_INPUT, char);
    const [header, payload] = token.split('.');
    expect(header).toBe(VALID_HEADER);
    expect(payload?.replace(char, '')).toBe(VALID_PAYLOAD);
    expect(payload?.startsWith(char)).toBe(false);
    expect(payload?.endsWith(char)).toBe(false);
    expect(verifyHs256(token, SEED_SECRET)).toBe(true);
    expect(decodeCompact(token)).toMatchObject({ ok: false, code: 'BAD_BASE64URL', message: expect.stringContaining('payload') });
  });

  it('nonJsonHeader has a correctly MACed header that is not JSON', async () => {
    const token = nonJsonHeader(SEED_INPUT);
    expect(decodeCompact(token)).toMatchObject({ ok: false, code: 'HEADER_NOT_JSON' });
    expect(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()).toBe('{alg:HS256,typ:JWT}');
    expect(verifyHs256(token, SEED_SECRET)).toBe(true);
    await expect(verifyAsEndpoint(token)).rejects.toThrow();
  });

  it('nonJsonPayload has a correctly MACed payload that is not JSON', async () => {
    const token = nonJsonPayload(SEED_INPUT);
    expect(decodeCompact(token)).toMatchObject({ ok: false, code: 'PAYLOAD_NOT_JSON' });
    expect(verifyHs256(token, SEED_SECRET)).toBe(true);
    await expect(compactVerify(token, SEED_KEY, { algorithms: ['HS256'] })).resolves.toBeDefined();
    await expect(verifyAsEndpoint(token)).rejects.toMatchObject({ code: 'ERR_JWT_INVALID' });
  });

  it.each([
    ['array', [SEED_CLAIMS]],
    ['number', SEED_INPUT.exp],
    ['string', SEED_CLIENT_ID],
    ['null', null],
  ] as const)('payloadNotObject(%s) signs that JSON value correctly', async (shape, value) => {
    const token = payloadNotObject(SEED_INPUT, shape);
    expect(decodeCompact(token)).toMatchObject({ ok: false, code: 'PAYLOAD_NOT_OBJECT' });
    const verified = await compactVerify(token, SEED_KEY, { algorithms: ['HS256'] });
    expect(JSON.parse(new TextDecoder().decode(verified.payload))).toEqual(value);
    await expect(verifyAsEndpoint(token)).rejects.toMatchObject({ code: 'ERR_JWT_INVALID' });
  });

  it('randomText is a single segment, different every time', () => {
    const a = randomText();
    expect(decodeCompact(a)).toMatchObject({ ok: false, code: 'SEGMENT_COUNT' });
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomText()).not.toBe(a);
  });
});

describe('notUtf8 [AUTH-JWT-NOT-UTF8]', () => {
  it.each(['header', 'payload'] as const)('puts one 0xFF byte in the %s, correctly MACed: a lenient decoder reads U+FFFD, jose refuses it', async (part) => {
    const token = notUtf8(SEED_INPUT, part);
    const index = part === 'header' ? 0 : 1;
    const bytes = Buffer.from(token.split('.')[index] ?? '', 'base64url');
    expect(bytes.filter((byte) => byte === 0xff)).toHaveLength(1);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(JSON.parse(bytes.toString('utf8'))).toMatchObject(part === 'header' ? { alg: 'HS256', typ: 'JWT\uFFFD' } : { ...SEED_CLAIMS, note: '\uFFFD' });
    expect(decodeCompact(token)).toMatchObject({ ok: false, code: part === 'header' ? 'HEADER_NOT_JSON' : 'PAYLOAD_NOT_JSON' });
    expect(verifyHs256(token, SEED_SECRET)).toBe(true);
    await expect(verifyAsEndpoint(token)).rejects.toThrow();
  });
});

describe('respelledSignature [AUTH-REPLAY]', () => {
  it('changes only the unused bits of the last character: other text, the same signature bytes', async () => {
    const respelled = respelledSignature(VALID);
    expect(respelled).not.toBe(VALID);
    expect(respelled.slice(0, -1)).toBe(VALID.slice(0, -1));
    expect(Buffer.from(respelled.split('.')[2] ?? '', 'base64url')).toEqual(Buffer.from(VALID_SIGNATURE ?? '', 'base64url'));
    expect(decodeCompact(respelled)).toMatchObject({ ok: false, code: 'BAD_BASE64URL' });
    await expect(verifyAsEndpoint(respelled)).resolves.toBeDefined();
  });

  it('refuses a token whose last character has no unused bits', () => {
    expect(() => respelledSignature('a.b.AAAA')).toThrow(RangeError);
  });
});

describe('claims [AUTH-CLIENT-ID-MISSING, AUTH-EXP-MISSING, AUTH-EXP-INVALID, AUTH-CLIENT-ID-MISMATCH]', () => {
  it.each([
    ['exp a string', { client_id: SEED_CLIENT_ID, exp: '123' }],
    ['exp null', { client_id: SEED_CLIENT_ID, exp: null }],
    ['exp true', { client_id: SEED_CLIENT_ID, exp: true }],
    ['exp an object', { client_id: SEED_CLIENT_ID, exp: {} }],
    ['exp a fraction', { client_id: SEED_CLIENT_ID, exp: 1751019553.5 }],
    ['another client_id', { client_id: 'another-client', exp: SEED_INPUT.exp }],
    ['an extra claim', { client_id: SEED_CLIENT_ID, exp: SEED_INPUT.exp, jti: 'x' }],
    ['no claims at all', {}],
  ])('withClaims signs exactly the given claims (%s) with the stored secret', async (_kind, claims) => {
    const token = withClaims(SEED_INPUT, claims);
    expect(decoded(token)).toMatchObject({ header: { alg: 'HS256', typ: 'JWT' } });
    expect(decoded(token).payload).toEqual(claims);
    const verified = await compactVerify(token, SEED_KEY, { algorithms: ['HS256'] });
    expect(JSON.parse(new TextDecoder().decode(verified.payload))).toEqual(claims);
  });

  it('withClaims keeps the claims in the order given', () => {
    const token = withClaims(SEED_INPUT, { exp: 1, client_id: 'c' });
    expect(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).toBe('{"exp":1,"client_id":"c"}');
  });

  it('jose rejects the mistyped exp that withClaims can sign', async () => {
    await expect(verifyAsEndpoint(withClaims(SEED_INPUT, { client_id: SEED_CLIENT_ID, exp: '123' }))).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'exp',
    });
  });

  it.each([
    ['client_id', { exp: SEED_INPUT.exp }],
    ['exp', { client_id: SEED_CLIENT_ID }],
  ] as const)('withoutClaim drops %s and signs the rest correctly', async (claim, rest) => {
    const token = withoutClaim(SEED_INPUT, claim);
    expect(decoded(token).payload).toEqual(rest);
    await expect(verifyAsEndpoint(token)).resolves.toMatchObject({ payload: rest });
  });
});

describe('withHeader', () => {
  it.each([
    ['crit', { alg: 'HS256', typ: 'JWT', crit: ['exp'], exp: 1 }],
    ['kid', { alg: 'HS256', typ: 'JWT', kid: 'k1' }],
    ['jku', { alg: 'HS256', jku: 'http://127.0.0.1:1/jwks' }],
    ['no typ', { alg: 'HS256' }],
  ])('signs the input claims under an arbitrary header (%s) with a correct HMAC-SHA256', (_kind, header) => {
    const token = withHeader(SEED_INPUT, header);
    expect(decoded(token)).toMatchObject({ header, payload: SEED_CLAIMS });
    expect(verifyHs256(token, SEED_SECRET)).toBe(true);
  });

  it('is accepted by jose when the header is one it understands', async () => {
    await expect(verifyAsEndpoint(withHeader(SEED_INPUT, { alg: 'HS256', kid: 'k1' }))).resolves.toMatchObject({
      payload: SEED_CLAIMS,
      protectedHeader: { alg: 'HS256', kid: 'k1' },
    });
  });

  it('is rejected by jose when it names a critical extension jose does not understand', async () => {
    await expect(
      verifyAsEndpoint(withHeader(SEED_INPUT, { alg: 'HS256', crit: ['x-ext'], 'x-ext': true })),
    ).rejects.toMatchObject({ code: 'ERR_JOSE_NOT_SUPPORTED' });
  });
});
