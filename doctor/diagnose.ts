import { gatherFacts, type Facts } from './facts.js';
import { nextActions } from './next-actions.js';
import type { DoctorRequest } from './request.js';
import { checkCode, checkRedirectUri } from './steps/code.js';
import { checkAlg, checkClaims, checkClientIdMatch, checkClientLookup, checkExp, checkJws, checkSignature } from './steps/client-secret.js';
import { checkBody, checkContentType, checkFields, checkMethod } from './steps/request-shape.js';
import type { StepResult } from './step.js';
import type { Verdict } from './verdict.js';

/** The steps in the order the server takes them: the request's shape, then SPEC §1 steps 1–8. */
const STEPS: readonly ((facts: Facts) => StepResult)[] = [
  checkMethod,
  checkContentType,
  checkBody,
  checkFields,
  checkJws,
  checkAlg,
  checkClaims,
  checkClientLookup,
  checkSignature,
  checkExp,
  checkClientIdMatch,
  checkCode,
  checkRedirectUri,
];

export interface Diagnosis {
  readonly steps: readonly StepResult[];
  readonly verdict: Verdict;
  /** What to do, most important first. */
  readonly next: readonly string[];
}

export interface DiagnoseOptions {
  /** The client's stored secret, when known. */
  readonly secret: string | null;
  /** When to judge `exp` at, ms since the epoch. */
  readonly nowMs: number;
  /** The environment variable the user keeps the secret in, for the commands suggested. */
  readonly secretEnv?: string;
}

/** Runs SPEC §1's validation, step by step, on the user's own request. Pure. */
export function diagnose(request: DoctorRequest, options: DiagnoseOptions): Diagnosis {
  const facts = gatherFacts(request, options.secret, options.nowMs);
  const steps = STEPS.map((step) => step(facts));
  const verdict = verdictOf(steps);
  return { steps, verdict, next: nextActions(steps, verdict, facts, options.secretEnv ?? 'STORED_SECRET') };
}

function verdictOf(steps: readonly StepResult[]): Verdict {
  const decisive = steps.find((step) => step.mark === 'fail');
  if (decisive?.refusal) {
    const { status, error } = decisive.refusal;
    const answer = `${status} ${error ?? 'Method Not Allowed'}`;
    return { outcome: 'refused', status, error, step: decisive.step, line: `${answer} (${decisive.clause})${expiryCaveat(decisive, steps)}` };
  }
  const unchecked = steps.some((step) => step.step === 'signature' && step.mark === 'unknown');
  return {
    outcome: 'no fault found',
    line: `no fault found${unchecked ? ' (the signature was not checked)' : ''}: the server should authenticate the client if it knows it with this secret; the code and redirect_uri are for it to judge`,
  };
}

/** SPEC §1 step 5 comes after the signature: unchecked, an expired JWT may get invalid_client instead. */
function expiryCaveat(decisive: StepResult, steps: readonly StepResult[]): string {
  const signature = steps.find((step) => step.step === 'signature');
  if (decisive.step !== 'exp' || signature?.mark !== 'unknown') return '';
  return ', if the server holds the secret it was signed with; invalid_client otherwise';
}
