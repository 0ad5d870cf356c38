import fc from 'fast-check';
import { identifierVariants, redirectUriVariants, type IdentifierVariant, type RedirectUriVariant } from '../../near-variants.js';
import { TOKEN_FIELDS, type Change } from '../recipe.js';
import { json, longText, nameOtherThan } from './json.js';

/** SPEC §1: "passphrase may be empty": the valid request with passphrase "" is valid still. */
const emptyPassphrase: fc.Arbitrary<Change> = fc.constant({ part: 'field', name: 'passphrase', value: '' });

/** One of the five fields removed, or set to any JSON value (SPEC §1: required strings), or the passphrase emptied. */
const fieldValue: fc.Arbitrary<Change> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(fc.constantFrom(...TOKEN_FIELDS), fc.oneof(fc.constant(undefined), json)).map(([name, value]): Change => ({ part: 'field', name, value })),
  },
  { weight: 1, arbitrary: emptyPassphrase },
);

/** A field, named or not, with a long value (1–4 KiB): size handling is a class of its own. */
const longField: fc.Arbitrary<Change> = fc
  .tuple(fc.oneof(fc.constantFrom(...TOKEN_FIELDS), nameOtherThan(TOKEN_FIELDS)), longText)
  .map(([name, value]) => ({ part: 'field', name, value }));

/** A body field SPEC §1 does not name (RFC 6749 §3.2: ignored). */
const extraField: fc.Arbitrary<Change> = fc.tuple(nameOtherThan(TOKEN_FIELDS), json).map(([name, value]) => ({ part: 'field', name, value }));

/** The body's client_id or code, nearly right (SPEC §1 steps 6 and 7). */
const nearIdentifier: fc.Arbitrary<Change> = fc
  .tuple(fc.constantFrom('client_id' as const, 'code' as const), fc.constantFrom(...(Object.keys(identifierVariants) as IdentifierVariant[])))
  .map(([name, variant]) => ({ part: 'field near', name, variant }));

/** The redirect_uri, nearly right (SPEC §1 step 8). */
const nearRedirectUri: fc.Arbitrary<Change> = fc
  .constantFrom(...(Object.keys(redirectUriVariants) as RedirectUriVariant[]))
  .map((variant) => ({ part: 'redirect_uri near', variant }));

/** Changes to the body's fields, near variants of the identifiers the most often. */
export const bodyChange: fc.Arbitrary<Change> = fc.oneof(
  { weight: 2, arbitrary: fieldValue },
  { weight: 1, arbitrary: extraField },
  { weight: 3, arbitrary: nearIdentifier },
  { weight: 1, arbitrary: nearRedirectUri },
  { weight: 1, arbitrary: longField },
);

/** Content types: missing, other, and application/json in other spellings or with parameters. */
const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'application/jsonx',
  'application/json-patch+json',
  'application/vnd.api+json',
  'text/json',
  '*/*',
  '',
  'APPLICATION/JSON',
  'Application/Json',
  'application/json; charset=utf-8',
  'application/json;charset=UTF-8',
  'application/json; charset=iso-8859-1',
  'application/json; x=y',
];

/** Changes to how the body travels: its Content-Type, form encoding, duplicate keys in raw JSON. */
export const transportChange: fc.Arbitrary<Change> = fc.oneof(
  fc.oneof(fc.constant(undefined), fc.constantFrom(...CONTENT_TYPES)).map((value): Change => ({ part: 'content type', value })),
  fc.constant<Change>({ part: 'form encoded' }),
  fc.tuple(fc.constantFrom(...TOKEN_FIELDS), json).map(([name, value]): Change => ({ part: 'duplicate key', name, value })),
);
