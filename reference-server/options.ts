import type { SecretFormat } from './secrets.js';
import type { RateLimit } from './rate-limit.js';
import { defaultSeams, type Seams } from './seams.js';

/** What the reference server takes in every profile. */
export interface ServerOptions {
  /** Clock leeway for `exp`, seconds (SPEC §1 step 5). Default 0. */
  leewaySeconds?: number;
  /** The longest JWT life accepted, seconds, leeway added (SPEC §1, SHOULD). Default 300. */
  maxLifetimeSeconds?: number;
  /** How long an issued code lives, seconds (StorX: 60). Default 60. */
  codeTtlSeconds?: number;
  /** The largest request body read, bytes; larger ones are `invalid_request`. Default 16384. */
  bodyLimitBytes?: number;
  /** Serve the state-change endpoint `POST /provider-states` (SPEC §3). Default false. */
  enableStates?: boolean;
  /** The server clock, milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Rate-limit the token endpoint per client address (StorX: 5 per 5 minutes, no Retry-After). Default none. */
  rateLimit?: RateLimit;
  /**
   * The peer addresses whose `Forwarded`, `X-Forwarded-For`, `X-Real-IP`, `True-Client-IP` and
   * `CF-Connecting-IP` are believed when the rate limit reads a request's client address (RFC
   * 7239 §8.1: anyone else can spoof them). Default none: the limit counts the TCP peer.
   */
  trustedProxies?: readonly string[];
  /** The most clients kept at once; at it, setting up another answers 503 (see `KeyedRegistry`). Default 100,000. */
  maxClients?: number;
  /** The most codes kept at once; at it, setting up another answers 503 (see `CodeStore`). Default 100,000. */
  maxCodes?: number;
  /**
   * The most used JWTs remembered at once; at it, a new JWT is answered 429 until the oldest is
   * due to be forgotten (see `UsedJwtLedger`). Default 250,000: a JWT every 1.2 ms for the
   * default 300 s of lifetime.
   */
  maxUsedJwts?: number;
  /**
   * Where it writes its log, a line at a time: one access line per token request (method,
   * path, status), never a secret, JWT, passphrase or grant (SPEC §7, LOG-NO-SECRET). Default
   * nowhere.
   */
  log?: (line: string) => void;
}

/** The options of the reference server of profile storx (SPEC §1), the default profile. */
export interface ReferenceServerOptions extends ServerOptions {
  /** The wire format and its rules: `storx` (SPEC §1), the default. */
  profile?: 'storx';
  /**
   * Bind each code to a session cookie handed out with it (SPEC §3 `headers`), as StorX binds
   * it to the consenting user's session; redeeming it without that cookie is `invalid_code`.
   * Default false.
   */
  bindCodesToSession?: boolean;
  /** How the stored secrets it hands out look: `hex` (the seeds) or `bcrypt` (StorX). Default `hex`. */
  secretFormat?: SecretFormat;
  /**
   * For building deliberately broken servers in self-tests: replaces parts of the correct
   * server (see `Seams`). Never set it for a server meant to conform.
   */
  faults?: Partial<Seams>;
}

/** The options every profile takes, with every default applied. */
export interface ResolvedServerOptions {
  readonly leewaySeconds: number;
  readonly maxLifetimeSeconds: number;
  readonly codeTtlSeconds: number;
  readonly bodyLimitBytes: number;
  readonly enableStates: boolean;
  readonly now: () => number;
  readonly rateLimit: RateLimit | undefined;
  readonly trustedProxies: readonly string[];
  readonly maxClients: number;
  readonly maxCodes: number;
  readonly maxUsedJwts: number;
  readonly log: (line: string) => void;
}

/** The options of profile storx, with every default applied. */
export interface ResolvedOptions extends ResolvedServerOptions {
  readonly bindCodesToSession: boolean;
  readonly secretFormat: SecretFormat;
  readonly seams: Seams;
}

/** The options of profile storx with their defaults. Throws a RangeError for one out of range. */
export function resolveOptions(options: ReferenceServerOptions = {}): ResolvedOptions {
  return {
    ...resolveServerOptions(options),
    bindCodesToSession: options.bindCodesToSession ?? false,
    secretFormat: options.secretFormat ?? 'hex',
    seams: { ...defaultSeams, ...options.faults },
  };
}

/** The options every profile takes, with their defaults. Throws a RangeError for one out of range. */
export function resolveServerOptions(options: ServerOptions): ResolvedServerOptions {
  const resolved: ResolvedServerOptions = {
    leewaySeconds: options.leewaySeconds ?? 0,
    maxLifetimeSeconds: options.maxLifetimeSeconds ?? 300,
    codeTtlSeconds: options.codeTtlSeconds ?? 60,
    bodyLimitBytes: options.bodyLimitBytes ?? 16 * 1024,
    enableStates: options.enableStates ?? false,
    now: options.now ?? Date.now,
    rateLimit: options.rateLimit,
    trustedProxies: options.trustedProxies ?? [],
    maxClients: options.maxClients ?? 100_000,
    maxCodes: options.maxCodes ?? 100_000,
    maxUsedJwts: options.maxUsedJwts ?? 250_000,
    log: options.log ?? (() => undefined),
  };
  requireAtLeast(resolved.leewaySeconds, 0, 'leewaySeconds');
  requireAtLeast(resolved.maxLifetimeSeconds, 0, 'maxLifetimeSeconds');
  requireAtLeast(resolved.codeTtlSeconds, 0, 'codeTtlSeconds');
  requireAtLeast(resolved.bodyLimitBytes, 0, 'bodyLimitBytes');
  requireAtLeast(resolved.maxClients, 1, 'maxClients');
  requireAtLeast(resolved.maxCodes, 1, 'maxCodes');
  requireAtLeast(resolved.maxUsedJwts, 1, 'maxUsedJwts');
  if (resolved.rateLimit !== undefined) {
    requireAtLeast(resolved.rateLimit.burst, 1, 'rateLimit.burst');
    if (!(resolved.rateLimit.refillPerSecond > 0)) {
      throw new RangeError('rateLimit.refillPerSecond must be a number above 0');
    }
  }
  return resolved;
}

function requireAtLeast(value: number, minimum: number, name: string): void {
  if (!Number.isFinite(value) || value < minimum) {
    throw new RangeError(`${name} must be a finite number of at least ${minimum}`);
  }
}
