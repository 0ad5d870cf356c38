import fc from 'fast-check';
import { identifierVariants, redirectUriVariants, type IdentifierVariant, type RedirectUriVariant } from '../../near-variants.js';
import { ASSERTION_CLAIMS, type AssertionChange, type AssertionRecipe, type AssertionSignatureChange } from '../assertion-recipe.js';
import { RFC7523_PARAMETERS } from '../../../vocabulary/profile.js';
import { json, longText, nameOtherThan, nonString, text } from './json.js';
import { expOffset, type ExpLimits } from './jwt.js';

/**
 * The property stage's changes in profile rfc7523 (SPEC §5): to the assertion's header, claims
 * and signature, to the form's parameters, and to how the form travels.
 */

const IDENTIFIER_VARIANTS = Object.keys(identifierVariants) as IdentifierVariant[];

/** Spellings of alg a lax comparison or an alg-agile library might take (RFC 8725 §3.1). */
const ALG_SPELLINGS = ['none', 'None', 'NONE', 'hs256', 'HS256', 'HS384', 'HS512', 'RS256', 'ES256', 'es256', 'PS256', 'EdDSA', ''];

const alg: fc.Arbitrary<AssertionChange> = fc.oneof(fc.constantFrom(...ALG_SPELLINGS), nonString, fc.constant(undefined)).map((value) => ({ part: 'header', name: 'alg', value }));

/** crit (RFC 7515 §4.1.11), typ, kid, jwk and unknown parameters. */
const otherHeader: fc.Arbitrary<AssertionChange> = fc
  .tuple(fc.oneof(fc.constantFrom('crit', 'typ', 'kid', 'cty', 'x5t'), nameOtherThan(['alg', 'jku', 'x5u', 'jwk'])), json)
  .map(([name, value]) => ({ part: 'header', name, value }));

/** A claim SPEC §5 sets, removed or of any value; or a claim of another name (ignored, RFC 7519 §4). */
const claim: fc.Arbitrary<AssertionChange> = fc.oneof(
  fc.tuple(fc.constantFrom(...ASSERTION_CLAIMS), fc.oneof(fc.constant(undefined), json)).map(([name, value]): AssertionChange => ({ part: 'claim', name, value })),
  fc.tuple(nameOtherThan([...ASSERTION_CLAIMS, 'nbf']), json).map(([name, value]): AssertionChange => ({ part: 'claim', name, value })),
);

/** iss, sub or both nearly the client_id (RFC 7523 §3 items 1, 2.B). */
const identityNear: fc.Arbitrary<AssertionChange> = fc
  .tuple(fc.constantFrom('iss' as const, 'sub' as const, 'both' as const), fc.constantFrom(...IDENTIFIER_VARIANTS))
  .map(([claim, variant]) => ({ part: 'identity near', claim, variant }));

/** aud as the servers' confusions make it: empty, another server, an array with or without this one (RFC 7523 §3 item 3). */
const audience: fc.Arbitrary<AssertionChange> = fc
  .oneof(fc.constantFrom('', 'https://other-server.example/oauth2/token'), fc.array(text, { maxLength: 2 }), text)
  .map((value) => ({ part: 'claim', name: 'aud', value }));

/** nbf around now and the leeway (RFC 7523 §3 item 5). */
function nbfOffset(limits: ExpLimits): fc.Arbitrary<AssertionChange> {
  return fc.integer({ min: -60, max: limits.leewaySeconds + 30 }).map((seconds) => ({ part: 'nbf offset', seconds }));
}

/** jku or x5u naming the harness's listener: fetching it is AUTH-HEADER-URL-FETCH (RFC 8725 §3.10). */
const headerUrl: fc.Arbitrary<AssertionChange> = fc.constantFrom('jku' as const, 'x5u' as const).map((name) => ({ part: 'header url', name }));

