import { expect } from 'vitest';
import { requirementById } from '../../catalogue/index.js';
import { idsWithStatus, runCatalogueInProcess } from '../support/in-process.js';
import { brokenServers, type BrokenServer } from './index.js';

/** The gallery's servers whose one finding is a SHOULD, judged on every stage (`wholeRun`). */
export const wholeRunServers: readonly BrokenServer[] = brokenServers.filter((server) => server.wholeRun);

/**
 * Every conformance, property and run-wide requirement against `server` with `seed`: it warns
 * the SHOULD it is for and nothing else, and passes every MUST (a false MUST failure on a target
 * that only lacks a recommendation is as wrong as a missed bug).
 */
export async function expectOnlyItsWarning(server: BrokenServer, seed: number): Promise<void> {
  expect(requirementById(server.catches)?.level, `${server.name} is judged on every stage, so it must be caught by a SHOULD`).toBe('SHOULD');
  const results = await runCatalogueInProcess(server.options, { seed, leewaySeconds: server.options.leewaySeconds ?? 0 });
  const failed = idsWithStatus(results, 'failed').map((id) => `${id}: ${results.get(id)?.reason}`);
  expect(failed, `seed ${seed}: MUST failures`).toEqual([]);
  expect(idsWithStatus(results, 'warning'), `seed ${seed}: warnings`).toEqual([server.catches]);
  expect(idsWithStatus(results, 'inconclusive'), `seed ${seed}: inconclusive`).toEqual([]);
}
