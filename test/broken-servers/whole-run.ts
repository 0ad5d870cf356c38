import { expect } from 'vitest';
import { requirementById } from '../../catalogue/index.js';
import { judge } from '../support/judge.js';
import { idsWith } from '../support/run-cli.js';
import { referenceTarget } from '../support/servers.js';
import type { ReferenceServerOptions } from '../../reference-server/index.js';
import { brokenServers, type BrokenServer } from './index.js';

/** The gallery's (storx) servers whose one finding is a SHOULD, judged on every stage (`wholeRun`). */
export const wholeRunServers: readonly BrokenServer<ReferenceServerOptions>[] = brokenServers.filter((server) => server.wholeRun);

/**
 * The whole catalogue against `server` with `seed`: it warns the SHOULD it is for and nothing
 * else, and passes every MUST (a false MUST failure on a target that only lacks a
 * recommendation is as wrong as a missed bug).
 */
export async function expectOnlyItsWarning(server: BrokenServer<ReferenceServerOptions>, seed: number): Promise<void> {
  expect(requirementById(server.catches)?.level, `${server.name} is judged on every stage, so it must be caught by a SHOULD`).toBe('SHOULD');
  const target = await referenceTarget(server.options);
  try {
    const run = await judge([...target.args, '--seed', String(seed), ...(server.runArgs ?? [])]);
    const failed = run.results.results.filter((r) => r.status === 'failed').map((r) => `${r.id}: ${r.reason}`);
    expect(failed, `seed ${seed}: MUST failures`).toEqual([]);
    expect(idsWith(run, 'warning'), `seed ${seed}: warnings`).toEqual([server.catches]);
    expect(idsWith(run, 'inconclusive'), `seed ${seed}: inconclusive`).toEqual([]);
    expect(run.exitCode).toBe(0);
  } finally {
    await target.close();
  }
}
