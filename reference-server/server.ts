import { accessLine } from './access-log.js';
import type { RequestListener } from 'node:http';
import { ClientRegistry } from './clients.js';
import { CodeStore } from './codes.js';
import { resolveOptions, type ReferenceServerOptions } from './options.js';
import { applyStateChange, type StateDeps } from './provider-states.js';
import { RateLimiter } from './rate-limit.js';
import { trustingOnly } from './client-address.js';
import type { Rfc7523ServerOptions } from './rfc7523/options.js';
import { createRfc7523Server, type Rfc7523ReferenceServer } from './rfc7523/server.js';
import { listenerFor, type StateCounts } from './router.js';
import type { StepEnv } from './steps/context.js';
import { handleTokenRequest } from './token-endpoint.js';
import { UsedJwtLedger } from './used-jwts.js';

/** An in-memory reference implementation of SPEC §1 (and §3), not yet listening. */
export interface ReferenceServer {
  /** The `node:http` request listener; supertest can drive it without a port. */
  readonly listener: RequestListener;
  /**
   * Sets up a provider state directly, as `POST /provider-states` would, whether or not that
   * endpoint is enabled, and returns its values. Throws when the endpoint would answer 4xx.
   */
  setup(state: string, params?: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>>;
  /** Tears a provider state down directly (SPEC §3). */
  teardown(state: string, params?: Readonly<Record<string, unknown>>): void;
  /** What it keeps now, expired codes and due JWTs forgotten first (also `GET /provider-states/counts`). */
  counts(): StateCounts;
}

/**
 * Builds the reference server's request listener and its in-memory state (clients, codes,
 * used JWTs): of profile storx (SPEC §1) by default, of profile rfc7523 (SPEC §5) with
 * `profile: 'rfc7523'`. Throws a RangeError for an option out of range.
 */
export function createReferenceServer(options: Rfc7523ServerOptions): Rfc7523ReferenceServer;
export function createReferenceServer(options?: ReferenceServerOptions): ReferenceServer;
export function createReferenceServer(options?: ReferenceServerOptions | Rfc7523ServerOptions): ReferenceServer | Rfc7523ReferenceServer {
  return options?.profile === 'rfc7523' ? createRfc7523Server(options) : createStorxServer(options);
}

/** The reference server of profile storx (SPEC §1). */
function createStorxServer(options?: ReferenceServerOptions): ReferenceServer {
  const resolved = resolveOptions(options);
  const clients = new ClientRegistry(resolved.secretFormat, resolved.maxClients);
  const codes = new CodeStore(resolved.now, resolved.maxCodes);
  const usedJwts = new UsedJwtLedger(resolved.now, resolved.maxUsedJwts);
  const env: StepEnv = {
    clients,
    codes,
    usedJwts,
    leewaySeconds: resolved.leewaySeconds,
    maxLifetimeSeconds: resolved.maxLifetimeSeconds,
    now: resolved.now,
    log: resolved.log,
  };
  const stateDeps: StateDeps = {
    clients,
    codes,
    codeTtlSeconds: resolved.codeTtlSeconds,
    bindCodesToSession: resolved.bindCodesToSession,
    now: resolved.now,
  };
  const trusts = trustingOnly(resolved.trustedProxies);
  const limiter = resolved.rateLimit && new RateLimiter(resolved.rateLimit, resolved.now, (req) => resolved.seams.rateLimitKey(req, trusts));
  const counts = (): StateCounts => ({ clients: clients.count(), codes: codes.count(), used_jwts: usedJwts.count() });

  return {
    listener: listenerFor({
      token: async (req, res) => {
        await handleTokenRequest(req, res, resolved, env, limiter);
        resolved.log(accessLine(resolved.now(), 'POST', res.statusCode));
      },
      otherTokenMethod: (res) => {
        resolved.seams.answerOtherMethod(res);
        resolved.log(accessLine(resolved.now(), res.req.method, res.statusCode));
      },
      enableStates: resolved.enableStates,
      bodyLimitBytes: resolved.bodyLimitBytes,
      applyStateChange: (change) => applyStateChange(change, stateDeps),
      counts,
    }),
    setup(state, params = {}) {
      const answer = applyStateChange({ action: 'setup', state, params }, stateDeps);
      if (answer.status === 200) return answer.body;
      throw new Error(`provider state "${state}" was not set up: answered ${answer.status}`);
    },
    teardown(state, params = {}) {
      applyStateChange({ action: 'teardown', state, params }, stateDeps);
    },
    counts,
  };
}

