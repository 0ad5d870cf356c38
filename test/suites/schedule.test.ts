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

async function runAll(concurrency: number, rateLimited = false) {
  const observed = observedEvaluation();
  const scheduled = scheduleRun(catalogue, { concurrency, rateLimited }, observed.evaluate);
  const results = [];
  for (const requirement of catalogue) results.push(await scheduled(requirement.id));
  return { ...observed, results };
}

const stageOf = new Map(catalogue.map((r) => [r.id, r.stage]));
const CONTRACT = catalogue.find((r) => r.stage === 'contract')!.id;
const isOverlappingCase = (id: string) => stageOf.get(id) === 'conformance' && id !== POSITIVE_CONTROL_ID;

describe('scheduleRun: conformance cases overlap, and the contract runs beside them and the properties (SPEC §4 --concurrency)', () => {
  it('hands each requirement its own result, in catalogue order, whatever order they started in', async () => {
    const { results, started } = await runAll(4);
    expect(results.map((r) => r.note)).toEqual(catalogue.map((r) => r.id));
    expect(started.filter((id) => id !== CONTRACT)).toEqual(catalogue.map((r) => r.id).filter((id) => id !== CONTRACT));
    expect(started.indexOf(CONTRACT)).toBe(started.indexOf(POSITIVE_CONTROL_ID) + 1);
  });

  it('with --concurrency 1, runs them one by one, in catalogue order', async () => {
    const { beside, peak, started } = await runAll(1);
    expect([...beside].filter(([, others]) => others.length > 0)).toEqual([]);
    expect(peak()).toBe(1);
    expect(started).toEqual(catalogue.map((r) => r.id));
  });

  it('overlaps at most N cases: conformance cases with each other and the contract, a property with the contract only; never the positive control, the abuse stage or a run-wide check', async () => {
    const { beside, peak } = await runAll(3);
    for (const [id, others] of beside) {
      if (id === CONTRACT) expect(others.every((other) => isOverlappingCase(other) || stageOf.get(other) === 'properties'), id).toBe(true);
      else if (isOverlappingCase(id)) expect(others.every((other) => isOverlappingCase(other) || other === CONTRACT), id).toBe(true);
      else if (stageOf.get(id) === 'properties') expect(others.filter((other) => other !== CONTRACT), id).toEqual([]);
      else expect(others, id).toEqual([]);
    }
    expect(beside.get(CONTRACT)!.length).toBeGreaterThan(0);
    expect(peak()).toBe(3);
  });

  it('with --rate, keeps the contract in its place, alone: its verifier does not pass the rate limit', async () => {
    const { beside, started } = await runAll(3, true);
    expect(beside.get(CONTRACT)).toEqual([]);
    expect(started).toEqual(catalogue.map((r) => r.id));
  });

  it('hands a case that threw its error, and goes on with the others', async () => {
    const failing = catalogue.find((r) => r.stage === 'conformance' && r.id !== POSITIVE_CONTROL_ID)!;
    const scheduled = scheduleRun(catalogue, { concurrency: 4, rateLimited: false }, async (requirement) => {
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
