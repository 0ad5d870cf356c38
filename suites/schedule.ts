import { POSITIVE_CONTROL_ID } from '../catalogue/index.js';
import type { Requirement } from '../catalogue/types.js';
import type { CaseResult } from '../results/model.js';

/** SPEC §4 `--concurrency`: the conformance cases in flight at once when a run names no number. */
export const DEFAULT_CONCURRENCY = 4;

/**
 * Whether a requirement's case may run beside others: a conformance case other than the
 * positive control. Each registers clients of its own, so no two share a client, a code or a
 * one-time JWT. The positive control runs alone and first (every negative depends on it);
 * properties, the contract and the run-wide checks run alone, each after everything before it
 * ended, as they did one by one.
 */
function overlaps(requirement: Requirement): boolean {
  return requirement.stage === 'conformance' && requirement.id !== POSITIVE_CONTROL_ID;
}

/**
 * Exercises `requirements` in catalogue order, up to `concurrency` overlapping cases at once
 * (1: one after another), and hands each result out by ID, whatever order the cases end in,
 * so that the tests, and so every report, still show them in catalogue order. Starts at once.
 */
export function scheduleRun(requirements: readonly Requirement[], concurrency: number, evaluate: (requirement: Requirement) => Promise<CaseResult>): (id: string) => Promise<CaseResult> {
  const results = new Map(requirements.map((requirement) => [requirement.id, deferred<CaseResult>()]));
  const exercise = (requirement: Requirement) => {
    const pending = results.get(requirement.id)!;
    return evaluate(requirement).then(pending.resolve, pending.reject);
  };
  void (async () => {
    for (const group of groupsOf(requirements)) await inPool(group, group.length > 1 ? concurrency : 1, exercise);
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

/** Runs `items` in order, at most `width` at once; resolves when every one has ended. */
async function inPool<T>(items: readonly T[], width: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
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
