import pLimit from 'p-limit';
import { POSITIVE_CONTROL_ID } from '../catalogue/index.js';
import type { Requirement } from '../catalogue/types.js';
import type { CaseResult } from '../results/model.js';
import type { RunConfig } from '../vocabulary/run-config.js';

/** SPEC §4 `--concurrency`: the cases in flight at once when a run names no number. */
export const DEFAULT_CONCURRENCY = 4;

/** How the run may overlap its cases (SPEC §4 `--concurrency`, `--rate`). */
export interface Overlap {
  /** Cases in flight at once: 1 runs them one by one. */
  readonly concurrency: number;
  /** Whether `--rate` bounds the run's token requests. */
  readonly rateLimited: boolean;
}

/** The overlap a run's options allow. */
export function overlapOf(config: Pick<RunConfig, 'concurrency' | 'ratePerSecond'>): Overlap {
  return { concurrency: config.concurrency, rateLimited: config.ratePerSecond !== null };
}

/**
 * Whether a requirement's case may run beside others: a conformance case other than the
 * positive control. Each registers clients of its own, so no two share a client, a code or a
 * one-time JWT. The positive control runs alone and first (every negative depends on it);
 * properties, the abuse stage and the run-wide checks run alone, each after everything before
 * it ended, as they did one by one.
 */
function overlaps(requirement: Requirement): boolean {
  return requirement.stage === 'conformance' && requirement.id !== POSITIVE_CONTROL_ID;
}

/**
 * Whether the contract stage runs beside the conformance cases and the properties: its Pact
 * verifier is a process of its own that sends one request at a time, with clients of its own,
 * and most of its time is that process starting, so beside them it costs the run almost
 * nothing. It takes one of the `--concurrency` places while it runs. Not with `--rate`: the
 * verifier's requests do not pass the run's rate limit, so beside other cases they would
 * exceed it; nor before the abuse stage or the run-wide checks, which wait for it.
 */
function runsBeside(requirement: Requirement, overlap: Overlap): boolean {
  return requirement.stage === 'contract' && overlap.concurrency > 1 && !overlap.rateLimited;
}

/**
 * Exercises `requirements` in catalogue order, at most `overlap.concurrency` at once (1: one
 * after another), and hands each result out by ID, whatever order the cases end in, so that the
 * tests, and so every report, still show them in catalogue order. Starts at once.
 */
export function scheduleRun(requirements: readonly Requirement[], overlap: Overlap, evaluate: (requirement: Requirement) => Promise<CaseResult>): (id: string) => Promise<CaseResult> {
  const results = new Map(requirements.map((requirement) => [requirement.id, deferred<CaseResult>()]));
  // Its places are given in the order they were asked for: the cases start in catalogue order.
  const places = pLimit(overlap.concurrency);
  const exercise = (requirement: Requirement) => {
    const pending = results.get(requirement.id)!;
    return places(() => evaluate(requirement).then(pending.resolve, pending.reject));
  };
  const beside = requirements.filter((requirement) => runsBeside(requirement, overlap));
  let besideRuns: Promise<void>[] | undefined;
  const startBeside = () => (besideRuns ??= beside.map(exercise));
  void (async () => {
    for (const group of groupsOf(requirements.filter((requirement) => !beside.includes(requirement)))) {
      const { stage } = group[0]!;
      if (stage === 'abuse' || stage === 'run-wide') await Promise.all(startBeside());
      else if (overlaps(group[0]!) || stage === 'properties') startBeside();
      await Promise.all(group.map(exercise));
    }
    await Promise.all(startBeside());
  })();
  return (id) => {
    const pending = results.get(id);
    if (!pending) return Promise.reject(new RangeError(`${id} is not a requirement of this run`));
    return pending.promise;
  };
}

/** Consecutive overlapping requirements form one group; every other requirement is a group of its own. */
function groupsOf(requirements: readonly Requirement[]): Requirement[][] {
  const groups: Requirement[][] = [];
  for (const requirement of requirements) {
    const last = groups.at(-1);
    if (last && overlaps(requirement) && overlaps(last[0]!)) last.push(requirement);
    else groups.push([requirement]);
  }
  return groups;
}

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

/** A promise settled from outside; a rejection is also handled here, so that none is reported unhandled before its test awaits it. */
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
