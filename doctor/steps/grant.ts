import { param, type AssertionFacts } from '../assertion-facts.js';
import { assertionRefusalOf, VERIFIER_MISSING } from '../assertion-refusal.js';
import { isPlaceholder } from '../placeholder.js';
import { fail, pass, skipped, unknown, type StepResult } from '../step.js';

/** RFC 7636 §4.1: `code-verifier = 43*128unreserved`, unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~". */
const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** RFC 6749 §4.1.3: the code is the server's to judge; template text left in it is invalid_grant (CODE-UNKNOWN). */
export function checkGrantCode(facts: AssertionFacts): StepResult {
  const clause = 'RFC 6749 §4.1.3';
  const code = param(facts, 'code');
  if (code === null) return skipped('code', clause, 'no code to judge');
  if (isPlaceholder(code)) return fail('code', clause, 'PLACEHOLDER', assertionRefusalOf('CODE-UNKNOWN'), `code ${JSON.stringify(code)} is a placeholder, not a code the authorization response returned`);
  return unknown('code', clause, 'only the server knows whether the code is live, unused and issued to this client');
}

/** RFC 6749 §4.1.3: the server compares redirect_uri with the authorization request's, as strings. */
export function checkGrantRedirectUri(facts: AssertionFacts): StepResult {
  const clause = 'RFC 6749 §4.1.3';
  const redirectUri = param(facts, 'redirect_uri');
  if (redirectUri === null) return skipped('redirect-uri', clause, 'no redirect_uri to judge');
  return unknown('redirect-uri', clause, `only the server knows whether ${JSON.stringify(redirectUri)} is, character for character, the one the code was issued for`);
}

/**
 * RFC 7636 §4.5: the `code_verifier` of the code's challenge is sent (PKCE-VERIFIER), 43 to 128
 * characters of the unreserved alphabet (§4.1); whether its S256 is the challenge, only the server knows (§4.6).
 */
export function checkCodeVerifier(facts: AssertionFacts): StepResult {
  const clause = 'RFC 7636 §4.5';
  const verifier = param(facts, 'code_verifier');
  // A verifier missing, a placeholder or malformed (RFC 7636 §4.1): invalid_grant or invalid_request, as for a missing one.
  const refusal = VERIFIER_MISSING;
  if (verifier === null) return fail('code-verifier', clause, 'VERIFIER_MISSING', refusal, 'no code_verifier: a code issued with a code_challenge is redeemed with its verifier');
  if (isPlaceholder(verifier)) return fail('code-verifier', clause, 'PLACEHOLDER', refusal, `code_verifier ${JSON.stringify(verifier)} is a placeholder, not the verifier the client made`);
  if (!CODE_VERIFIER.test(verifier)) {
    const problem = verifier.length < 43 || verifier.length > 128 ? `${verifier.length} characters, not 43 to 128` : 'characters outside A–Z a–z 0–9 - . _ ~';
    return fail('code-verifier', clause, 'VERIFIER_MALFORMED', refusal, `code_verifier has ${problem} (RFC 7636 §4.1)`);
  }
  return pass('code-verifier', clause, `${verifier.length} characters of the unreserved alphabet; only the server knows whether its S256 is the code's challenge (RFC 7636 §4.6)`);
}
