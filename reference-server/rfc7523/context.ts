import type { IncomingHttpHeaders } from 'node:http';
import type { JWTPayload } from 'jose';
import type { Busy } from '../busy.js';
import type { CodeStore, IssuedCode } from '../codes.js';
import type { DecodedJws } from '../compact-jws.js';
import type { KeyedRegistry } from '../registry.js';
import type { OrderedStep } from '../steps/run-steps.js';
import type { UsedJwtLedger } from '../used-jwts.js';
import type { AccessTokenLedger } from './access-tokens.js';
import type { Rfc7523Client } from './clients.js';
import type { Rfc7523ErrorCode } from './errors.js';
import type { FormTokenRequest } from './token-request.js';

/** An authorization code of profile rfc7523: bound to client and redirect URI, and maybe to a PKCE challenge. */
export interface PkceCode extends IssuedCode {
  /** RFC 7636 §4.2: the S256 challenge it was issued with; none when issued without PKCE. */
  readonly codeChallenge?: string;
}

/** What an rfc7523 token request has established so far; each step adds to it. */
export interface Rfc7523Context {
  readonly request: FormTokenRequest;
  readonly headers: IncomingHttpHeaders;
  /** Set by `decodeAssertion`: the assertion, not yet verified. */
  jws?: DecodedJws;
  /** Set by `lookUpClient`: the client the assertion's `sub` names. */
  client?: Rfc7523Client;
  /** Set by `verifyAssertion`: the claims, signature verified. */
  claims?: JWTPayload;
  /** Set by `requireExpiry`: the verified `exp`, NumericDate seconds. */
  exp?: number;
  /** Set by `requireJti`: the verified `jti`. */
  jti?: string;
  /** Set by `findRedeemableCode`. */
  grant?: PkceCode;
  /** Set by `consumeCode`: the access token issued for the code. */
  accessToken?: string;
}

/** The server state and settings every rfc7523 step may consult. */
export interface Rfc7523Env {
  readonly clients: KeyedRegistry<Rfc7523Client>;
  readonly codes: CodeStore<PkceCode>;
  /** The `jti`s of the assertions that have authenticated a client, until their expiry. */
  readonly usedJtis: UsedJwtLedger;
  readonly accessTokens: AccessTokenLedger;
  /** The server's issuer identifier: one of the two audiences it accepts (RFC 7523 §3 item 3). */
  readonly issuer: string;
  /** This token endpoint's URL: the other audience it accepts (RFC 7523 §3 item 3). */
  readonly tokenEndpoint: string;
  readonly leewaySeconds: number;
  readonly maxLifetimeSeconds: number;
  /** The server clock, milliseconds. */
  now(): number;
}

/** A step answers with the error that refuses the request, that it is busy, or with nothing to go on. */
export type Rfc7523Outcome = Rfc7523ErrorCode | Busy | undefined;

/** One named rule of the rfc7523 validation order. */
export type Rfc7523Step = OrderedStep<Rfc7523Context, Rfc7523Env, Rfc7523Outcome>;

/**
 * A step named as the function that runs it, `rfc7523Step(function requireAudience(ctx, env) {…})`:
 * the name is read in messages and by the self-tests that replace a step by name.
 */
export function rfc7523Step(run: (ctx: Rfc7523Context, env: Rfc7523Env) => Rfc7523Outcome | Promise<Rfc7523Outcome>): Rfc7523Step {
  return { name: run.name, run };
}
