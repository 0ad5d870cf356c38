import type { Category, Level, Stage } from '../catalogue/types.js';
import type { RecordedRequest, RecordedResponse } from '../vocabulary/exchange.js';
import type { KnownFailure } from '../vocabulary/run-config.js';
import { NO_RATE_LIMIT_SEEN } from '../vocabulary/outcome.js';
import type { ProfileName } from '../vocabulary/profile.js';
import { NOT_SELECTED } from '../vocabulary/outcome.js';
import type { ThreatResult } from './threat-result.js';

/** SPEC §4: the statuses a result may have. */
export type ResultStatus = 'passed' | 'failed' | 'warning' | 'skipped' | 'inconclusive' | 'known-failure';

/** SPEC §4: the verdicts of a run, and the exit status each means. */
export const VERDICT_EXIT = { conformant: 0, 'not conformant': 1, 'no verdict': 2 } as const;
export type Verdict = keyof typeof VERDICT_EXIT;

/** SPEC §4 evidence item, extended with the variant it belongs to and its own verdict. */
export interface Evidence {
  readonly variant: string;
  readonly ok: boolean;
  readonly request: RecordedRequest;
  readonly response: RecordedResponse | null;
  /** Why there is no response, e.g. `no answer within 10 s`. */
  readonly failure?: string;
  readonly ms: number;
  readonly expected: string;
  readonly actual: string;
  readonly curl: string;
  /** SPEC §4: a property failure's seed and fast-check path, and that it was shrunk. */
  readonly seed?: number;
  readonly path?: string;
  readonly shrunk?: true;
  /** LOG-NO-SECRET: the line of the target's log this item is, redacted (SPEC §7); its `request` names the same. */
  readonly logLine?: { readonly source: string; readonly line: number; readonly text: string };
}

/** What one requirement's test found: the part of a result the suites produce. */
export interface CaseResult {
  readonly status: ResultStatus;
  readonly reason?: string;
  /** A remark for the reader that is not a reason, e.g. how many exchanges a check judged. */
  readonly note?: string;
  /** SPEC §4 `--expected-failures`: why this failure is expected, and where it is tracked. */
  readonly knownFailure?: KnownFailure;
  /** How long exercising the requirement took, milliseconds. */
  readonly ms?: number;
  /** When exercising it began, milliseconds after the evaluation began (cases overlap under `--concurrency`). */
  readonly at?: number;
  readonly evidence: readonly Evidence[];
}

/**
 * What a result repeats of its requirement (SPEC §4), as the catalogue said it when the run
 * was made: a report of an older results.json shows that run's words, not today's.
 */
export interface ResultInfo {
  readonly id: string;
  readonly level: Level;
  readonly category: Category;
  /** Where it was exercised; absent in files written before results recorded it. */
  readonly stage?: Stage;
  readonly title: string;
  readonly source: string;
  /** The requirement's expected outcome in one line. */
  readonly expected: string;
}

/** SPEC §4: one result per catalogue ID. */
export interface RequirementResult extends ResultInfo, CaseResult {
  /** SPEC §6: the threats this requirement counters, derived from the threat catalogue; absent in files written before it. */
  readonly threats?: readonly string[];
}

export interface Summary {
  readonly passed: number;
  readonly failed: number;
  readonly warnings: number;
  readonly skipped: number;
  readonly inconclusive: number;
  readonly knownFailures: number;
}

/** SPEC §4 `results.json`. */
export interface RunResults {
  readonly schemaVersion: 1;
  readonly harness: { readonly name: string; readonly version: string };
  readonly target: string;
  readonly profile: ProfileName;
  readonly options: Readonly<Record<string, unknown>>;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly verdict: Verdict;
  readonly summary: Summary;
  readonly results: readonly RequirementResult[];
  /** SPEC §6: every threat and the status this run gives it; absent in files written before the threat catalogue. */
  readonly threats?: readonly ThreatResult[];
  /** The target container's log, when a run against one failed. */
  readonly targetLog?: { readonly source: string; readonly lines: readonly string[] };
}

/** SPEC §4: the summary member that counts each status. */
export const SUMMARY_KEY: Readonly<Record<ResultStatus, keyof Summary>> = {
  passed: 'passed',
  failed: 'failed',
  warning: 'warnings',
  skipped: 'skipped',
  inconclusive: 'inconclusive',
  'known-failure': 'knownFailures',
};

export function summarize(results: readonly RequirementResult[]): Summary {
  const counts = { passed: 0, failed: 0, warnings: 0, skipped: 0, inconclusive: 0, knownFailures: 0 };
  for (const result of results) counts[SUMMARY_KEY[result.status]] += 1;
  return counts;
}

/** How the reason of a case skipped by the target's rate limit begins (SPEC §4). */
export const RATE_LIMITED = 'rate limited (429)';


/** SPEC §5: the reason of a requirement that does not apply to the run's profile. */
export function notPartOf(profile: ProfileName): string {
  return `not part of profile ${profile}`;
}

/**
 * Left out of the run, not run at all: by `--only`, a stage or requirement without its input
 * (no pact source; LOG-NO-SECRET without the target's log, SPEC §7) or a profile the
 * requirement does not apply to (SPEC §5).
 */
export function isLeftOut(result: { readonly reason?: string | undefined }): boolean {
  return result.reason !== undefined && (result.reason.startsWith(NOT_SELECTED) || /^not part of profile /.test(result.reason));
}

/**
 * Left out (`isLeftOut`), or found by its case not to apply to the target (SPEC §7: no rate
 * limit seen): either way, no effect on the verdict.
 */
export function isNotSelected(result: { readonly reason?: string | undefined }): boolean {
  return isLeftOut(result) || (result.reason?.startsWith(NO_RATE_LIMIT_SEEN) ?? false);
}

/**
 * SPEC §4: conformant when every selected MUST passed (or is a known failure); not
 * conformant when one failed; no verdict when, with none failed, one was skipped or
 * inconclusive.
 */
export function verdictOf(results: readonly RequirementResult[]): Verdict {
  const must = results.filter((r) => r.level === 'MUST' && !isNotSelected(r));
  if (must.some((r) => r.status === 'failed')) return 'not conformant';
  if (must.some((r) => r.status === 'skipped' || r.status === 'inconclusive')) return 'no verdict';
  return 'conformant';
}
