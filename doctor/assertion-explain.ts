import type { Diagnosis } from './diagnose.js';
import type { Explanation, TargetAnswer } from './explain.js';

const accepted = (answer: TargetAnswer) => answer.status >= 200 && answer.status < 300;

function show(answer: TargetAnswer): string {
  return `${answer.status} ${answer.error ?? answer.contentType ?? 'without a body type'}`;
}

/** Whether the answer is one the decisive step's refusal allows (SPEC §5: a code and its status, or a status alone). */
function conforms(answer: TargetAnswer, diagnosis: Diagnosis): boolean {
  const { verdict } = diagnosis;
  if (verdict.outcome !== 'refused') return false;
  const refusal = diagnosis.steps.find((step) => step.step === verdict.step)?.refusal;
  if (refusal === undefined) return false;
  return [refusal, ...(refusal.alsoConforming ?? [])].some(({ status, error }) => answer.status === status && (error === null || answer.error === error));
}

/**
 * What an rfc7523 target's answer to the user's request means, set against the local verdict
 * (SPEC §5's codes: invalid_client for the client's authentication, invalid_grant for the code,
 * its redirect_uri and its code_verifier). Pure.
 */
export function explainAssertionAnswer(original: TargetAnswer, diagnosis: Diagnosis): Explanation {
  const { verdict } = diagnosis;
  if (accepted(original)) {
    if (verdict.outcome === 'refused') {
      return {
        line: `the server accepted a request SPEC §5 says it must refuse (${verdict.line}): it does not check the ${verdict.step} step`,
        next: ['run `grantproof run --profile rfc7523 --target URL --state-url URL` against the server to find every check it skips'],
      };
    }
    return { line: 'the server accepted the request: its access token is in the answer (redacted here); the code is now spent', next: [] };
  }
  if (original.status >= 500) return { line: `the server failed on this request (${show(original)}); no input may produce a 5xx`, next: ["read the server's log for this request: it names the cause"] };
  if (original.error === null && !conforms(original, diagnosis)) {
    return { line: `the answer (${show(original)}) is not a token endpoint's JSON error: --target may not be the token endpoint, or a gateway answered`, next: ['check --target: the full token endpoint URL'] };
  }
  if (conforms(original, diagnosis)) return { line: `as diagnosed: ${show(original)} (${verdict.outcome === 'refused' ? verdict.step : ''})`, next: [] };
  if (verdict.outcome === 'refused') return { line: `the server answered ${show(original)} where SPEC §5 expects ${verdict.line}`, next: [...diagnosis.next] };
  if (original.error === 'invalid_client') {
    return {
      line: `the server refuses the client (${show(original)}) though every step the doctor could check passes: it does not know the client, holds another key for it, or takes another aud`,
      next: [...diagnosis.next, "check the client's registration: its client_id, its secret or public key, its token_endpoint_auth_method and signing alg, and the aud the server takes (its token endpoint URL or issuer)"],
    };
  }
  if (original.error === 'invalid_grant') {
    return {
      line: `client authentication passed; ${show(original)}: the code is unknown, expired, redeemed or another client's, the redirect_uri differs, or the code_verifier is not the code's`,
      next: ['get a new code and redeem it at once, with the redirect_uri and the code_verifier of its authorization request'],
    };
  }
  return { line: `the server answered ${show(original)} where SPEC §5 expects client authentication to pass`, next: ['run `grantproof run --profile rfc7523` against the server to see which rule it departs from'] };
}
