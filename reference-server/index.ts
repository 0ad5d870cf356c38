/**
 * The reference server: an in-memory implementation of the StorX-style token endpoint
 * (SPEC §1), of profile rfc7523's (SPEC §5, `profile: 'rfc7523'`) and of the provider-state
 * endpoint (SPEC §3), independent of the harness. It
 * imports nothing from the catalogue, the checks or the harness's JWT code, and verifies
 * client_secret JWTs with jose, so a mistake on one side is caught by the other.
 */
export { createReferenceServer, type ReferenceServer } from './server.js';
export type { StateCounts } from './router.js';
export { startReferenceServer, type ListenOptions, type RunningReferenceServer } from './start.js';
export type { ReferenceServerOptions, ServerOptions } from './options.js';
export type { Rfc7523ServerOptions } from './rfc7523/options.js';
export type { Rfc7523ReferenceServer } from './rfc7523/server.js';
export type { SecretFormat } from './secrets.js';
export type { RateLimit } from './rate-limit.js';
export { clientAddressOf, FORWARDED_HEADERS, type ClientAddressOf, type TrustsProxy } from './client-address.js';
export { defaultRedirectUri, defaultScopes } from './state-change.js';

// For building deliberately broken servers in self-tests (the `faults` option): the seams and
// the correct parts to build faulty ones from.
export { defaultSeams, type Seams } from './seams.js';
export type { RegisteredClient } from './clients.js';
export type { IssuedCode } from './codes.js';
export type { DecodedJws } from './compact-jws.js';
export { defaultStatuses, errorDescriptions, type TokenErrorCode } from './errors.js';
export { noStoreHeaders, writeJson } from './json-response.js';
export {
  isJsonMediaType,
  parseJsonObject,
  parseTokenRequest,
  readTokenFields,
  tokenRequestFields,
  type BodyParser,
  type RawBody,
  type TokenRequest,
} from './token-request.js';
export {
  writeTokenError,
  writeTokenSuccess,
  type ErrorWriter,
  type SuccessWriter,
  type TokenErrorAnswer,
  type TokenSuccess,
} from './token-writers.js';
export type { Busy } from './busy.js';
export { namedStep, setBy, type ClientClaims, type Step, type StepEnv, type StepOutcome, type TokenContext } from './steps/context.js';
export { runSteps } from './steps/run-steps.js';
export * from './steps/authenticate-client.js';
export * from './steps/redeem-code.js';
export { sessionCookie } from './session.js';

// Profile rfc7523's parts, for broken servers of that profile.
export * as rfc7523 from './rfc7523/index.js';
