import fc from 'fast-check';
import { identifierVariants, type IdentifierVariant } from '../../near-variants.js';
import { REGISTERED_CLAIMS, type Change, type SignatureChange } from '../recipe.js';
import { json, nameOtherThan, nonString, number, text } from './json.js';

/** The limits the exp boundaries are drawn around (SPEC §4 `--leeway`, `--max-lifetime`). */
export interface ExpLimits {
  readonly leewaySeconds: number;
  readonly maxLifetimeSeconds: number;
}

/** Spellings of alg a lax comparison or an alg-agile library might take (SPEC §1 step 2). */
const ALG_SPELLINGS = ['none', 'None', 'NONE', 'nOnE', 'hs256', 'Hs256', 'HS256 ', ' HS256', 'HS256\u0000', 'HS384', 'HS512', 'RS256', 'ES256', 'PS256', 'EdDSA', 'HS', ''];

const alg: fc.Arbitrary<Change> = fc
  .oneof(fc.constantFrom(...ALG_SPELLINGS), nonString, fc.constant(undefined))
  .map((value) => ({ part: 'header', name: 'alg', value }));

const typ: fc.Arbitrary<Change> = fc
  .oneof(fc.constant(undefined), fc.constantFrom('jwt', 'JWS', 'at+jwt', ''), json)
  .map((value) => ({ part: 'header', name: 'typ', value }));

/** RFC 7515 §4.1.11: a `crit` the server cannot honour, or a malformed one. */
const crit: fc.Arbitrary<Change> = fc
  .oneof(fc.constant(['b64']), fc.constant(['exp']), fc.constant([]), fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 3 }), nonString)
  .map((value) => ({ part: 'header', name: 'crit', value }));

/** Header parameters a target must ignore: kid, key references, unknown extensions; and b64 (RFC 7797). */
const otherHeaderParameter: fc.Arbitrary<Change> = fc
  .tuple(fc.oneof(fc.constantFrom('kid', 'cty', 'x5t', 'x5c', 'b64'), nameOtherThan(['alg', 'typ', 'crit', 'jku', 'x5u', 'jwk'])), json)
  .map(([name, value]) => ({ part: 'header', name, value }));

/** jku or x5u naming the harness's listener: fetching it is AUTH-HEADER-URL-FETCH. */
const headerUrl: fc.Arbitrary<Change> = fc.constantFrom('jku' as const, 'x5u' as const).map((name) => ({ part: 'header url', name }));

/** Changes to the JWT header. */
export const jwtHeaderChange: fc.Arbitrary<Change> = fc.oneof(alg, typ, crit, otherHeaderParameter, headerUrl);

const clientIdClaim: fc.Arbitrary<Change> = fc.oneof(
  fc.oneof(fc.constant(undefined), nonString, text).map((value): Change => ({ part: 'claim', name: 'client_id', value })),
  fc.constantFrom(...(Object.keys(identifierVariants) as IdentifierVariant[])).map((variant): Change => ({ part: 'claim client_id', variant })),
);

/** exp as no number: absent, numeric text, null, boolean, array, object (SPEC §1 step 2). */
const expNotANumber: fc.Arbitrary<Change> = fc
  .oneof(fc.constant(undefined), fc.integer({ min: 0 }).map(String), nonString.filter((value) => typeof value !== 'number'))
  .map((value) => ({ part: 'claim', name: 'exp', value }));

/** exp as an absolute number: zero, negative, huge, fractional. */
const expAbsolute: fc.Arbitrary<Change> = number.map((value) => ({ part: 'claim', name: 'exp', value }));

/**
 * exp relative to now: around the leeway boundary, around the maximum lifetime, anywhere in
 * ten years either way, or inside the window with a fraction (RFC 7519 §2 NumericDate).
 */
export function expOffset(limits: ExpLimits): fc.Arbitrary<Extract<Change, { part: 'exp offset' }>> {
  const { leewaySeconds: leeway, maxLifetimeSeconds: max } = limits;
  return fc
    .oneof(
      { weight: 2, arbitrary: fc.integer({ min: -leeway - 10, max: -leeway + 10 }) },
      { weight: 1, arbitrary: fc.integer({ min: max - 10, max: max + leeway + 10 }) },
      { weight: 1, arbitrary: fc.integer({ min: -10 * 365 * 86_400, max: 10 * 365 * 86_400 }) },
      { weight: 1, arbitrary: fc.tuple(fc.integer({ min: -leeway - 10, max: max + 10 }), fc.integer({ min: 1, max: 999 })).map(([seconds, ms]) => seconds + ms / 1000) },
    )
    .map((seconds) => ({ part: 'exp offset' as const, seconds }));
}

/** Claims besides client_id and exp, registered ones included (SPEC §1: ignored). */
const extraClaim: fc.Arbitrary<Change> = fc
  .tuple(fc.oneof(fc.constantFrom(...REGISTERED_CLAIMS, 'scope', 'client_secret'), nameOtherThan(['client_id', 'exp'])), json)
  .map(([name, value]) => ({ part: 'claim', name, value }));

/** Changes to the JWT payload. */
export function jwtClaimsChange(limits: ExpLimits): fc.Arbitrary<Change> {
  return fc.oneof(clientIdClaim, expNotANumber, expAbsolute, expOffset(limits), extraClaim);
}

/** Changes to the signature: another key, another alg, truncated, bit-flipped, empty, absent. */
export const signatureChange: fc.Arbitrary<Change> = fc
  .oneof(
    fc.constant<SignatureChange>({ kind: 'other key' }),
    fc.constant<SignatureChange>({ kind: 'embedded jwk' }),
    fc.constantFrom<SignatureChange>({ kind: 'other alg', alg: 'HS384' }, { kind: 'other alg', alg: 'HS512' }),
    fc.integer({ min: 1, max: 32 }).map((bytes): SignatureChange => ({ kind: 'truncated', bytes })),
    fc.integer({ min: 0, max: 255 }).map((bit): SignatureChange => ({ kind: 'bit flipped', bit })),
    fc.constantFrom<SignatureChange>({ kind: 'empty' }, { kind: 'absent' }),
  )
  .map((change) => ({ part: 'signature', change }));
