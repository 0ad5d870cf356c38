import fc from 'fast-check';
import type { Json } from '../recipe-parts.js';

/**
 * A long string, 1 to 4 KiB: long enough to meet a field limit, well under a body limit.
 * A short piece repeated, which is cheap to make and shrinks to one character repeated.
 */
export const longText: fc.Arbitrary<string> = fc
  .tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: 1024, max: 4096 }))
  .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length));

/**
 * Any code point, lone surrogates included (JSON escapes them). fast-check's own
 * `unit: 'binary'` spends most of a second building tables before its first value.
 */
const anyCodePoint: fc.Arbitrary<string> = fc.integer({ min: 0, max: 0x10ffff }).map((codePoint) => String.fromCodePoint(codePoint));

/**
 * Text as a field or claim may carry it: short ASCII, Unicode graphemes, any code point,
 * and now and then a long string.
 */
export const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: anyCodePoint, maxLength: 12 }) },
  { weight: 1, arbitrary: longText },
);

/** Numbers of every kind JSON carries: small, huge, negative, fractional. */
export const number: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1e21, 1e300, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2),
);

const scalar: fc.Arbitrary<Json> = fc.oneof(fc.constant(null), fc.boolean(), number, text);
const array: fc.Arbitrary<Json> = fc.array(scalar, { maxLength: 3 });
const object: fc.Arbitrary<Json> = fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 });

/** A JSON value of every type other than string, each type as likely as the next. */
export const nonString: fc.Arbitrary<Json> = fc.oneof(fc.constant(null), fc.boolean(), number, array, object);

/** Any JSON value, each type as likely as the next, so type confusion is tried often. */
export const json: fc.Arbitrary<Json> = fc.oneof(fc.constant(null), fc.boolean(), number, text, array, object);

/**
 * A name as parameters, claims and fields are spelled, or any short string. Built once:
 * `fc.stringMatching` takes some 15 ms to compile its pattern, paid at every import otherwise.
 */
const name: fc.Arbitrary<string> = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/), fc.string({ minLength: 1, maxLength: 12 }));

/** A parameter, claim or field name, never one of `reserved` (nor `__proto__`, which no assignment can set). */
export function nameOtherThan(reserved: readonly string[]): fc.Arbitrary<string> {
  return name.filter((candidate) => candidate !== '__proto__' && !reserved.includes(candidate));
}
