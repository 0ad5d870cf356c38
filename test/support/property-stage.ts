import { expect } from 'vitest';
import { judge } from './judge.js';
import { idsWith } from './run-cli.js';
import { referenceTarget } from './servers.js';

export const PROPERTY_IDS = ['PROP-ONLY-VALID-ACCEPTED', 'PROP-NO-5XX', 'PROP-ERROR-SHAPE', 'PROP-NO-LEAK', 'PROP-SINGLE-USE', 'PROP-EXP-WINDOW'];

/** The property stage with `seed` against the reference server holds: every property passes and the run is conformant. */
export async function expectPropertyStageHolds(seed: number): Promise<void> {
  const target = await referenceTarget();
  try {
    const run = await judge([...target.args, '--only', 'properties', '--seed', String(seed)]);
    expect(idsWith(run, 'failed'), `seed ${seed}`).toEqual([]);
    expect(idsWith(run, 'passed')).toEqual(expect.arrayContaining(PROPERTY_IDS));
    expect(run.exitCode).toBe(0);
  } finally {
    await target.close();
  }
}
