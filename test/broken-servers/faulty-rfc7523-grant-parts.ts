/**
 * Faulty replacements for the rfc7523 reference server's grant seams (reference-server/rfc7523/
 * redeem-code.ts and token-request.ts, SPEC §5): PKCE, the grant type and the form's
 * parameters, one bug each, for the gallery in index.ts. The client assertion's are in
 * faulty-rfc7523-parts.ts.
 */
import { rfc7523, setBy } from '../../reference-server/index.js';

type Step = rfc7523.Rfc7523Step;

/**
 * `checkCodeVerifier` that checks a verifier only when one is sent: a code issued with a
 * challenge is redeemed without any, so an intercepted code needs no verifier at all (RFC 7636
 * §4.6: the server MUST verify it; `if (verifier && !matches)`, a common slip).
 */
export const checkCodeVerifierWhenSent: Step = {
  name: 'checkCodeVerifier',
  run(ctx) {
    const { codeChallenge } = setBy(ctx.grant, rfc7523.findRedeemableCode);
    const verifier = ctx.request.code_verifier;
    if (codeChallenge !== undefined && verifier !== undefined && !rfc7523.verifierMatches(verifier, codeChallenge)) return 'invalid_grant';
    return undefined;
  },
};

/**
 * `requireAuthorizationCodeGrant` that takes a missing `grant_type` for `authorization_code`,
 * the one grant it serves: RFC 6749 §4.1.3 makes the parameter REQUIRED. Any other value is
 * still `unsupported_grant_type`.
 */
export const defaultGrantTypeToAuthorizationCode: Step = {
  name: 'requireAuthorizationCodeGrant',
  run(ctx, env) {
    if (ctx.request.grant_type === undefined) return undefined;
    return rfc7523.requireAuthorizationCodeGrant.run(ctx, env);
  },
};

/**
 * The form parser that reads each parameter's first value (`URLSearchParams.get`), so a
 * parameter sent twice is not refused: RFC 6749 §3.2, "Request and response parameters MUST
 * NOT be included more than once". A component in front that reads the last value sees
 * another request than this endpoint.
 */
export const parseFormTakingFirstValues: rfc7523.FormBodyParser = ({ contentType, bytes }) => {
  if (!rfc7523.isFormMediaType(contentType)) return 'invalid_request';
  let form: URLSearchParams;
  try {
    form = new URLSearchParams(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return 'invalid_request';
  }
  const request: Partial<Record<(typeof rfc7523.formTokenParameters)[number], string>> = {};
  for (const name of rfc7523.formTokenParameters) {
    const value = form.get(name);
    if (value) request[name] = value;
  }
  return request;
};
