import type { ServerResponse } from 'node:http';
import { noStoreHeaders, writeJson } from '../json-response.js';
import { rfc7523ErrorDescriptions, type Rfc7523ErrorCode } from './errors.js';

/** An error answer of the rfc7523 token endpoint. */
export interface Rfc7523ErrorAnswer {
  readonly status: number;
  readonly error: Rfc7523ErrorCode;
}

/** RFC 6749 §5.1: the success body. */
export interface AccessTokenResponse {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  /** The granted scopes, space-separated (RFC 6749 §3.3). */
  readonly scope: string;
}

export type Rfc7523ErrorWriter = (res: ServerResponse, answer: Rfc7523ErrorAnswer) => void;

export type Rfc7523SuccessWriter = (res: ServerResponse, success: AccessTokenResponse) => void;

/** RFC 6749 §5.2: a JSON object with `error` (and a constant `error_description`), not cacheable. */
export const writeRfc7523Error: Rfc7523ErrorWriter = (res, { status, error }) =>
  writeJson(res, status, { error, error_description: rfc7523ErrorDescriptions[error] }, noStoreHeaders);

/** RFC 6749 §5.1: 200, JSON, `Cache-Control: no-store` and `Pragma: no-cache`. */
export const writeAccessTokenResponse: Rfc7523SuccessWriter = (res, success) => writeJson(res, 200, success, noStoreHeaders);
