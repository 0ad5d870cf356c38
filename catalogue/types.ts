import type { CaseKit } from './case-kit.js';
import type { CaseOutcome } from '../vocabulary/outcome.js';
import type { RunWideCheck } from '../checks/run-wide.js';
import type { CaseResult } from '../results/model.js';
import type { Exchange } from '../vocabulary/exchange.js';
import type { RunConfig } from '../vocabulary/run-config.js';

/** MUST fails a run; SHOULD only warns (SPEC §2). */
export type Level = 'MUST' | 'SHOULD';

/** The groups the reports show the requirement matrix in. */
export type Category =
  | 'response'
  | 'client-authentication'
  | 'authorization-code'
  | 'redirect-uri'
  | 'request-format'
  | 'validation-order'
  | 'properties'
  | 'contract';

/**
 * Where a requirement is exercised:
 * - `conformance`: its own example-based case, built by `run`;
 * - `properties`: a fast-check property over generated requests, shrunk to a minimal one;
 * - `contract`: the target verified against Pact contracts (`--pact-dir`, `--broker-url`);
 * - `run-wide`: judged over every exchange of the run, after all other stages.
 */
export type Stage = 'conformance' | 'properties' | 'contract' | 'run-wide';

/** What describes a requirement, whatever exercises it; every result repeats it. */
export interface RequirementInfo {
  /** Stable ID from SPEC §2; never renamed or dropped. */
  readonly id: string;
  readonly level: Level;
  readonly category: Category;
  readonly title: string;
  /** Where the rule comes from: a SPEC step, a seed, an RFC clause. */
  readonly source: string;
  /** The outcome a conforming target gives, in one line. */
  readonly expected: string;
}

/** A requirement exercised by a case of its own. */
export interface CaseRequirement extends RequirementInfo {
  readonly stage: 'conformance' | 'properties';
  /** Builds and sends the case's requests and judges each answer. */
  readonly run: (kit: CaseKit) => Promise<CaseOutcome>;
}

/** A requirement judged over every exchange of the run (the checks in checks/run-wide.ts). */
export interface RunWideRequirement extends RequirementInfo {
  readonly stage: 'run-wide';
  readonly check: RunWideCheck;
}

/** A requirement judged by verifying the target against pacts (SPEC §4 `--pact-dir`, `--broker-url`). */
export interface ContractRequirement extends RequirementInfo {
  readonly stage: 'contract';
  /** Verifies the run's pacts; only called when the run has a pact source. */
  readonly verify: (config: RunConfig & { readonly pacts: NonNullable<RunConfig['pacts']> }) => Promise<ContractOutcome>;
}

/** A contract's result, and the exchanges it made, which the run-wide checks judge too. */
export interface ContractOutcome {
  readonly result: CaseResult;
  readonly exchanges: readonly Exchange[];
}

export type Requirement = CaseRequirement | ContractRequirement | RunWideRequirement;
