import type { JWK } from 'jose';
import type { ProfileName } from '../vocabulary/profile.js';
import { gatherAssertionFacts, type AssertionFacts, type AssertionKey } from './assertion-facts.js';
import { assertionNextActions } from './assertion-actions.js';
import { gatherFacts, type Facts } from './facts.js';
import { nextActions } from './next-actions.js';
import type { DoctorRequest } from './request.js';
import {
  checkAssertionAlg,
  checkAssertionClient,
  checkAssertionClientId,
  checkAssertionExp,
  checkAssertionJws,
  checkAssertionSignature,
  checkAud,
  checkIat,
  checkIssSub,
  checkJti,
  checkNbf,
} from './steps/assertion.js';
import { checkCode, checkRedirectUri } from './steps/code.js';
import { checkAlg, checkClaims, checkClientIdMatch, checkClientLookup, checkExp, checkJws, checkSignature } from './steps/client-secret.js';
import { checkAssertionType, checkFormContentType, checkParameters } from './steps/form-request.js';
import { checkCodeVerifier, checkGrantCode, checkGrantRedirectUri } from './steps/grant.js';
import { checkBody, checkContentType, checkFields, checkMethod } from './steps/request-shape.js';
import type { Refusal, StepResult } from './step.js';
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

/**
 * SPEC §5's steps, in a server's order: the form (RFC 6749 §3.2, §4.1.3), the client assertion
 * (RFC 7521 §4.2, then RFC 7523 §3 items 1–9 as the RFC lists them, the signature last), then
 * the grant and PKCE (RFC 7636 §4.5).
 */
const ASSERTION_STEPS: readonly ((facts: AssertionFacts) => StepResult)[] = [
  checkMethod,
  checkFormContentType,
  checkParameters,
  checkAssertionType,
  checkAssertionJws,
  checkAssertionAlg,
  checkIssSub,
  checkAssertionClient,
  checkAssertionClientId,
  checkAud,
  checkAssertionExp,
  checkNbf,
  checkJti,
  checkIat,
  checkAssertionSignature,
  checkGrantCode,
  checkGrantRedirectUri,
  checkCodeVerifier,
];

export interface Diagnosis {
  /** The profile whose validation was run (SPEC §5). */
  readonly profile: ProfileName;
  readonly steps: readonly StepResult[];
  readonly verdict: Verdict;
  /** What to do, most important first. */
  readonly next: readonly string[];
}

export interface DiagnoseOptions {
  /** The client's stored secret (storx), or its client secret (rfc7523 client_secret_jwt), when known. */
  readonly secret: string | null;
  /** When to judge `exp` at, ms since the epoch. */
  readonly nowMs: number;
  /** The environment variable the user keeps the secret in, for the commands suggested. */
  readonly secretEnv?: string;
  /** Whose validation to run: SPEC §1's (`storx`, the default) or SPEC §5's (`rfc7523`). */
  readonly profile?: ProfileName;
  /** rfc7523: the client's JWK, public or private (private_key_jwt), instead of a secret. */
  readonly jwk?: JWK;
  /** rfc7523: the `aud` the server must find (`--audience`, or the `--target` URL). */
  readonly audience?: string;
  /** rfc7523: the server's clock leeway for exp and nbf, seconds (default 0). */
  readonly leewaySeconds?: number;
}

/** Runs the profile's validation, step by step, on the user's own request. Pure. */
export function diagnose(request: DoctorRequest, options: DiagnoseOptions): Diagnosis {
  if (options.profile === 'rfc7523') return diagnoseAssertion(request, options);
  const facts = gatherFacts(request, options.secret, options.nowMs);
  const steps = STEPS.map((step) => step(facts));
  const verdict = verdictOf(steps, noFaultLine(steps, 'the server should authenticate the client if it knows it with this secret; the code and redirect_uri are for it to judge'));
  return { profile: 'storx', steps, verdict, next: nextActions(steps, verdict, facts, options.secretEnv ?? 'STORED_SECRET') };
}

function diagnoseAssertion(request: DoctorRequest, options: DiagnoseOptions): Diagnosis {
  const key: AssertionKey | null = options.jwk ? { kind: 'jwk', jwk: options.jwk } : options.secret === null ? null : { kind: 'secret', secret: options.secret };
  const facts = gatherAssertionFacts(request, { key, audience: options.audience ?? null, nowMs: options.nowMs, leewaySeconds: options.leewaySeconds ?? 0 });
  const steps = ASSERTION_STEPS.map((step) => step(facts));
  const verdict = verdictOf(steps, noFaultLine(steps, 'the server should authenticate the client if it knows it with this key; the code, redirect_uri and code_verifier are for it to judge'));
  return { profile: 'rfc7523', steps, verdict, next: assertionNextActions(steps, verdict) };
}

function noFaultLine(steps: readonly StepResult[], meaning: string): string {
  const unchecked = steps.some((step) => step.step === 'signature' && step.mark === 'unknown');
  return `no fault found${unchecked ? ' (the signature was not checked)' : ''}: ${meaning}`;
}

function verdictOf(steps: readonly StepResult[], noFault: string): Verdict {
  const decisive = steps.find((step) => step.mark === 'fail');
  if (decisive?.refusal) {
    const { status, error } = decisive.refusal;
    return { outcome: 'refused', status, error, step: decisive.step, line: `${answerOf(decisive.refusal)} (${decisive.clause})${alsoConforming(decisive.refusal)}${expiryCaveat(decisive, steps)}` };
  }
  return { outcome: 'no fault found', line: noFault };
}

/** `401 invalid_client`, `405 Method Not Allowed`, or a status alone (SPEC §5: 400 or 415 to another media type). */
function answerOf({ status, error }: Pick<Refusal, 'status' | 'error'>): string {
  return `${status} ${error ?? (status === 405 ? 'Method Not Allowed' : '')}`.trimEnd();
}

/** SPEC §5: `; also conforming: 400 invalid_client`, where more than one answer conforms. */
function alsoConforming(refusal: Refusal): string {
  return refusal.alsoConforming?.length ? `; also conforming: ${refusal.alsoConforming.map(answerOf).join(', ')}` : '';
}

/** SPEC §1 step 5 comes after the signature: unchecked, an expired JWT may get invalid_client instead. */
function expiryCaveat(decisive: StepResult, steps: readonly StepResult[]): string {
  const signature = steps.find((step) => step.step === 'signature');
  if (decisive.step !== 'exp' || signature?.mark !== 'unknown' || decisive.refusal?.error !== 'client_secret_expired') return '';
  return ', if the server holds the secret it was signed with; invalid_client otherwise';
}
