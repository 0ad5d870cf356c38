import type { ServerResponse } from 'node:http';
import { clientAddressOf, type ClientAddressOf } from './client-address.js';
import { defaultStatuses, type TokenErrorCode } from './errors.js';
import { noStoreHeaders, writeMethodNotAllowed } from './json-response.js';
import { clientAuthenticationSteps } from './steps/authenticate-client.js';
import type { Step } from './steps/context.js';
import { codeRedemptionSteps } from './steps/redeem-code.js';
import { parseTokenRequest, type BodyParser } from './token-request.js';
import { writeTokenError, writeTokenSuccess, type ErrorWriter, type SuccessWriter } from './token-writers.js';

/**
 * The replaceable parts of the token endpoint. The reference server uses `defaultSeams`;
 * the `faults` option swaps some of them, for building deliberately broken servers in
 * self-tests (test/broken-servers/).
 */
export interface Seams {
  /** Content type, JSON and the five fields (SPEC §1, "Request"). */
  readonly parseBody: BodyParser;
  /** The validation order (SPEC §1 steps 1–8); the first refusal answers. */
  readonly steps: readonly Step[];
  /** The status of each error code (SPEC §1, table of errors). */
  readonly statuses: Readonly<Record<TokenErrorCode, number>>;
  readonly writeError: ErrorWriter;
  readonly writeSuccess: SuccessWriter;
  /** The answer to any method but POST on the token path (SPEC §1: 405, a SHOULD). */
  readonly answerOtherMethod: (res: ServerResponse) => void;
  /** The address the rate limit counts a request against (`rateLimit`, `trustedProxies`). */
  readonly rateLimitKey: ClientAddressOf;
}

export const defaultSeams: Seams = {
  parseBody: parseTokenRequest,
  steps: [...clientAuthenticationSteps, ...codeRedemptionSteps],
  statuses: defaultStatuses,
  writeError: writeTokenError,
  writeSuccess: writeTokenSuccess,
  answerOtherMethod: (res) => writeMethodNotAllowed(res, 'POST', noStoreHeaders),
  rateLimitKey: clientAddressOf,
};
