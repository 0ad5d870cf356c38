import { describe, expect, it } from 'vitest';
import { compactVerify } from 'jose';
import { base64url, encodeSegment, hmac, joinSegments, rawSegment, signCompact } from '../../jwt/index.js';

describe('base64url', () => {
  it('encodes strings as UTF-8 and bytes as they are, without padding', () => {
    expect(base64url('{"alg":"HS256","typ":"JWT"}')).toBe('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9');
    expect(base64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(base64url('é')).toBe('w6k');
  });
});

describe('encodeSegment', () => {
  it('JSON-serialises any JSON value', () => {
    expect(Buffer.from(encodeSegment([1, 'a']), 'base64url').toString()).toBe('[1,"a"]');
    expect(Buffer.from(encodeSegment(42), 'base64url').toString()).toBe('42');
    expect(Buffer.from(encodeSegment(null), 'base64url').toString()).toBe('null');
    expect(Buffer.from(encodeSegment({ exp: '123' }), 'base64url').toString()).toBe('{"exp":"123"}');
  });

  it('puts the literal content of a RawSegment in the segment', () => {
    expect(Buffer.from(encodeSegment(rawSegment('{alg:none}')), 'base64url').toString()).toBe('{alg:none}');
    expect([...Buffer.from(encodeSegment(rawSegment(new Uint8Array([0xc3, 0x28]))), 'base64url')]).toEqual([0xc3, 0x28]);
  });

  it('refuses a value that has no JSON text', () => {
    expect(() => encodeSegment(undefined)).toThrow(TypeError);
    expect(() => encodeSegment(() => 1)).toThrow(TypeError);
  });
});

describe('hmac', () => {
  // RFC 4231 §4.3 (Test Case 2): key "Jefe", data "what do ya want for nothing?".
  const data = 'what do ya want for nothing?';

  it('matches the RFC 4231 HMAC-SHA-256, -384 and -512 values, a string key meaning its UTF-8 bytes', () => {
    const hex = (alg: 'HS256' | 'HS384' | 'HS512') => Buffer.from(hmac(alg, 'Jefe', data), 'base64url').toString('hex');
    expect(hex('HS256')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(hex('HS384')).toBe(
      'af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649',
    );
    expect(hex('HS512')).toBe(
      '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
    );
    expect(hmac('HS256', new TextEncoder().encode('Jefe'), data)).toBe(hmac('HS256', 'Jefe', data));
  });
});

describe('joinSegments', () => {
  it('joins any number of segments with dots', () => {
    expect(joinSegments('a')).toBe('a');
    expect(joinSegments('a', 'b', '')).toBe('a.b.');
    expect(joinSegments('a', 'b', 'c', 'd', 'e')).toBe('a.b.c.d.e');
  });
});

describe('signCompact', () => {
  it('MACs any header with the given algorithm, whatever the header claims', async () => {
    const key = new TextEncoder().encode('k');
    const token = signCompact({ alg: 'HS512' }, { exp: 'soon' }, key, 'HS512');
    const verified = await compactVerify(token, key, { algorithms: ['HS512'] });
    expect(new TextDecoder().decode(verified.payload)).toBe('{"exp":"soon"}');

    const [header, payload, signature] = signCompact({ alg: 'none' }, {}, 'k').split('.');
    expect(signature).toBe(hmac('HS256', 'k', `${header}.${payload}`));
  });
});
