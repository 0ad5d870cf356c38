import type { RawBody } from '../token-request.js';

/**
 * Turning the HTTP body of an rfc7523 token request into its parameters (SPEC §5, "Request";
 * RFC 6749 §4.1.3, RFC 7521 §4.2, RFC 7636 §4.5).
 */

/** The parameters this endpoint reads; any other is ignored (RFC 6749 §3.2). */
export const formTokenParameters = [
  'grant_type',
  'code',
  'redirect_uri',
  'code_verifier',
  'client_assertion_type',
  'client_assertion',
  'client_id',
] as const;

/** A parameter this endpoint reads. */
export type FormTokenParameter = (typeof formTokenParameters)[number];

/** The parameters of a token request, each absent when it was not sent or sent empty. */
export type FormTokenRequest = Readonly<Partial<Record<FormTokenParameter, string>>>;

/** Reads a token request from a body, or answers that it is `invalid_request`. */
export type FormBodyParser = (body: RawBody) => FormTokenRequest | 'invalid_request';

/**
 * RFC 6749 §4.1.3: `application/x-www-form-urlencoded`. The type and subtype are
 * case-insensitive (RFC 9110 §8.3.1) and may be followed by parameters.
 */
export function isFormMediaType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/**
 * The form's parameters (WHATWG URL, application/x-www-form-urlencoded parsing) from UTF-8
 * bytes (RFC 6749 Appendix B); `invalid_request` for bytes that are not UTF-8, or for a
 * parameter this endpoint reads sent more than once (RFC 6749 §3.2: "Request and response
 * parameters MUST NOT be included more than once"). One sent empty is absent (RFC 6749 §3.2:
 * "Parameters sent without a value MUST be treated as if they were omitted").
 */
export function readFormParameters(bytes: Uint8Array): FormTokenRequest | 'invalid_request' {
  let form: URLSearchParams;
  try {
    form = new URLSearchParams(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return 'invalid_request';
  }
  const request: Partial<Record<FormTokenParameter, string>> = {};
  for (const name of formTokenParameters) {
    const values = form.getAll(name);
    if (values.length > 1) return 'invalid_request';
    if (values[0]) request[name] = values[0];
  }
  return request;
}

/** The reference parser: a form body, each parameter it reads at most once; a JSON body is `invalid_request`. */
export const parseFormTokenRequest: FormBodyParser = ({ contentType, bytes }) =>
  isFormMediaType(contentType) ? readFormParameters(bytes) : 'invalid_request';
