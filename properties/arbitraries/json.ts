import fc from 'fast-check';
import type { Json } from '../recipe.js';

/**
 * Text as a field or claim may carry it: short ASCII, Unicode graphemes, any code point,
 * and now and then a long string (up to 4 KiB, well under a body limit).
 */
export const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 1024, maxLength: 4096 }) },
);

/** Numbers of every kind JSON carries: small, huge, negative, fractional. */
export const number: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1e21, 1e300, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2),
);

const scalar: fc.Arbitrary<Json> = fc.oneof(fc.constant(null), fc.boolean(), number, text);

/** A JSON value of every type other than string. */
export const nonString: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  number,
  fc.array(scalar, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }),
);

/** Any JSON value. */
export const json: fc.Arbitrary<Json> = fc.oneof(text, nonString);

/** A parameter, claim or field name, never one of `reserved` (nor `__proto__`, which no assignment can set). */
export function nameOtherThan(reserved: readonly string[]): fc.Arbitrary<string> {
  return fc
    .oneof(fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/), fc.string({ minLength: 1, maxLength: 12 }))
    .filter((name) => name !== '__proto__' && !reserved.includes(name));
}
