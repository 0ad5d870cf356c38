import { JWT_BEARER_ASSERTION_TYPE } from '../../jwt/index.js';
import { RFC7523_PARAMETERS } from '../../vocabulary/profile.js';
import { param, type AssertionFacts } from '../assertion-facts.js';
import { assertionRefusalOf, GRANT_TYPE_MISSING } from '../assertion-refusal.js';
import { fail, pass, type StepResult } from '../step.js';

/** RFC 6749 Appendix B, §4.1.3: the token request is a form. */
const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/** The parameters an rfc7523 token endpoint reads (SPEC §5 "Request"); any other is ignored (RFC 6749 §3.2). */
export const ASSERTION_REQUEST_PARAMETERS: readonly string[] = [...RFC7523_PARAMETERS, 'client_id'];

/** RFC 6749 §4.1.3: the parameters of the authorization-code grant the doctor requires here. */
const GRANT_PARAMETERS = ['code', 'redirect_uri'] as const;

/**
 * RFC 6749 §4.1.3 and Appendix B: `application/x-www-form-urlencoded`, its type and subtype
 * case-insensitive (RFC 9110 §8.3.1), a parameter (`; charset=UTF-8`) allowed; another media type
 * is refused with 400, or 415 (REQ-CONTENT-TYPE).
 */
export function checkFormContentType({ request }: AssertionFacts): StepResult {
  const clause = 'RFC 6749 §4.1.3';
  const value = request.headers['content-type'];
  if (value === undefined) return fail('content-type', clause, 'CONTENT_TYPE_NOT_FORM', assertionRefusalOf('REQ-CONTENT-TYPE'), `no Content-Type header: the parameters must be sent as ${FORM_MEDIA_TYPE}`);
  if (value.split(';')[0]?.trim().toLowerCase() === FORM_MEDIA_TYPE) {
    return pass('content-type', clause, request.format === 'form' ? `${value} (a form body is sent as such)` : value);
  }
  const json = value.split(';')[0]?.trim().toLowerCase() === 'application/json' ? ': a token request is a form, not JSON (RFC 6749 Appendix B)' : `: the token endpoint takes ${FORM_MEDIA_TYPE}`;
  return fail('content-type', clause, 'CONTENT_TYPE_NOT_FORM', assertionRefusalOf('REQ-CONTENT-TYPE'), `${value}${json}`);
}

/**
 * RFC 6749 §3.2: each parameter at most once (REQ-DUPLICATE-PARAM); §4.1.3: `grant_type` is
 * `authorization_code` (REQ-GRANT-TYPE), `code` and `redirect_uri` are sent (REQ-MISSING-FIELD).
 * A parameter sent empty counts as omitted (RFC 6749 §3.2).
 */
export function checkParameters(facts: AssertionFacts): StepResult {
  const clause = 'RFC 6749 §3.2, §4.1.3';
  const { params } = facts;
  if (params === null) return fail('parameters', clause, 'PARAMETER_MISSING', assertionRefusalOf('REQ-MISSING-FIELD'), `${facts.paramsProblem ?? 'no parameters'}: grant_type, code, redirect_uri, code_verifier and the client assertion are missing`);
  const repeated = ASSERTION_REQUEST_PARAMETERS.filter((name) => (params.get(name)?.length ?? 0) > 1);
  if (repeated.length > 0) {
    const counts = repeated.map((name) => `${name} ${params.get(name)!.length} times`).join(', ');
    return fail('parameters', clause, 'PARAMETER_DUPLICATE', assertionRefusalOf('REQ-DUPLICATE-PARAM'), `${counts}: a parameter MUST NOT be included more than once (RFC 6749 §3.2)`);
  }
  const grantType = param(facts, 'grant_type');
  if (grantType === null) return fail('parameters', clause, 'GRANT_TYPE_MISSING', GRANT_TYPE_MISSING, 'no grant_type: send grant_type=authorization_code');
  if (grantType !== 'authorization_code') {
    return fail('parameters', clause, 'GRANT_TYPE_UNSUPPORTED', assertionRefusalOf('REQ-GRANT-TYPE'), `grant_type ${JSON.stringify(grantType)}: a code is redeemed with grant_type=authorization_code (RFC 6749 §4.1.3)`);
  }
  const missing = GRANT_PARAMETERS.filter((name) => param(facts, name) === null);
  if (missing.length > 0) return fail('parameters', clause, 'PARAMETER_MISSING', assertionRefusalOf('REQ-MISSING-FIELD'), `missing or empty: ${missing.join(', ')}`);
  const ignored = [...params.keys()].filter((name) => !ASSERTION_REQUEST_PARAMETERS.includes(name));
  return pass('parameters', clause, `grant_type=authorization_code, code, redirect_uri, each once${ignored.length ? ` (others ignored: ${ignored.join(', ')})` : ''}`);
}

/**
 * RFC 6749 §2.3: one authentication method a request, so no `Authorization: Basic` beside the
 * assertion (RFC7523-ONE-METHOD); RFC 7521 §4.2, RFC 7523 §2.2: `client_assertion_type` is the
 * jwt-bearer URN, exactly (RFC7523-ASSERTION-TYPE).
 */
export function checkAssertionType(facts: AssertionFacts): StepResult {
  const clause = 'RFC 7521 §4.2';
  const scheme = facts.request.headers['authorization']?.trim().split(/\s+/, 1)[0];
  if (scheme?.toLowerCase() === 'basic') {
    return fail('assertion-type', 'RFC 6749 §2.3', 'TWO_AUTH_METHODS', assertionRefusalOf('RFC7523-ONE-METHOD'), 'an Authorization: Basic header beside the assertion: a client MUST NOT use more than one authentication method in a request');
  }
  const type = param(facts, 'client_assertion_type');
  const refusal = assertionRefusalOf('RFC7523-ASSERTION-TYPE');
  if (type === JWT_BEARER_ASSERTION_TYPE) return pass('assertion-type', clause, JWT_BEARER_ASSERTION_TYPE);
  if (type === null) return fail('assertion-type', clause, 'ASSERTION_TYPE_WRONG', refusal, `no client_assertion_type: send client_assertion_type=${JWT_BEARER_ASSERTION_TYPE}`);
  const near = type.trim().toLowerCase() === JWT_BEARER_ASSERTION_TYPE ? ' (it differs only in letter case or spaces: the URN is compared exactly)' : '';
  return fail('assertion-type', clause, 'ASSERTION_TYPE_WRONG', refusal, `client_assertion_type ${JSON.stringify(type)} is not ${JWT_BEARER_ASSERTION_TYPE}${near}`);
}
