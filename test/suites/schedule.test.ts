import { setImmediate as turn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { catalogue, POSITIVE_CONTROL_ID } from '../../catalogue/index.js';
import type { Requirement } from '../../catalogue/types.js';
import type { CaseResult } from '../../results/model.js';
import { scheduleRun } from '../../suites/schedule.js';

const passed: CaseResult = { status: 'passed', evidence: [] };

/** An evaluation that takes a few event-loop turns per requirement and records what was in flight beside each. */
function observedEvaluation() {
  const inFlight = new Set<string>();
  const beside = new Map<string, string[]>();
  const started: string[] = [];
  let peak = 0;
  const evaluate = async (requirement: Requirement): Promise<CaseResult> => {
    started.push(requirement.id);
    beside.set(requirement.id, [...inFlight]);
    for (const other of inFlight) beside.get(other)!.push(requirement.id);
    inFlight.add(requirement.id);
    peak = Math.max(peak, inFlight.size);
    for (let i = 0; i < 1 + (requirement.id.length % 4); i += 1) await turn();
    inFlight.delete(requirement.id);
    return { ...passed, note: requirement.id };
  };
  return { evaluate, beside, started, peak: () => peak };
}

async function runAll(concurrency: number) {
  const observed = observedEvaluation();
  const scheduled = scheduleRun(catalogue, concurrency, observed.evaluate);
  const results = [];
  for (const requirement of catalogue) results.push(await scheduled(requirement.id));
  return { ...observed, results };
}

describe('scheduleRun: conformance cases overlap, nothing else does (SPEC §4 --concurrency)', () => {
  it('hands each requirement its own result, in catalogue order, and starts them in catalogue order', async () => {
    const { results, started } = await runAll(4);
    expect(results.map((r) => r.note)).toEqual(catalogue.map((r) => r.id));
    expect(started).toEqual(catalogue.map((r) => r.id));
  });

  it('with --concurrency 1, runs them one by one', async () => {
    const { beside, peak } = await runAll(1);
    expect([...beside].filter(([, others]) => others.length > 0)).toEqual([]);
    expect(peak()).toBe(1);
  });

  it('overlaps at most N conformance cases, and never the positive control, a property, the contract or a run-wide check', async () => {
    const { beside, peak } = await runAll(3);
    const stageOf = new Map(catalogue.map((r) => [r.id, r.stage]));
    for (const [id, others] of beside) {
      if (id === POSITIVE_CONTROL_ID || stageOf.get(id) !== 'conformance') expect(others, id).toEqual([]);
      else expect(others.every((other) => stageOf.get(other) === 'conformance' && other !== POSITIVE_CONTROL_ID), id).toBe(true);
    }
    expect(peak()).toBe(3);
  });

  it('hands a case that threw its error, and goes on with the others', async () => {
    const failing = catalogue.find((r) => r.stage === 'conformance' && r.id !== POSITIVE_CONTROL_ID)!;
    const scheduled = scheduleRun(catalogue, 4, async (requirement) => {
      await turn();
      if (requirement.id === failing.id) throw new Error('the harness broke');
      return passed;
    });
    for (const requirement of catalogue) {
      if (requirement.id === failing.id) await expect(scheduled(requirement.id)).rejects.toThrow('the harness broke');
      else expect(await scheduled(requirement.id)).toEqual(passed);
    }
    await expect(scheduled('NO-SUCH-ID')).rejects.toThrow('NO-SUCH-ID is not a requirement of this run');
  });
});
