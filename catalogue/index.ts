import { authorizationCode } from './requirements/authorization-code.js';
import { pkce } from './requirements/pkce.js';
import { clientAuthentication } from './requirements/client-authentication.js';
import { clientAssertion } from './requirements/client-assertion.js';
import { redirectUri } from './requirements/redirect-uri.js';
import { requestFormat } from './requirements/request-format.js';
import { response } from './requirements/response.js';
import { validationOrder } from './requirements/validation-order.js';
import { properties } from './requirements/properties.js';
import { contract } from './requirements/contract.js';
import { abuse } from './requirements/abuse.js';
import type { Requirement } from './types.js';

/** SPEC §4: the requirement whose case is the run's positive control. */
export const POSITIVE_CONTROL_ID = 'RESP-SUCCESS';

/**
 * The requirement catalogue: the single source of truth the suites and every report are
 * built from (SPEC §2). The positive control, RESP-SUCCESS, comes first; the run-wide
 * checks run last, over every exchange of the run. Adding a requirement means adding one
 * entry to one of these files.
 */
export const catalogue: readonly Requirement[] = orderForRun([
  ...response,
  ...clientAuthentication,
  ...clientAssertion,
  ...authorizationCode,
  ...pkce,
  ...redirectUri,
  ...requestFormat,
  ...validationOrder,
  ...properties,
  ...contract,
  ...abuse,
]);

/**
 * The positive control first, then the conformance cases, the properties, the contract, the
 * abuse stage (its bursts leave the target rate-limited, so nothing that needs answers comes
 * after it), and the run-wide checks last.
 */
function orderForRun(requirements: Requirement[]): Requirement[] {
  const first = requirements.filter((r) => r.id === POSITIVE_CONTROL_ID);
  const inStage = (stage: Requirement['stage']) => requirements.filter((r) => r.stage === stage && r.id !== POSITIVE_CONTROL_ID);
  return [...first, ...inStage('conformance'), ...inStage('properties'), ...inStage('contract'), ...inStage('abuse'), ...inStage('run-wide')];
}

/**
 * The expectations of the variants whose answer differs from their requirement's `expect` (SPEC
 * §5: a missing parameter, where two codes fit), for the doctor's steps that stand for them.
 */
export { MISSING_VERIFIER } from './requirements/pkce.js';
export { MISSING_GRANT_TYPE } from './requirements/request-format.js';

export function requirementById(id: string): Requirement | undefined {
  return catalogue.find((r) => r.id === id);
}

export type { Requirement, Level, Category, Stage, CaseRequirement, ContractRequirement, RunWideRequirement } from './types.js';
export { DEFAULT_ERROR_STATUS, ERROR_CODES, isErrorCode, type ErrorCode } from '../vocabulary/error-codes.js';
