import type { ErrorCode } from '../catalogue/error-codes.js';
import type { PactSource } from '../contract/verify/pact-source.js';
import type { ExpectedFailures } from '../results/known-failures.js';
import type { Shard } from '../suites/selection.js';

/** SPEC §4 `--scopes`: the scopes a target can grant, when a run names none (SPEC §3's default). */
export const DEFAULT_SCOPES: readonly string[] = ['read', 'write'];

/** Where fixtures come from (SPEC §3): the state-change endpoint, or a module. */
export type FixtureSource = { readonly kind: 'state-url'; readonly url: string } | { readonly kind: 'module'; readonly path: string };

/**
 * Everything a run needs to know about its target, resolved from the command line.
 * Handed to the suites through vitest's `provide`, so it must stay plain JSON.
 */
export interface RunConfig {
  readonly tokenUrl: string;
  readonly fixtures: FixtureSource;
  readonly leewaySeconds: number;
  readonly maxLifetimeSeconds: number;
  readonly statuses: Readonly<Partial<Record<ErrorCode, number>>>;
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
  /** `--scopes`: the scopes the target can grant; every code is asked for a subset (SPEC §2). Default `DEFAULT_SCOPES`. */
  readonly scopes?: readonly string[];
  /** `--callback-host`: where the target can reach the harness's listener (jku/x5u probes). */
  readonly callbackHost: string;
  /** `--pact-dir` or `--broker-url`: the pacts CONTRACT-PACT verifies; null: none given. */
  readonly pacts: PactSource | null;
  /** `--shard i/n`: the share of the case requirements this run exercises; null: all of them. */
  readonly shard: Shard | null;
  /** `--expected-failures`: requirements that may fail without failing the run. */
  readonly expectedFailures: ExpectedFailures | null;
}
