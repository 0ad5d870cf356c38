import type { IncomingHttpHeaders } from 'node:http';
import type { Busy } from '../busy.js';
import type { ClientRegistry, RegisteredClient } from '../clients.js';
import type { CodeStore, IssuedCode } from '../codes.js';
import type { DecodedJws } from '../compact-jws.js';
import type { TokenErrorCode } from '../errors.js';
import type { TokenRequest } from '../token-request.js';
import type { UsedJwtLedger } from '../used-jwts.js';

/** What a token request has established so far; each step adds to it. */
export interface TokenContext {
  readonly request: TokenRequest;
  readonly headers: IncomingHttpHeaders;
  /** Set by `parseClientSecret` (SPEC §1 step 1). */
  jws?: DecodedJws;
  /** Set by `readClaims` (SPEC §1 step 2). */
  claims?: ClientClaims;
  /** Set by `lookUpClient` (SPEC §1 step 3). */
  client?: RegisteredClient;
  /** Set by `findRedeemableCode` (SPEC §1 step 7). */
  grant?: IssuedCode;
}

/** The claims SPEC §1 step 2 reads from the client_secret JWT. */
export interface ClientClaims {
  readonly clientId: string;
  /** NumericDate, seconds (RFC 7519 §2). */
  readonly exp: number;
}

/** The server state and settings every step may consult. */
export interface StepEnv {
  readonly clients: ClientRegistry;
  readonly codes: CodeStore;
  readonly usedJwts: UsedJwtLedger;
  readonly leewaySeconds: number;
  readonly maxLifetimeSeconds: number;
  /** The server clock, milliseconds. */
  now(): number;
  /** The server's log (`ReferenceServerOptions.log`): a step of a broken server may write to it. */
  log(line: string): void;
}

/** A step answers with the error that refuses the request, that it is busy, or with nothing to go on. */
export type StepOutcome = TokenErrorCode | Busy | undefined;

/** One named rule of the validation order. */
export interface Step {
  readonly name: string;
  run(ctx: TokenContext, env: StepEnv): StepOutcome | Promise<StepOutcome>;
}

/**
 * A step named as the function that runs it, `namedStep(function checkExpiry(ctx, env) {…})`:
 * the name is read in messages and by the self-tests that replace a step by name.
 */
export function namedStep(run: (ctx: TokenContext, env: StepEnv) => StepOutcome | Promise<StepOutcome>): Step {
  return { name: run.name, run };
}

/**
 * Reads what `step` put in the context. Missing only when steps are run out of their order, a
 * bug of the server, not of the request.
 */
export function setBy<T>(value: T | undefined, step: { readonly name: string }): T {
  // Stryker disable next-line StringLiteral: the message of a server bug that the validation order never lets happen
  if (value === undefined) throw new Error(`read before step ${step.name} set it`);
  return value;
}
