import type { CaseKit } from './case-kit.js';
import type { CaseOutcome } from './outcome.js';
import type { RunWideCheck } from '../checks/run-wide.js';

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
  | 'properties';

/**
 * Where a requirement is exercised:
 * - `conformance`: its own example-based case, built by `run`;
 * - `properties`: a fast-check property over generated requests, shrunk to a minimal one;
 * - `run-wide`: judged over every exchange of the run, after all other stages.
 */
export type Stage = 'conformance' | 'properties' | 'run-wide';

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

export type Requirement = CaseRequirement | RunWideRequirement;
