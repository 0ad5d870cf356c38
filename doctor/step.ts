import { requirementById } from '../catalogue/index.js';
import { DEFAULT_ERROR_STATUS, type AnyErrorCode } from '../vocabulary/error-codes.js';
import { refusalCodesOf } from '../vocabulary/expectation.js';

/**
 * How one step came out: `pass`, `fail` (the server must refuse here), `warn` (a SHOULD or
 * a likely mistake, no refusal), `unknown` (only the server, or a secret not given, can
 * tell), `skipped` (an earlier failure leaves nothing to check).
 */
export type Mark = 'pass' | 'fail' | 'warn' | 'unknown' | 'skipped';

/**
 * The steps, in the order the server takes them: SPEC §1 "Validation order" (storx), and for
 * rfc7523 the form's parameters, RFC 7523 §3's items of the assertion, then PKCE (SPEC §5).
 */
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
  | 'redirect-uri'
  | 'parameters'
  | 'assertion-type'
  | 'iss-sub'
  | 'aud'
  | 'nbf'
  | 'jti'
  | 'iat'
  | 'code-verifier';

/** What a step found wrong: a closed set that scripts (`--json`) and tests switch on. */
export type Finding = StorxFinding | AssertionFinding;

/** What the storx steps (SPEC §1) find. */
export type StorxFinding =
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

/** What the rfc7523 steps (SPEC §5) find; the names storx shares mean the same there. */
export type AssertionFinding =
  | 'METHOD_NOT_POST'
  | 'CONTENT_TYPE_NOT_FORM'
  | 'PARAMETER_DUPLICATE'
  | 'GRANT_TYPE_MISSING'
  | 'GRANT_TYPE_UNSUPPORTED'
  | 'PARAMETER_MISSING'
  | 'ASSERTION_TYPE_WRONG'
  | 'TWO_AUTH_METHODS'
  | 'PLACEHOLDER'
  | 'RAW_SECRET_SENT'
  | 'NOT_A_JWS'
  | 'ALG_NONE'
  | 'ALG_NOT_THE_CLIENTS'
  | 'ALG_CONFUSION'
  | 'CRIT_HEADER'
  | 'ISS_SUB_MISSING'
  | 'ISS_NOT_SUB'
  | 'CLIENT_ID_MISMATCH'
  | 'AUD_MISSING'
  | 'AUD_NOT_THIS_SERVER'
  | 'CLAIM_MISSING'
  | 'CLAIM_NOT_TYPED'
  | 'EXPIRED'
  | 'EXP_TOO_FAR'
  | 'NOT_YET_VALID'
  | 'JTI_MISSING'
  | 'IAT_NOT_TYPED'
  | 'IAT_IN_FUTURE'
  | 'HEX_DECODED_KEY'
  | 'SECRET_WHITESPACE'
  | 'KID_MISMATCH'
  | 'SIGNATURE_MISMATCH'
  | 'VERIFIER_MISSING'
  | 'VERIFIER_MALFORMED';

/**
 * The answer the profile's table gives a request refused at a step: status and `error` (none for
 * a 405, nor for SPEC §5's 400 to a body of another media type).
 */
export interface Refusal {
  readonly status: number;
  readonly error: AnyErrorCode | null;
  /** rfc7523: the other answers that conform as well (SPEC §5: invalid_client with 401 or 400; two codes where RFC 6749 §5.2 lets both fit). */
  readonly alsoConforming?: readonly { readonly status: number; readonly error: AnyErrorCode | null }[];
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
