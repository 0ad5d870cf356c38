import { JWT_BEARER_ASSERTION_TYPE } from '../jwt/index.js';
import { stepsToAct } from './next-actions.js';
import type { AssertionFinding, StepName, StepResult } from './step.js';
import type { Verdict } from './verdict.js';

/** How a valid assertion is made (SPEC §5), for the actions that ask for a new one. */
const MINT =
  'mint a fresh assertion for each request: header {"alg", "kid"?}, claims iss = sub = client_id, aud the token endpoint URL, a random jti, iat now, exp now + 60 (grantproof/jwt mintClientAssertion does)';

/** What to do about template text, by the step that found it. */
const PLACEHOLDER_ACTIONS: Partial<Record<StepName, string>> = {
  client: 'use the client_id the client registration handed out',
  code: 'use the code the authorization response returned, and redeem it at once',
  'code-verifier': 'send the code_verifier the client made for this code',
};

/** What to do about each rfc7523 finding: one sentence. */
const ACTIONS: Readonly<Record<AssertionFinding, (step: StepResult) => string>> = {
  METHOD_NOT_POST: () => 'send the request with POST (curl: -X POST, or give the form with -d)',
  CONTENT_TYPE_NOT_FORM: () => "send the parameters as a form: Content-Type: application/x-www-form-urlencoded (curl's default for -d and --data-urlencode)",
  PARAMETER_DUPLICATE: () => 'send each parameter once: a client library or a template may append one the request already has',
  GRANT_TYPE_MISSING: () => 'send grant_type=authorization_code',
  GRANT_TYPE_UNSUPPORTED: () => 'send grant_type=authorization_code to redeem a code',
  PARAMETER_MISSING: () => 'send grant_type, code, redirect_uri, code_verifier, client_assertion_type and client_assertion as form parameters',
  ASSERTION_TYPE_WRONG: () => `send client_assertion_type=${JWT_BEARER_ASSERTION_TYPE}, exactly`,
  TWO_AUTH_METHODS: () => 'drop the Authorization: Basic header (curl: -u): the assertion alone authenticates the client',
  PLACEHOLDER: (step) => PLACEHOLDER_ACTIONS[step.step] ?? `replace the template text: ${MINT}`,
  RAW_SECRET_SENT: () => `send a JWT signed with the client secret, never the secret itself: ${MINT}`,
  NOT_A_JWS: () => MINT,
  ALG_NONE: () => `sign the assertion: ${MINT}`,
  ALG_NOT_THE_CLIENTS: () => 'sign with the alg the client registered: HS256 for client_secret_jwt, the JWK\'s alg (ES256 by default) for private_key_jwt',
  ALG_CONFUSION: () => 'sign a private_key_jwt assertion with the private key, under its alg (ES256, RS256 …), never HMAC',
  CRIT_HEADER: () => 'drop crit from the header: the header is {"alg", "kid"?}',
  ISS_SUB_MISSING: () => 'set both iss and sub to the client_id',
  ISS_NOT_SUB: () => 'set both iss and sub to the client_id (iss is not the authorization server)',
  CLIENT_ID_MISMATCH: () => "send the client_id the assertion's sub names, or none",
  AUD_MISSING: () => "set aud to the server's token endpoint URL (or its issuer, if it takes that)",
  AUD_NOT_THIS_SERVER: () => "set aud to exactly the server's token endpoint URL (or its issuer, if it takes that): check --audience",
  CLAIM_MISSING: () => MINT,
  CLAIM_NOT_TYPED: () => `send NumericDates as JSON numbers of seconds: ${MINT}`,
  EXPIRED: () => MINT,
  EXP_TOO_FAR: () => 'give the assertion a short life: exp at most a few minutes after iat, in seconds',
  NOT_YET_VALID: () => "drop nbf, or set it to now; check the client's clock",
  JTI_MISSING: () => 'put a fresh random jti (a UUID) into every assertion',
  IAT_NOT_TYPED: () => 'send iat as a JSON number of seconds since 1970',
  IAT_IN_FUTURE: () => "set iat to now; check the client's clock (NTP)",
  HEX_DECODED_KEY: () => 'key the HMAC with the client secret\'s UTF-8 bytes, not its hex decoding (Python: secret.encode("utf-8"), not bytes.fromhex(secret))',
  SECRET_WHITESPACE: () => 'strip the stray newline or spaces where the secret is read (a file, an environment variable, a copy and paste)',
  KID_MISMATCH: () => 'sign with the key the client registered and put its kid in the header',
  SIGNATURE_MISMATCH: () => 'sign with the key the server holds for this client: check that the secret or JWK given here is that one',
  VERIFIER_MISSING: () => 'send the code_verifier whose S256 challenge the authorization request carried',
  VERIFIER_MALFORMED: () => 'send the code_verifier the client made: 43 to 128 characters of A–Z a–z 0–9 - . _ ~ (32 random bytes, base64url)',
};

/** The next actions for an rfc7523 diagnosis, most important first, each said once. */
export function assertionNextActions(steps: readonly StepResult[], verdict: Verdict): string[] {
  // The rfc7523 steps make only rfc7523 findings.
  const actions = stepsToAct(steps, verdict).map((step) => ACTIONS[step.finding as AssertionFinding](step));
  if (verdict.outcome === 'no fault found') {
    const unchecked = steps.some((step) => step.step === 'signature' && step.mark === 'unknown');
    actions.push(unchecked ? 'give the client secret (--secret-env VAR) or the client\'s JWK (--jwk-file FILE) to check the signature too' : 'if the server still answers invalid_client, it does not know this client, holds another key for it, or takes another aud');
  }
  return [...new Set(actions)];
}
