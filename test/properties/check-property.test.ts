import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseKit } from '../../catalogue/case-kit.js';
import type { Exchange } from '../../vocabulary/exchange.js';
import { checkProperty, PROPERTY_PARALLELISM, propertySeed, type Counterexample } from '../../catalogue/properties/check-property.js';

/** checkProperty reads only the kit's requirement ID and options. */
const kitWith = (seed: number, runs: number) => ({ requirementId: 'PROP-TEST', options: { seed, runs } }) as unknown as CaseKit;

const refuting = (value: number): Counterexample => ({
  variant: `value ${value}`,
  exchange: {} as Exchange,
  judgement: { ok: false, expected: 'below 1000', actual: String(value) },
});

describe('checkProperty', () => {
  it('explores the examples fast-check would run, so a failure replays at its path', async () => {
    const arbitrary = fc.array(fc.integer(), { maxLength: 4 });
    const seed = propertySeed(42, 'PROP-TEST');
    const sampled = fc.sample(arbitrary, { seed, numRuns: 30 });
    for (const index of [0, 9, 29]) {
      let replayed: number[] | undefined;
      await fc.check(fc.asyncProperty(arbitrary, async (value) => ((replayed ??= value), true)), { seed, path: String(index), numRuns: 1 });
      expect(replayed).toEqual(sampled[index]);
    }
  });

  it('shrinks the first failing example to a minimal one and reports the run seed and path', async () => {
    const outcome = await checkProperty(kitWith(7, 200), fc.integer({ min: 0, max: 1_000_000 }), async (value) => (value >= 1000 ? refuting(value) : null));
    expect(outcome.checks).toHaveLength(1);
    const [check] = outcome.checks;
    expect(check!.variant).toBe('shrunk to: value 1000');
    expect(check!.replay).toEqual({ seed: 7, path: expect.stringMatching(/^\d+(:\d+)*$/) });
    expect(outcome.note).toMatch(/failed; shrunk in \d+ steps, seed 7/);
  });

  it('passes with a note when every example holds, running them with bounded parallelism', async () => {
    let inFlight = 0;
    let most = 0;
    const outcome = await checkProperty(kitWith(1, 64), fc.nat(), async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight -= 1;
      return null;
    });
    expect(outcome).toEqual({ checks: [], note: '64 examples held, seed 1' });
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(PROPERTY_PARALLELISM);
  });

  it('rethrows a harness error rather than report it as a finding', async () => {
    const probe = async (value: number) => {
      if (value > 10) throw new Error('rate limited (429)');
      return null;
    };
    await expect(checkProperty(kitWith(3, 100), fc.nat(), probe)).rejects.toThrow('rate limited (429)');
  });

  it('reports an example that fails once and holds on replay as an intermittent fault, unshrunk', async () => {
    let calls = 0;
    const outcome = await checkProperty(kitWith(5, 1), fc.nat(), async (value) => (++calls === 1 ? refuting(value) : null));
    expect(outcome.checks[0]!.variant).toMatch(/^not shrunk: value \d+$/);
    expect(outcome.note).toMatch(/intermittent fault/);
  });

  it('gives each property of a run its own seed', () => {
    expect(propertySeed(1, 'PROP-NO-5XX')).not.toBe(propertySeed(1, 'PROP-NO-LEAK'));
    expect(propertySeed(1, 'PROP-NO-5XX')).toBe(propertySeed(1, 'PROP-NO-5XX'));
  });
});
