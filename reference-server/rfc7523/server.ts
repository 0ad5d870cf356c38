import type { RequestListener } from 'node:http';
import { accessLine } from '../access-log.js';
import { CodeStore } from '../codes.js';
import { RateLimiter } from '../rate-limit.js';
import { clientAddressOf, trustingOnly } from '../client-address.js';
import { KeyedRegistry } from '../registry.js';
import { listenerFor, type StateCounts } from '../router.js';
import { UsedJwtLedger } from '../used-jwts.js';
import { AccessTokenLedger } from './access-tokens.js';
import type { Rfc7523Client } from './clients.js';
import type { PkceCode, Rfc7523Env } from './context.js';
import { resolveRfc7523Options, type Rfc7523ServerOptions } from './options.js';
import { applyRfc7523StateChange, type Rfc7523StateDeps } from './provider-states.js';
import { handleRfc7523TokenRequest } from './token-endpoint.js';

/** An in-memory reference implementation of SPEC §5 (and its states), not yet listening. */
export interface Rfc7523ReferenceServer {
  /** The `node:http` request listener; supertest can drive it without a port. */
  readonly listener: RequestListener;
  /** The issuer it accepts as an assertion's `aud`, beside `tokenEndpoint` (RFC 7523 §3 item 3). */
  readonly issuer: string;
  /** Its token endpoint's URL, the other `aud` it accepts. */
  readonly tokenEndpoint: string;
  /**
   * Sets up a provider state directly, as `POST /provider-states` would, whether or not that
   * endpoint is enabled, and resolves to its values. Rejects when the endpoint would answer 4xx
   * or 5xx. (Asynchronous: a `private_key_jwt` client's key pair is made by jose.)
   */
  setup(state: string, params?: Readonly<Record<string, unknown>>): Promise<Readonly<Record<string, unknown>>>;
  /** Tears a provider state down directly (SPEC §3). */
  teardown(state: string, params?: Readonly<Record<string, unknown>>): Promise<void>;
  /** What it keeps now, expired codes and due `jti`s forgotten first (also `GET /provider-states/counts`). */
  counts(): StateCounts;
}

/**
 * Builds the rfc7523 reference server's request listener and its in-memory state (clients,
 * codes, used `jti`s, access tokens). Throws a RangeError for an option out of range.
 */
export function createRfc7523Server(options: Rfc7523ServerOptions): Rfc7523ReferenceServer {
  const resolved = resolveRfc7523Options(options);
  const clients = new KeyedRegistry<Rfc7523Client>(resolved.maxClients);
  const codes = new CodeStore<PkceCode>(resolved.now, resolved.maxCodes);
  const usedJtis = new UsedJwtLedger(resolved.now, resolved.maxUsedJwts);
  const accessTokens = new AccessTokenLedger(resolved.now, resolved.maxCodes);
  const { issuer, tokenEndpoint } = resolved;
  const env: Rfc7523Env = {
    clients,
    codes,
    usedJtis,
    accessTokens,
    issuer,
    tokenEndpoint,
    leewaySeconds: resolved.leewaySeconds,
    maxLifetimeSeconds: resolved.maxLifetimeSeconds,
    now: resolved.now,
  };
  const stateDeps: Rfc7523StateDeps = { clients, codes, accessTokens, issuer, tokenEndpoint, codeTtlSeconds: resolved.codeTtlSeconds, now: resolved.now };
  const trusts = trustingOnly(resolved.trustedProxies);
  const limiter = resolved.rateLimit && new RateLimiter(resolved.rateLimit, resolved.now, (req) => clientAddressOf(req, trusts));
  const counts = (): StateCounts => ({ clients: clients.count(), codes: codes.count(), used_jwts: usedJtis.count() });

  return {
    listener: listenerFor({
      token: async (req, res) => {
        await handleRfc7523TokenRequest(req, res, resolved, env, limiter);
        resolved.log(accessLine(resolved.now(), 'POST', res.statusCode));
      },
      otherTokenMethod: (res) => {
        resolved.seams.answerOtherMethod(res);
        resolved.log(accessLine(resolved.now(), res.req.method, res.statusCode));
      },
      enableStates: resolved.enableStates,
      bodyLimitBytes: resolved.bodyLimitBytes,
      applyStateChange: (change) => applyRfc7523StateChange(change, stateDeps),
      counts,
    }),
    issuer,
    tokenEndpoint,
    async setup(state, params = {}) {
      const answer = await applyRfc7523StateChange({ action: 'setup', state, params }, stateDeps);
      if (answer.status === 200) return answer.body;
      throw new Error(`provider state "${state}" was not set up: answered ${answer.status}`);
    },
    async teardown(state, params = {}) {
      await applyRfc7523StateChange({ action: 'teardown', state, params }, stateDeps);
    },
    counts,
  };
}
