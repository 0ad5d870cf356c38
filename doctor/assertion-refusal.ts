import { MISSING_GRANT_TYPE, MISSING_VERIFIER, requirementById } from '../catalogue/index.js';
import { conformingStatuses, type Rfc6749ErrorCode } from '../vocabulary/error-codes.js';
import { refusalCodesOf, type Expectation } from '../vocabulary/expectation.js';
import type { Refusal } from './step.js';

/** The answers SPEC §5's table gives an rfc7523 request, with no `--status` pinning one. */
const RFC7523_RULES = { profile: 'rfc7523', statuses: {} } as const;

/**
 * What a conforming rfc7523 server answers where a requirement's rule is broken: the first code
 * its typed expectation names at the profile's preferred status, the other codes and statuses
 * that conform as `alsoConforming`. Read from the catalogue.
 */
export function assertionRefusalOf(requirementId: string): Refusal {
  const expectation = requirementById(requirementId)?.expect.rfc7523;
  if (expectation === undefined) throw new RangeError(`${requirementId} has no rfc7523 expectation, so no doctor step can stand for it`);
  return refusalOf(requirementId, expectation);
}

/** SPEC §5 REQ-GRANT-TYPE: no grant_type is invalid_request or unsupported_grant_type (the catalogue's `MISSING_GRANT_TYPE`). */
export const GRANT_TYPE_MISSING: Refusal = refusalOf('REQ-GRANT-TYPE', MISSING_GRANT_TYPE);

/** SPEC §5 PKCE-VERIFIER: no code_verifier is invalid_grant or invalid_request (the catalogue's `MISSING_VERIFIER`). */
export const VERIFIER_MISSING: Refusal = refusalOf('PKCE-VERIFIER', MISSING_VERIFIER);

/** An expectation's refusal at the profile's statuses: its first code first, the others as `alsoConforming`. */
function refusalOf(requirementId: string, expectation: Expectation<Rfc6749ErrorCode>): Refusal {
  if ('status' in expectation) {
    return { status: expectation.status, error: null, ...(expectation.orStatus === undefined ? {} : { alsoConforming: [{ status: expectation.orStatus, error: null }] }) };
  }
  const answers = refusalCodesOf(expectation).flatMap((error) => conformingStatuses(error, RFC7523_RULES).map((status) => ({ status, error })));
  const [first, ...others] = answers;
  if (first === undefined) throw new RangeError(`${requirementId} expects no refusal in rfc7523, so no doctor step can stand for it`);
  return { ...first, ...(others.length ? { alsoConforming: others } : {}) };
}
