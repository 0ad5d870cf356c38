import { requirementById } from '../catalogue/index.js';
import { conformingStatuses, type Rfc6749ErrorCode } from '../vocabulary/error-codes.js';
import { refusalCodesOf, type Expectation } from '../vocabulary/expectation.js';
import type { Refusal } from './step.js';

/** The answers SPEC §5's table gives an rfc7523 request, with no `--status` pinning one. */
const RFC7523_RULES = { profile: 'rfc7523', statuses: {} } as const;

/**
 * SPEC §5's expectations for the rules the catalogue holds no rfc7523 entry for yet, each under
 * its requirement ID. test/doctor/assertion-steps.test.ts fails once the catalogue holds one, so
 * that the catalogue stays the one source of truth and its entry replaces this one.
 */
export const SPEC5_ONLY: Readonly<Record<string, Expectation<Rfc6749ErrorCode>>> = {
  /** RFC 6749 §3.2: "Request and response parameters MUST NOT be included more than once". */
  'REQ-DUPLICATE-PARAM': { error: 'invalid_request' },
  /** RFC 6749 §5.2: a missing grant_type is a missing parameter, or a grant the server does not support. */
  'REQ-GRANT-TYPE': { error: ['invalid_request', 'unsupported_grant_type'] },
  /** RFC 7636 §4.6 (a missing verifier: invalid_grant or invalid_request). */
  'PKCE-VERIFIER': { error: ['invalid_grant', 'invalid_request'] },
};

/** SPEC §5 REQ-GRANT-TYPE: `grant_type=password` is unsupported_grant_type alone (RFC 6749 §5.2). */
export const UNSUPPORTED_GRANT_TYPE: Refusal = { status: 400, error: 'unsupported_grant_type' };

/**
 * What a conforming rfc7523 server answers where a requirement's rule is broken: the first code
 * its typed expectation names at the profile's preferred status, the other codes and statuses
 * that conform as `alsoConforming`. Read from the catalogue, else from `SPEC5_ONLY`.
 */
export function assertionRefusalOf(requirementId: string): Refusal {
  const expectation = requirementById(requirementId)?.expect.rfc7523 ?? SPEC5_ONLY[requirementId];
  if (expectation === undefined) throw new RangeError(`${requirementId} has no rfc7523 expectation, so no doctor step can stand for it`);
  if ('status' in expectation) {
    return { status: expectation.status, error: null, ...(expectation.orStatus === undefined ? {} : { alsoConforming: [{ status: expectation.orStatus, error: null }] }) };
  }
  const answers = refusalCodesOf(expectation).flatMap((error) => conformingStatuses(error, RFC7523_RULES).map((status) => ({ status, error })));
  const [first, ...others] = answers;
  if (first === undefined) throw new RangeError(`${requirementId} expects no refusal in rfc7523, so no doctor step can stand for it`);
  return { ...first, ...(others.length ? { alsoConforming: others } : {}) };
}
