import fc from 'fast-check';
import type { CaseKit } from '../catalogue/case-kit.js';
import type { CaseOutcome, CheckedExchange } from '../catalogue/outcome.js';

/** An example that refutes a property: what was sent, in words, and the verdict on the answer. */
export type Counterexample = Omit<CheckedExchange, 'replay'>;

/**
 * Runs a property over `arbitrary` with the run's seed and number of examples; `probe`
 * sends one example and returns null when the property held for it. A failure is
 * shrunk by fast-check to a minimal example, reported with its seed and path so that
 * `--seed` replays it. A harness error (rate limit, state endpoint) stops the property and
 * is rethrown: it is never a finding about the target.
 */
export async function checkProperty<T>(kit: CaseKit, arbitrary: fc.Arbitrary<T>, probe: (value: T) => Promise<Counterexample | null>): Promise<CaseOutcome> {
  let lastFailure: Counterexample | undefined;
  let harnessError: unknown;
  const property = fc.asyncProperty(arbitrary, async (value) => {
    if (harnessError !== undefined) return true;
    try {
      const counterexample = await probe(value);
      if (counterexample) lastFailure = counterexample;
      return counterexample === null;
    } catch (error) {
      harnessError = error;
      return true;
    }
  });
  const { seed, runs } = kit.options;
  const details = await fc.check(property, { seed, numRuns: runs });
  if (harnessError !== undefined) throw harnessError;
  if (!details.failed || !lastFailure) return { checks: [], note: `${details.numRuns} examples held, seed ${seed}` };
  // fast-check's last failing run is the shrunk counterexample it reports.
  return {
    checks: [{ ...lastFailure, variant: `shrunk to: ${lastFailure.variant}`, replay: { seed, path: details.counterexamplePath ?? '' } }],
    note: `failed after ${details.numRuns} examples and ${details.numShrinks} shrinks, seed ${seed}`,
  };
}
