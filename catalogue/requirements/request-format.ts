import { successResponse } from '../../checks/success-response.js';
import * as forge from '../../jwt/index.js';
import { randomUUID } from 'node:crypto';
import { judgeAnswer } from '../../checks/expectation.js';
import { bodyVariant, eachVariant, eachVariantAsExpected, secretVariant, validWith, type Variant } from '../variants.js';
import type { Requirement } from '../types.js';
import type { TokenBody } from '../case-kit.js';
import { inEveryProfile, type AnswerExpectation } from '../../vocabulary/expectation.js';
import type { Rfc6749ErrorCode } from '../../vocabulary/error-codes.js';
import { formEncoded } from '../../vocabulary/form.js';
import type { ProfileName } from '../../vocabulary/profile.js';

/** SPEC §1: the five fields of the request body, all required strings. */
const FIELDS = ['client_id', 'client_secret', 'redirect_uri', 'code', 'passphrase'] as const;

/** Values of every JSON type but string, each built from the valid value it replaces. */
const WRONG_TYPES: readonly [string, (valid: unknown) => unknown][] = [
  ['a number', () => 12345],
  ['null', () => null],
  ['an array', (valid) => [valid]],
  ['an object', (valid) => ({ value: valid })],
];

/**
 * The valid request's fields (storx's body, rfc7523's form) sent as raw text, so the body can be
 * anything; for the profiles given (every one when none is).
 */
function rawVariant(name: string, text: (fields: TokenBody) => string, contentType?: string, profiles?: readonly ProfileName[]): Variant {
  return {
    name,
    ...(profiles ? { profiles } : {}),
    build: async (fixture, kit) => {
      const valid = await kit.validRequest(fixture);
      const fields = valid.body ?? valid.form ?? {};
      return { ...(valid.headers ? { headers: valid.headers } : {}), raw: { text: text(fields), carries: fields, ...(contentType !== undefined ? { contentType } : {}) } };
    },
  };
}

const STORX: readonly ProfileName[] = ['storx'];
const RFC7523: readonly ProfileName[] = ['rfc7523'];

/** RFC 6749 Appendix B's media type as HTTP clients spell it, for REQ-CONTENT-TYPE-PARAMS in rfc7523. */
const FORM_SPELLINGS = ['application/x-www-form-urlencoded; charset=utf-8', 'application/x-www-form-urlencoded;charset=UTF-8', 'Application/X-WWW-Form-URLEncoded'];

/** SPEC §5: the parameters a request misses for REQ-MISSING-FIELD in rfc7523 (the client's are RFC7523-ASSERTION-TYPE's and others'). */
const RFC7523_FIELDS = ['code', 'redirect_uri'] as const;

/**
 * REQ-GRANT-TYPE's answer to a request without grant_type: RFC 6749 §4.1.3 makes it REQUIRED
 * (invalid_request without it), yet §5.2's unsupported_grant_type fits too; SPEC §5 accepts both.
 */
export const MISSING_GRANT_TYPE: AnswerExpectation<Rfc6749ErrorCode> = { error: ['invalid_request', 'unsupported_grant_type'] };

/** application/json as HTTP clients spell it (OkHttp's `; charset=utf-8`, older Spring's `;charset=UTF-8`). */
const JSON_SPELLINGS = ['application/json; charset=utf-8', 'application/json;charset=UTF-8', 'Application/JSON', 'application/json ; charset=utf-8'];