const signature: fc.Arbitrary<AssertionChange> = fc
  .oneof(
    fc.constant<AssertionSignatureChange>({ kind: 'other key' }),
    fc.integer({ min: 1, max: 32 }).map((bytes): AssertionSignatureChange => ({ kind: 'truncated', bytes })),
    fc.integer({ min: 0, max: 255 }).map((bit): AssertionSignatureChange => ({ kind: 'bit flipped', bit })),
    fc.constantFrom<AssertionSignatureChange>({ kind: 'empty' }, { kind: 'absent' }),
  )
  .map((change) => ({ part: 'signature', change }));

/** A parameter of SPEC §5 removed or replaced with any text, a long one now and then; or one SPEC §5 does not name. */
const param: fc.Arbitrary<AssertionChange> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...RFC7523_PARAMETERS), fc.oneof(fc.constant(undefined), text)).map(([name, value]): AssertionChange => ({ part: 'param', name, value })) },
  { weight: 1, arbitrary: fc.tuple(nameOtherThan([...RFC7523_PARAMETERS, 'client_id']), fc.oneof(text, longText)).map(([name, value]): AssertionChange => ({ part: 'param', name, value })) },
);

const nearParam: fc.Arbitrary<AssertionChange> = fc
  .tuple(fc.constantFrom('code' as const, 'code_verifier' as const), fc.constantFrom(...IDENTIFIER_VARIANTS))
  .map(([name, variant]) => ({ part: 'param near', name, variant }));

const nearRedirectUri: fc.Arbitrary<AssertionChange> = fc
  .constantFrom(...(Object.keys(redirectUriVariants) as RedirectUriVariant[]))
  .map((variant) => ({ part: 'redirect_uri near', variant }));

const clientId: fc.Arbitrary<AssertionChange> = fc
  .tuple(fc.constantFrom('own' as const, 'near' as const), fc.constantFrom(...IDENTIFIER_VARIANTS))
  .map(([which, variant]) => ({ part: 'client_id', which, variant }));

/** A parameter of SPEC §5 (or another) sent twice (RFC 6749 §3.2). */
const duplicate: fc.Arbitrary<AssertionChange> = fc
  .tuple(fc.oneof(fc.constantFrom(...RFC7523_PARAMETERS), nameOtherThan([...RFC7523_PARAMETERS, 'client_id'])), text)
  .map(([name, value]) => ({ part: 'duplicate param', name, value }));

/** Content types: missing, other, the form's in other spellings or with parameters. */
const CONTENT_TYPES = ['application/json', 'text/plain', 'multipart/form-data', '', 'APPLICATION/X-WWW-FORM-URLENCODED', 'application/x-www-form-urlencoded; charset=utf-8', 'application/x-www-form-urlencoded;charset=UTF-8'];

const transport: fc.Arbitrary<AssertionChange> = fc.oneof(
  fc.oneof(fc.constant(undefined), fc.constantFrom(...CONTENT_TYPES)).map((value): AssertionChange => ({ part: 'content type', value })),
  fc.constant<AssertionChange>({ part: 'json body' }),
);

function change(limits: ExpLimits): fc.Arbitrary<AssertionChange> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.oneof(alg, otherHeader, headerUrl) },
    { weight: 3, arbitrary: fc.oneof(claim, identityNear, audience, expOffset(limits), nbfOffset(limits)) },
    { weight: 1, arbitrary: signature },
    { weight: 4, arbitrary: fc.oneof(param, nearParam, nearRedirectUri, clientId) },
    { weight: 2, arbitrary: fc.oneof(duplicate, transport) },
  );
}

/** Requests: up to three changes to the valid request, about a quarter of them unchanged. */
export function assertionRecipeArb(limits: ExpLimits): fc.Arbitrary<AssertionRecipe> {
  return fc.array(change(limits), { maxLength: 3 });
}

/** Valid requests but for the assertion's exp, drawn around now, the leeway and the maximum lifetime. */
export function assertionExpRecipeArb(limits: ExpLimits): fc.Arbitrary<AssertionRecipe> {
  return expOffset(limits).map((offset): AssertionRecipe => [offset]);
}
