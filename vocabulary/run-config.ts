import type { StatusOverrides } from './error-codes.js';
import type { AudienceSetting, AuthMethod, ProfileName } from './profile.js';

/** SPEC §4 `--scopes`: the scopes a target can grant, when a run names none (SPEC §3's default). */
export const DEFAULT_SCOPES: readonly string[] = ['read', 'write'];

/** Where fixtures come from (SPEC §3): the state-change endpoint, or a module. */
export type FixtureSource = { readonly kind: 'state-url'; readonly url: string } | { readonly kind: 'module'; readonly path: string };

/** Where a run sends its requests (SPEC §3): the token endpoint, and where its fixtures come from. */
export interface RunTarget {
  readonly tokenUrl: string;
  readonly fixtures: FixtureSource;
}

/** Every setting of a run but its target, resolved from the command line (SPEC §4 flag table). */
export interface RunSettings {
  /** `--profile`: the wire format and its rules (SPEC §1 or §5). */
  readonly profile: ProfileName;
  /** `--audience` (rfc7523): the `aud` of every assertion. */
  readonly audience: AudienceSetting;
  /** `--auth-method` (rfc7523): the client authentication methods exercised, each case once per method. */
  readonly authMethods: readonly AuthMethod[];
  readonly leewaySeconds: number;
  readonly maxLifetimeSeconds: number;
  readonly statuses: StatusOverrides;
  /** `--header` and `--header-env`, values resolved; sent with every request, never recorded. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** `--rate`: at most this many token requests per second; null: unlimited. */
  readonly ratePerSecond: number | null;
  /** `--max-wait`: the longest wait on one 429. */
  readonly maxWaitMs: number;
  /** `--only`: IDs, ID prefixes or stages; null: everything. */
  readonly only: readonly string[] | null;
  /** `--seed`: the property stage's seed (printed, so any run can be replayed). */
  readonly seed: number;
  /** `--runs`: examples per property. */
  readonly runs: number;
  /** `--concurrency`: how many cases (each with its own client) are in flight at once; 1 runs them one by one (suites/schedule.ts). */
  readonly concurrency: number;
  /** `--scopes`: the scopes the target can grant; every code is asked for a subset (SPEC §2). Default `DEFAULT_SCOPES`. */
  readonly scopes: readonly string[];
  /** `--abuse-burst`: the most failed client authentications the abuse stage sends for a 429 (SPEC §7). */
  readonly abuseBurst: number;
  /** `--callback-host`: where the target can reach the harness's listener (jku/x5u probes). */
  readonly callbackHost: string;
  /** `--pact-dir` or `--broker-url`: the pacts CONTRACT-PACT verifies; null: none given. */
  readonly pacts: PactSource | null;
  /** `--shard i/n`: the share of the case requirements this run exercises; null: all of them. */
  readonly shard: Shard | null;
  /** `--expected-failures`: requirements that may fail without failing the run. */
  readonly expectedFailures: ExpectedFailures | null;
  /**
   * Where the target's own log is (SPEC §7, LOG-NO-SECRET): `--target-log FILE`, or the
   * temporary file a run writes a container's (or the embedded server's) log to; null: none.
   */
  readonly targetLog: TargetLogSource | null;
}

/** A file holding the target's log, read after the run's last case (SPEC §7). */
export interface TargetLogSource {
  readonly path: string;
  /** How reports name it, e.g. `--target-log /var/log/token.log`. */
  readonly source: string;
  /** Its length in bytes when the run began: the lines before were written before the run, and are not judged. */
  readonly fromByte: number;
  /**
   * For a log the run keeps a tail of in its report (a container's): where to write its last
   * `lines` lines once read, redacted with every value of the run, which only the suites'
   * workers know; the report's tail is taken from there.
   */
  readonly redactedTail?: { readonly path: string; readonly lines: number };
}

/**
 * Everything a run needs to know: its target and its settings.
 * Handed to the suites through vitest's `provide`, so it must stay plain JSON.
 */
export interface RunConfig extends RunTarget, RunSettings {}

/**
 * Where the pacts to verify come from (SPEC §4 `--pact-dir`, `--broker-url`). Plain JSON:
 * it travels to the suites through vitest's `provide`.
 */
export type PactSource =
  | { readonly kind: 'dir'; readonly dir: string }
  | {
      readonly kind: 'broker';
      readonly url: string;
      readonly provider: string;
      /** A bearer token (PACT_BROKER_TOKEN or --broker-token-env), never recorded. */
      readonly token?: string;
      /** Pact Broker consumer version selectors; default: the main branch and what is deployed or released. */
      readonly selectors: readonly Record<string, unknown>[];
      /** Publish the verification results back to the broker, for `can-i-deploy`. */
      readonly publish?: VerificationPublishing;
    };

/** The provider version (and branch) a broker records verification results under. */
export interface VerificationPublishing {
  readonly providerVersion: string;
  readonly providerBranch?: string;
}

/** `--shard i/n`: this run is the i-th of n, 1-based. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** An entry of `--expected-failures`: why the requirement is known to fail, and where that is tracked. */
export interface KnownFailure {
  readonly reason: string;
  readonly link?: string;
}

/** `--expected-failures`: the file as given, and its entries by requirement ID. */
export interface ExpectedFailures {
  readonly file: string;
  readonly entries: Readonly<Record<string, KnownFailure>>;
}
