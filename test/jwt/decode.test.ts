import { describe, expect, it } from 'vitest';
import {
  base64url,
  decodeBase64url,
  decodeCompact,
  encodeSegment,
  joinSegments,
  rawSegment,
  signCompact,
  verifyHs256,
  type DecodeErrorCode,
} from '../../jwt/index.js';
import { SEED_CLIENT_ID, SEED_SECRET, SEED_VECTORS } from './vectors.js';

const HEADER = encodeSegment({ alg: 'HS256', typ: 'JWT' });
const PAYLOAD = encodeSegment({ client_id: 'c', exp: 1 });
const SIGNATURE = base64url(new Uint8Array(32).fill(7));

function codeOf(token: unknown): DecodeErrorCode | 'OK' {
  const result = decodeCompact(token);
  return result.ok ? 'OK' : result.code;
}

describe('decodeBase64url', () => {
  it('decodes canonical base64url', () => {
    expect([...(decodeBase64url('-_8') ?? [])]).toEqual([0xfb, 0xff]);
    expect(decodeBase64url('')).toEqual(new Uint8Array());
  });

  it.each([
    ['+/8', 'the standard-base64 alphabet'],
    ['-_8=', 'padding'],
    ['-_ 8', 'whitespace'],
    ['-_8\n', 'a line break'],
    ['-_9', 'non-zero unused trailing bits'],
    ['AAAAA', 'a length of 4n+1'],
    ['a*b', 'a character outside any base64 alphabet'],
  ])('rejects %j (%s)', (text) => {
    expect(decodeBase64url(text)).toBeNull();
  });
});

describe('decodeCompact', () => {
  it('decodes a seed vector without verifying it', () => {
    const token = SEED_VECTORS[0].token;
    const [header, payload, signature] = token.split('.');
    expect(decodeCompact(token)).toEqual({
      ok: true,
      header: { alg: 'HS256', typ: 'JWT' },
      payload: { client_id: SEED_CLIENT_ID, exp: SEED_VECTORS[0].exp },
      signature,
      signingInput: `${header}.${payload}`,
    });
  });

  it('accepts an empty signature segment (verification is not its job)', () => {
    expect(decodeCompact(joinSegments(HEADER, PAYLOAD, ''))).toMatchObject({ ok: true, signature: '' });
  });

  it.each<[string, unknown, DecodeErrorCode, string]>([
    ['a number', 42, 'NOT_A_STRING', 'a number'],
    ['null', null, 'NOT_A_STRING', 'null'],
    ['one segment', HEADER, 'SEGMENT_COUNT', '1 segment'],
    ['two segments', joinSegments(HEADER, PAYLOAD), 'SEGMENT_COUNT', '2 segment'],
    ['five segments', joinSegments(HEADER, PAYLOAD, SIGNATURE, 'a', 'b'), 'SEGMENT_COUNT', '5 segment'],
    ['padding in the header', joinSegments(`${HEADER}=`, PAYLOAD, SIGNATURE), 'BAD_BASE64URL', 'header'],
    ['a "+" in the payload', joinSegments(HEADER, `${PAYLOAD}+`, SIGNATURE), 'BAD_BASE64URL', 'payload'],
    ['a space in the signature', joinSegments(HEADER, PAYLOAD, ` ${SIGNATURE}`), 'BAD_BASE64URL', 'signature'],
    ['an empty header', joinSegments('', PAYLOAD, SIGNATURE), 'HEADER_NOT_JSON', 'header'],
    ['unquoted header text', joinSegments(encodeSegment(rawSegment('{alg:HS256}')), PAYLOAD, SIGNATURE), 'HEADER_NOT_JSON', 'header'],
    ['a header that is not UTF-8', joinSegments(encodeSegment(rawSegment(new Uint8Array([0x22, 0xff, 0x22]))), PAYLOAD, SIGNATURE), 'HEADER_NOT_JSON', 'header'],
    ['truncated payload JSON', joinSegments(HEADER, encodeSegment(rawSegment('{"exp":1')), SIGNATURE), 'PAYLOAD_NOT_JSON', 'payload'],
    ['an array header', joinSegments(encodeSegment(['HS256']), PAYLOAD, SIGNATURE), 'HEADER_NOT_OBJECT', 'header'],
    ['a null payload', joinSegments(HEADER, encodeSegment(null), SIGNATURE), 'PAYLOAD_NOT_OBJECT', 'payload'],
    ['a number payload', joinSegments(HEADER, encodeSegment(1751019553), SIGNATURE), 'PAYLOAD_NOT_OBJECT', 'payload'],
  ])('rejects %s with %s, naming the part', (_kind, token, code, named) => {
    const result = decodeCompact(token);
    expect(result).toMatchObject({ ok: false, code });
    expect(result.ok ? '' : result.message).toContain(named);
  });

  it('reports the first broken part, header before payload before signature', () => {
    expect(codeOf(joinSegments('*', '*', '*'))).toBe('BAD_BASE64URL');
    expect(decodeCompact(joinSegments('*', '*', '*'))).toMatchObject({ message: expect.stringContaining('header') });
    expect(codeOf(joinSegments(encodeSegment(1), encodeSegment(rawSegment('x')), ''))).toBe('HEADER_NOT_OBJECT');
  });
});

describe('verifyHs256', () => {
  it('accepts the seed vectors under the UTF-8 bytes of the stored secret', () => {
    for (const { token } of SEED_VECTORS) expect(verifyHs256(token, SEED_SECRET)).toBe(true);
  });

  it('checks only the MAC, not alg or JSON', () => {
    expect(verifyHs256(signCompact({ alg: 'none' }, [1, 2], 'k'), 'k')).toBe(true);
  });

  it.each([
    ['another key', signCompact({ alg: 'HS256' }, {}, 'k'), 'other'],
    ['an empty signature', joinSegments(HEADER, PAYLOAD, ''), 'k'],
    ['two segments', joinSegments(HEADER, PAYLOAD), 'k'],
    ['a non-base64url signature', joinSegments(HEADER, PAYLOAD, '*'), 'k'],
    ['an HS512 MAC', signCompact({ alg: 'HS512' }, {}, 'k', 'HS512'), 'k'],
  ])('rejects %s', (_kind, token, key) => {
    expect(verifyHs256(token, key)).toBe(false);
  });
});
