/**
 * `grantproof doctor`: SPEC §1's validation run step by step on a user's own token request,
 * locally, and optionally against their server, with the verdict and what to do next.
 */
export { readRequest } from './read-request.js';
export { UnreadableRequest, type DoctorRequest } from './request.js';
export { diagnose, type Diagnosis, type DiagnoseOptions } from './diagnose.js';
export type { Verdict } from './verdict.js';
export { consultTarget, TargetUnreachable, type TargetReport, type ConsultOptions } from './send.js';
export { explainAnswers, type Answers, type Explanation, type TargetAnswer } from './explain.js';
export { LEGEND, renderJson, renderSteps, renderText, type DoctorReport } from './render.js';
export { gatherFacts, type Facts } from './facts.js';
export { bothZones, expiryPhrase, spanBetween } from './time.js';
export type { Finding, Mark, Refusal, StepName, StepResult } from './step.js';
export { diagnoseToken, type TokenDiagnosis, type TokenOptions } from './token.js';