export const requestFormat: readonly Requirement[] = [
  {
    id: 'REQ-CONTENT-TYPE',
    level: 'MUST',
    category: 'request-format',
    stage: 'conformance',
    title: 'A body of another media type than the profile\'s (storx: application/json; rfc7523: a form) is refused',
    source: 'SPEC §1 (request), §5; RFC 9110 §15.5.16',
    sourceIn: { rfc7523: 'SPEC §5 (request); RFC 6749 §4.1.3 (application/x-www-form-urlencoded); RFC 9110 §15.5.16' },
    // RFC 9110 §15.5.16: 415 Unsupported Media Type refuses as well.
    expect: { storx: { error: 'invalid_request', orStatus: 415 }, rfc7523: { status: 400, orStatus: 415 } },
    variants: [
      rawVariant('the valid fields form-encoded (application/x-www-form-urlencoded)', formEncoded, 'application/x-www-form-urlencoded', STORX),
      rawVariant('the valid JSON body sent as text/plain', (body) => JSON.stringify(body), 'text/plain', STORX),
      rawVariant('the valid JSON body without a Content-Type', (body) => JSON.stringify(body), undefined, STORX),
      rawVariant('the valid parameters as a JSON body (application/json)', (form) => JSON.stringify(form), 'application/json', RFC7523),
    ],
  },
  {
    id: 'REQ-MALFORMED-JSON',
    level: 'MUST',
    category: 'request-format',
    stage: 'conformance',
    title: 'A body that is not a JSON object is refused',
    source: 'SPEC §1 (request); RFC 8259',
    expect: { storx: { error: 'invalid_request' } },
    variants: [
      rawVariant('the valid JSON cut in half', (body) => JSON.stringify(body).slice(0, Math.floor(JSON.stringify(body).length / 2)), 'application/json'),
      rawVariant('a trailing comma', (body) => `${JSON.stringify(body).slice(0, -1)},}`, 'application/json'),
      rawVariant('single-quoted strings', (body) => JSON.stringify(body).replaceAll('"', "'"), 'application/json'),
      rawVariant('an empty body', () => '', 'application/json'),
      rawVariant('the JSON literal null', () => 'null', 'application/json'),
      rawVariant('a JSON array of the valid body', (body) => JSON.stringify([body]), 'application/json'),
    ],
  },
  {
    id: 'REQ-MISSING-FIELD',
    level: 'MUST',
    category: 'request-format',
    stage: 'conformance',
    title: 'A request missing any of the five fields is refused',
    source: 'SPEC §1 (request); RFC 6749 §5.2',
    sourceIn: { rfc7523: 'SPEC §5 (request); RFC 6749 §4.1.3, §5.2' },
    expect: { storx: { error: 'invalid_request' }, rfc7523: { error: ['invalid_request', 'invalid_grant'] } },
    variants: [
      ...FIELDS.map((field) => ({ ...bodyVariant(`${field} missing`, () => ({ [field]: undefined })), profiles: STORX })),
      ...RFC7523_FIELDS.map((field) => ({ ...bodyVariant(`${field} missing`, () => ({ [field]: undefined })), profiles: RFC7523 })),
    ],
  },
  {
    id: 'REQ-DUPLICATE-PARAM',
    level: 'MUST',
    category: 'request-format',
    stage: 'conformance',
    title: 'A request with a parameter sent twice is refused',
    source: 'SPEC §5; RFC 6749 §3.2 ("Request and response parameters MUST NOT be included more than once")',
    expect: { rfc7523: { error: 'invalid_request' } },
    // An array is sent as the parameter repeated (TokenRequest.form), in this order.
    variants: [
      bodyVariant('code twice, the same value', (f) => ({ code: [f.code.code, f.code.code] })),
      bodyVariant('code twice, an unknown code first', (f) => ({ code: [randomUUID(), f.code.code] })),
      bodyVariant('code twice, an unknown code last', (f) => ({ code: [f.code.code, randomUUID()] })),
      bodyVariant('client_assertion twice, two valid assertions', async (f, kit) => ({ client_assertion: [await kit.mint(f.client), await kit.mint(f.client)] })),
      bodyVariant('grant_type twice, authorization_code both times', () => ({ grant_type: ['authorization_code', 'authorization_code'] })),
    ],
  },
  {
    id: 'REQ-GRANT-TYPE',
    level: 'MUST',
    category: 'request-format',
    stage: 'conformance',
    title: 'A request without grant_type, or for another grant than authorization_code, is refused',
    source: 'SPEC §5; RFC 6749 §4.1.3 (grant_type REQUIRED), §5.2 (unsupported_grant_type)',
    expect: { rfc7523: { error: 'unsupported_grant_type', note: 'for a missing grant_type, invalid_request or unsupported_grant_type' } },
    async run(kit) {
      const other = await eachVariantAsExpected([bodyVariant('grant_type=password', () => ({ grant_type: 'password' }))])(kit);
      const missing = await eachVariant([bodyVariant('grant_type missing', () => ({ grant_type: undefined }))], (exchange, k) => judgeAnswer(MISSING_GRANT_TYPE, exchange, k.options))(kit);
      return { checks: [...missing.checks, ...other.checks] };
    },
  },
  {
    id: 'REQ-FIELD-TYPES',
    level: 'MUST',
    category: 'request-format',
    stage: 'conformance',
    title: 'A field that is not a string is refused',
    source: 'SPEC §1 (request); RFC 6749 §5.2',
    expect: { storx: { error: 'invalid_request' } },
    variants: FIELDS.flatMap((field) =>
      WRONG_TYPES.map(([typeName, make]): Variant => ({
        name: `${field} as ${typeName}`,
        build: async (fixture, kit) => {
          const valid = await kit.validRequest(fixture);
          return { ...valid, body: { ...valid.body, [field]: make(valid.body?.[field]) } };
        },
      })),
    ),
  },
  {
    id: 'REQ-PASSPHRASE-EMPTY',
    level: 'MUST',
    category: 'request-format',
    stage: 'conformance',
    title: 'An empty passphrase is a valid passphrase',
    source: 'SPEC §1 (request: "passphrase may be empty"); SPEC §2',
    expect: { storx: { grant: true, note: '200 {"access_grant", "scopes"} with the scopes granted, Cache-Control: no-store, as RESP-SUCCESS' } },
    async run(kit) {
      const fixture = await kit.fixture();
      const variant = 'a fully valid request with passphrase ""';
      const exchange = await kit.send(variant, () => validWith(kit, fixture, { passphrase: '' }));
      return { checks: [{ variant, exchange, judgement: successResponse(exchange, fixture.code.scopes, kit.profile) }] };
    },
  },
  {
    id: 'REQ-UNKNOWN-IGNORED',
    level: 'MUST',
    category: 'request-format',
    stage: 'conformance',
    title: 'Unrecognized body fields and JWT claims are ignored',
    source: 'SPEC §1 edge cases; RFC 6749 §3.2; RFC 7519 §4',
    sourceIn: { rfc7523: 'SPEC §5; RFC 6749 §3.2; RFC 7519 §4' },
    expect: inEveryProfile({ grant: true, note: '200, as for the valid request' }),
    variants: [
      // storx has no grant_type; rfc7523 sends it in every request, so an unknown name there.
      bodyVariant('an extra body field', (_, kit) => (kit.profile === 'storx' ? { grant_type: 'authorization_code' } : { x_grantproof: 'ignored' })),
      secretVariant('extra JWT claims (iat, jti and aud where the JWT has none, and an unknown one)', (input, _, kit) => {
        const extras: Record<string, unknown> = { iat: kit.now(), jti: 'grantproof-extra-claim', aud: 'storx', x_grantproof: 'ignored' };
        return forge.withClaimsJws(input, { ...input.claims, ...Object.fromEntries(Object.entries(extras).filter(([name]) => !(name in input.claims))) });
      }),
    ],
  },
  {
    id: 'REQ-CONTENT-TYPE-PARAMS',
    level: 'SHOULD',
    category: 'request-format',
    stage: 'conformance',
    title: 'The profile\'s media type is recognised in any letter case and with parameters',
    source: 'SPEC §1 (request), §5; RFC 9110 §8.3.1 (type and subtype are case-insensitive; OWS before ";"); RFC 8259 §11 (a charset has no effect)',
    sourceIn: { rfc7523: 'SPEC §5 (request); RFC 9110 §8.3.1 (type and subtype are case-insensitive; OWS before ";")' },
    expect: inEveryProfile({ grant: true, note: '200, as for the valid request' }),
    variants: [
      ...JSON_SPELLINGS.map((contentType) => rawVariant(`the valid JSON body as Content-Type: ${contentType}`, (body) => JSON.stringify(body), contentType, STORX)),
      ...FORM_SPELLINGS.map((contentType) => rawVariant(`the valid form as Content-Type: ${contentType}`, formEncoded, contentType, RFC7523)),
    ],
  },
  {
    id: 'REQ-METHOD',
    level: 'SHOULD',
    category: 'request-format',
    stage: 'conformance',
    title: 'Other methods than POST are refused with 405',
    source: 'SPEC §1 recommendations; RFC 9110 §15.5.6',
    sourceIn: { rfc7523: 'SPEC §5; RFC 6749 §3.2 (POST); RFC 9110 §15.5.6' },
    expect: inEveryProfile({ status: 405 }),
    variants: [
      { name: 'GET', build: () => ({ method: 'GET' }) },
      { name: 'PUT with a valid body', build: async (fixture, kit) => ({ ...(await validWith(kit, fixture, {})), method: 'PUT' }) },
      { name: 'DELETE', build: () => ({ method: 'DELETE' }) },
    ],
  },
];
