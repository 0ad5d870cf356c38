import type { CaseKit } from './case-kit.js';
import type { CaseOutcome } from '../vocabulary/outcome.js';
import type { AnswerByProfile, ExpectationByProfile } from '../vocabulary/expectation.js';
import type { RunWideCheck } from '../checks/run-wide.js';
import type { Variant } from './variants.js';

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
  | 'contract'
  | 'abuse';

/**
 * Where a requirement is exercised:
 * - `conformance`: its own example-based case, built by `run`;
 * - `properties`: a fast-check property over generated requests, shrunk to a minimal one;
 * - `contract`: the target verified against Pact contracts (`--pact-dir`, `--broker-url`);
 * - `abuse`: bursts of requests that provoke the target's rate limit (SPEC §7); opt-in, run
 *   only when `--only` names the stage or an ID of it, never in a default run;
 * - `run-wide`: judged over every exchange of the run, after all other stages.
 */
export type Stage = 'conformance' | 'properties' | 'contract' | 'abuse' | 'run-wide';

/** What describes a requirement, whatever exercises it; every result repeats it. */
export interface RequirementInfo {
  /** Stable ID from SPEC §2; never renamed or dropped. */
  readonly id: string;
  readonly level: Level;
  readonly category: Category;
  readonly stage: Stage;
  readonly title: string;
  /** Where the rule comes from: a SPEC step, a seed, an RFC clause. */
  readonly source: string;
  /** Where it comes from in a profile whose clauses differ from storx's (SPEC §5 and RFC 7523 for rfc7523): what every report of that profile cites. */
  readonly sourceIn?: { readonly rfc7523?: string };
  /**
   * The outcome a conforming target gives, as a typed value per profile (SPEC §2, §5): what
   * the case is judged by, the answer a pact records, and the refusal the doctor names. A
   * profile it names nothing for, the requirement does not apply to.
   */
  readonly expect: ExpectationByProfile;
}

/**
 * The common shape of a negative case: each variant is one change to a fully valid request,
 * sent from a fresh fixture and judged by `expect` (SPEC §2: "a case … changes one thing").
 */
export interface VariantsRequirement extends RequirementInfo {
  readonly stage: 'conformance';
  readonly expect: AnswerByProfile;
  readonly variants: readonly Variant[];
}

/**
 * A case of its own shape: several requests that depend on each other (a code redeemed
 * twice), or a property over generated requests. It judges its answers with `kit.judge`
 * where one answer is to be what `expect` says.
 */
export interface ShapedRequirement extends RequirementInfo {
  readonly stage: 'conformance' | 'properties' | 'abuse';
  /** Builds and sends the case's requests and judges each answer. */
  readonly run: (kit: CaseKit) => Promise<CaseOutcome>;
}

/** A requirement exercised by a case of its own. */
export type CaseRequirement = VariantsRequirement | ShapedRequirement;

/** A requirement judged over every exchange of the run (the checks in checks/run-wide.ts). */
export interface RunWideRequirement extends RequirementInfo {
  readonly stage: 'run-wide';
  readonly check: RunWideCheck;
}

/**
 * A requirement judged by verifying the target against pacts (SPEC §4 `--pact-dir`,
 * `--broker-url`): data only; the runner verifies, when the run has a pact source.
 */
export interface ContractRequirement extends RequirementInfo {
  readonly stage: 'contract';
}

export type Requirement = CaseRequirement | ContractRequirement | RunWideRequirement;
