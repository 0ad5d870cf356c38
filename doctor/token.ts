import { gatherFacts } from './facts.js';
import { checkAlg, checkClaims, checkClientIdMatch, checkExp, checkJws, checkSignature } from './steps/client-secret.js';
import type { StepResult } from './step.js';

export interface TokenOptions {
  readonly secret: string | null;
  readonly nowMs: number;
  /** The client the token should be for, when known: then SPEC §1 step 6 is checked too. */
  readonly clientId: string | null;
}

export interface TokenDiagnosis {
  /** Decoded, not verified; null when the token is not a compact JWS. */
  readonly header: Readonly<Record<string, unknown>> | null;
  readonly payload: Readonly<Record<string, unknown>> | null;
  readonly steps: readonly StepResult[];
}

/**
 * `grantproof jwt decode`: the client_secret steps of SPEC §1 (1, 2, 4, 5, and 6 when the client
 * is named) on a token alone, through the doctor's own step functions.
 */
export function diagnoseToken(token: string, { secret, nowMs, clientId }: TokenOptions): TokenDiagnosis {
  const body = { client_secret: token, ...(clientId === null ? {} : { client_id: clientId }) };
  const facts = gatherFacts({ format: 'json', method: 'POST', url: null, headers: {}, body: JSON.stringify(body) }, secret, nowMs);
  const steps = [checkJws, checkAlg, checkClaims, checkSignature, checkExp, ...(clientId === null ? [] : [checkClientIdMatch])].map((step) => step(facts));
  return { header: facts.jws?.header ?? null, payload: facts.jws?.payload ?? null, steps };
}
