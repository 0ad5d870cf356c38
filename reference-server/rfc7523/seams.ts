import type { ServerResponse } from 'node:http';
import { noStoreHeaders, writeMethodNotAllowed } from '../json-response.js';
import { assertionAuthenticationSteps } from './authenticate-client.js';
import type { Rfc7523Step } from './context.js';
import { rfc7523Statuses, type Rfc7523ErrorCode } from './errors.js';
import { pkceRedemptionSteps } from './redeem-code.js';
import { parseFormTokenRequest, type FormBodyParser } from './token-request.js';
import { writeAccessTokenResponse, writeRfc7523Error, type Rfc7523ErrorWriter, type Rfc7523SuccessWriter } from './writers.js';

/**
 * The replaceable parts of the rfc7523 token endpoint. The reference server uses
 * `defaultRfc7523Seams`; the `faults` option swaps some of them, for building deliberately
 * broken servers in self-tests.
 */
export interface Rfc7523Seams {
  /** Content type, form encoding, each parameter at most once (SPEC §5, "Request"). */
  readonly parseBody: FormBodyParser;
  /** The validation order: the client first (ORDER-CLIENT-FIRST), then the code; the first refusal answers. */
  readonly steps: readonly Rfc7523Step[];
  /** The status of each error code (RFC 6749 §5.2). */
  readonly statuses: Readonly<Record<Rfc7523ErrorCode, number>>;
  readonly writeError: Rfc7523ErrorWriter;
  readonly writeSuccess: Rfc7523SuccessWriter;
  /** The answer to any method but POST on the token path (SPEC §2 REQ-METHOD: 405). */
  readonly answerOtherMethod: (res: ServerResponse) => void;
}

export const defaultRfc7523Seams: Rfc7523Seams = {
  parseBody: parseFormTokenRequest,
  steps: [...assertionAuthenticationSteps, ...pkceRedemptionSteps],
  statuses: rfc7523Statuses,
  writeError: writeRfc7523Error,
  writeSuccess: writeAccessTokenResponse,
  answerOtherMethod: (res) => writeMethodNotAllowed(res, 'POST', noStoreHeaders),
};
