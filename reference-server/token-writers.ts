import type { ServerResponse } from 'node:http';
import { errorDescriptions, type TokenErrorCode } from './errors.js';
import { noStoreHeaders, writeJson } from './json-response.js';
import type { TokenRequest } from './token-request.js';

/** An error answer of the token endpoint. */
export interface TokenErrorAnswer {
  readonly status: number;
  readonly error: TokenErrorCode;
}

/** SPEC §1 step 9: the success body. */
export interface TokenSuccess {
  readonly access_grant: string;
  readonly scopes: readonly string[];
}

/**
 * Writes an error answer. It is handed the parsed request, when there is one, but the
 * reference writer never looks at it.
 */
export type ErrorWriter = (res: ServerResponse, answer: TokenErrorAnswer, request?: TokenRequest) => void;

export type SuccessWriter = (res: ServerResponse, success: TokenSuccess) => void;

/** RFC 6749 §5.2: a JSON object with `error` (and `error_description`), not cacheable. */
export const writeTokenError: ErrorWriter = (res, { status, error }) =>
  writeJson(res, status, { error, error_description: errorDescriptions[error] }, noStoreHeaders);

/** RFC 6749 §5.1; SPEC §1 step 9: 200, JSON, `Cache-Control: no-store`. */
export const writeTokenSuccess: SuccessWriter = (res, success) => writeJson(res, 200, success, noStoreHeaders);

/**
 * RFC 6585 §4: 429 Too Many Requests, with how long to wait (RFC 9110 §10.2.3): the rate
 * limit, or a bound of what the server keeps (`Busy`); null, a limit that does not say (StorX).
 */
export function writeTooManyRequests(res: ServerResponse, retryAfterSeconds: number | null): void {
  writeJson(
    res,
    429,
    { error: 'rate_limited', error_description: 'Too many token requests.' },
    retryAfterSeconds === null ? noStoreHeaders : { ...noStoreHeaders, 'Retry-After': String(retryAfterSeconds) },
  );
}
