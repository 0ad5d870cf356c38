import { TOKEN_FIELDS } from '../../catalogue/properties/recipe.js';
import type { Facts } from '../facts.js';
import { jsonTypeOf } from '../facts.js';
import { isPlaceholder } from '../placeholder.js';
import { fail, pass, refusalOf, skipped, warn, type StepResult } from '../step.js';

/** SPEC §1 "Request": of the five required string fields, only `passphrase` may be empty. */
const MAY_BE_EMPTY: ReadonlySet<string> = new Set(['passphrase']);

const REQUEST_CLAUSE = 'SPEC §1 Request';

/** SPEC §1: `POST {target}`; other methods SHOULD get 405 (REQ-METHOD). */
export function checkMethod({ request }: Pick<Facts, 'request'>): StepResult {
  if (request.method === 'POST') return pass('method', REQUEST_CLAUSE, request.format === 'json' ? 'POST (a JSON body is posted)' : 'POST');
  const how = request.format === 'curl' && request.body === null ? ' (curl sends GET when no body is given)' : '';
  return fail('method', REQUEST_CLAUSE, 'METHOD_NOT_POST', { status: 405, error: null }, `${request.method}${how}: the token endpoint takes POST`);
}

/**
 * SPEC §1 table: a wrong Content-Type is `invalid_request` (REQ-CONTENT-TYPE). SPEC §1 names
 * `application/json` alone: a server should accept a parameter (`; charset=utf-8`,
 * REQ-CONTENT-TYPE-PARAMS, a SHOULD) but may not, so it is a warning.
 */
export function checkContentType({ request }: Facts): StepResult {
  const value = request.headers['content-type'];
  if (value === undefined) return fail('content-type', REQUEST_CLAUSE, 'CONTENT_TYPE_NOT_JSON', refusalOf('REQ-CONTENT-TYPE'), 'no Content-Type header: the body must be sent as application/json');
  const [mediaType = '', ...parameters] = value.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType === 'application/json' && parameters.length === 0) {
    return pass('content-type', REQUEST_CLAUSE, request.format === 'json' ? `${value} (a JSON body is sent as such)` : value);
  }
  if (mediaType === 'application/json') {
    return warn('content-type', REQUEST_CLAUSE, 'CONTENT_TYPE_PARAMETER', `${value}: SPEC §1 names application/json alone; a server should accept the parameter (REQ-CONTENT-TYPE-PARAMS) but some refuse it`);
  }
  const curlDefault = request.format === 'curl' && value === 'application/x-www-form-urlencoded' ? ", curl's default for -d" : '';
  return fail('content-type', REQUEST_CLAUSE, 'CONTENT_TYPE_NOT_JSON', refusalOf('REQ-CONTENT-TYPE'), `${value}${curlDefault}: the token endpoint takes application/json`);
}

/** SPEC §1 table: a body that is not a JSON object is `invalid_request` (REQ-MALFORMED-JSON). */
export function checkBody({ body, bodyProblem }: Facts): StepResult {
  if (body === null) return fail('body', REQUEST_CLAUSE, 'BODY_NOT_JSON_OBJECT', refusalOf('REQ-MALFORMED-JSON'), bodyProblem ?? 'the body is not a JSON object');
  return pass('body', REQUEST_CLAUSE, 'a JSON object');
}

/**
 * SPEC §1: all five fields are required strings (REQ-MISSING-FIELD, REQ-FIELD-TYPES); an empty
 * client_id, client_secret, code or redirect_uri may be refused as `invalid_request` too.
 */
export function checkFields({ body }: Facts): StepResult {
  if (body === null) return skipped('fields', REQUEST_CLAUSE, 'no JSON object to read the fields from');
  const missing = TOKEN_FIELDS.filter((name) => !Object.hasOwn(body, name));
  const mistyped = TOKEN_FIELDS.filter((name) => Object.hasOwn(body, name) && typeof body[name] !== 'string');
  const empty = TOKEN_FIELDS.filter((name) => body[name] === '' && !MAY_BE_EMPTY.has(name));
  const problems = [
    ...(missing.length ? [`missing: ${missing.join(', ')}`] : []),
    ...mistyped.map((name) => `${name} is ${jsonTypeOf(body[name])}, not a string`),
    ...(empty.length ? [`empty: ${empty.join(', ')}`] : []),
  ];
  if (problems.length > 0) {
    const finding = missing.length ? 'FIELD_MISSING' : mistyped.length ? 'FIELD_NOT_STRING' : 'FIELD_EMPTY';
    const emptyNote = finding === 'FIELD_EMPTY' ? ' (invalid_request, or the error of the step that reads it: both conform)' : '';
    return fail('fields', REQUEST_CLAUSE, finding, refusalOf(finding === 'FIELD_NOT_STRING' ? 'REQ-FIELD-TYPES' : 'REQ-MISSING-FIELD'), `${problems.join('; ')}${emptyNote}`);
  }
  // The passphrase is never shown: say only that it looks like template text.
  if (isPlaceholder(body.passphrase as string)) {
    return warn('fields', REQUEST_CLAUSE, 'PLACEHOLDER', 'all five fields are strings, but passphrase looks like template text: give the user\'s own passphrase');
  }
  return pass('fields', REQUEST_CLAUSE, `${TOKEN_FIELDS.join(', ')}: all strings`);
}
