/**
 * Profile rfc7523 of the reference server (SPEC §5): JWT client assertions (RFC 7523, RFC 7521,
 * OpenID Connect Core §9) on the authorization-code grant with PKCE (RFC 7636), verified with
 * jose. For building deliberately broken servers in self-tests (the `faults` option): the seams
 * and the correct parts to build faulty ones from.
 */
export { defaultRfc7523Seams, type Rfc7523Seams } from './seams.js';
export type { Rfc7523ReferenceServer } from './server.js';
export type { Rfc7523ServerOptions } from './options.js';
export * from './authenticate-client.js';
export * from './redeem-code.js';
export { rfc7523Step, type PkceCode, type Rfc7523Context, type Rfc7523Env, type Rfc7523Outcome, type Rfc7523Step } from './context.js';
export type { AuthMethod, PrivateKeyJwtClient, Rfc7523Client, SecretJwtClient } from './clients.js';
export { rfc7523ErrorDescriptions, rfc7523Statuses, type Rfc7523ErrorCode } from './errors.js';
export { formTokenParameters, isFormMediaType, parseFormTokenRequest, readFormParameters, type FormBodyParser, type FormTokenRequest } from './token-request.js';
export { writeAccessTokenResponse, writeRfc7523Error, type AccessTokenResponse, type Rfc7523ErrorWriter, type Rfc7523SuccessWriter } from './writers.js';
export { s256Challenge, verifierMatches } from './pkce.js';
