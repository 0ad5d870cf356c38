import { requirementById } from '../catalogue/index.js';
import { DEFAULT_ERROR_STATUS, type ErrorCode } from '../vocabulary/error-codes.js';
import { refusalCodesOf } from '../vocabulary/expectation.js';

/**
 * How one step came out: `pass`, `fail` (the server must refuse here), `warn` (a SHOULD or
 * a likely mistake, no refusal), `unknown` (only the server, or a secret not given, can
 * tell), `skipped` (an earlier failure leaves nothing to check).
 */
export type Mark = 'pass' | 'fail' | 'warn' | 'unknown' | 'skipped';

/** The steps, in the order the server takes them (SPEC §1 "Validation order"). */
export type StepName =
  | 'method'
  | 'content-type'
  | 'body'
  | 'fields'
  | 'jws'
  | 'alg'
  | 'claims'
  | 'client'
  | 'signature'
  | 'exp'
  | 'client-id'
  | 'code'
  | 'redirect-uri';

/** What a step found wrong: a closed set that scripts (`--json`) and tests switch on. */
export type Finding =
  | 'METHOD_NOT_POST'
  | 'CONTENT_TYPE_NOT_JSON'
  | 'CONTENT_TYPE_PARAMETER'
  | 'BODY_NOT_JSON_OBJECT'
  | 'FIELD_MISSING'
  | 'FIELD_NOT_STRING'
  | 'FIELD_EMPTY'
  | 'PLACEHOLDER'
  | 'RAW_SECRET_SENT'
  | 'NOT_A_JWS'
  | 'ALG_NONE'
  | 'ALG_NOT_HS256'
  | 'CRIT_HEADER'
  | 'CLAIM_MISSING'
  | 'CLAIM_NOT_TYPED'
  | 'HEX_DECODED_KEY'
  | 'SECRET_WHITESPACE'
  | 'SIGNATURE_MISMATCH'
  | 'EXPIRED'
  | 'EXP_TOO_FAR'
  | 'CLIENT_ID_MISMATCH';

/** The answer SPEC §1 gives a request refused at a step: status and `error` (none for a 405). */
export interface Refusal {
  readonly status: number;
  readonly error: ErrorCode | null;
}

/** One step of the diagnosis: a mark and one line, with what the server answers when it fails. */
export interface StepResult {
  readonly step: StepName;
  /** Where the rule comes from, e.g. `SPEC §1 step 4`. */
  readonly clause: string;
  readonly mark: Mark;
  readonly line: string;
  readonly finding?: Finding;
  /** Set when `mark` is `fail`: what the server answers at this step. */
  readonly refusal?: Refusal;
  /** Lines shown under the step (the JWT's header and payload). */
  readonly detail?: readonly string[];
}

/**
 * What a conforming server answers where a requirement's rule is broken: the refusal its
 * typed expectation names, at the status SPEC §1's table gives it, read from the catalogue.
 */
export function refusalOf(requirementId: string): Refusal {
  const [code] = refusalCodesOf(requirementById(requirementId)?.expect.storx ?? { rule: '' });
  if (code === undefined) throw new RangeError(`${requirementId} expects no refusal, so no doctor step can stand for it`);
  return { status: DEFAULT_ERROR_STATUS[code], error: code };
}

export function pass(step: StepName, clause: string, line: string, detail?: readonly string[]): StepResult {
  return { step, clause, mark: 'pass', line, ...(detail ? { detail } : {}) };
}

export function fail(step: StepName, clause: string, finding: Finding, refusal: Refusal, line: string, detail?: readonly string[]): StepResult {
  return { step, clause, mark: 'fail', line, finding, refusal, ...(detail ? { detail } : {}) };
}

export function warn(step: StepName, clause: string, finding: Finding, line: string): StepResult {
  return { step, clause, mark: 'warn', line, finding };
}

export function unknown(step: StepName, clause: string, line: string): StepResult {
  return { step, clause, mark: 'unknown', line };
}

export function skipped(step: StepName, clause: string, line: string): StepResult {
  return { step, clause, mark: 'skipped', line };
}
