import pLimit from 'p-limit';
import fc from 'fast-check';
import type { CaseKit } from '../case-kit.js';
import type { CaseOutcome, CheckedExchange } from '../../vocabulary/outcome.js';

/** An example that refutes a property: what was sent, in words, and the verdict on the answer. */
export type Counterexample = Omit<CheckedExchange, 'replay'>;

/**
 * How many times `--runs` examples the per-answer properties' one exploration sends: twice as
 * many examples as each had of its own, at half the requests the four explorations sent.
 */
const SHARED_EXPLORATION_FACTOR = 2;

/** Examples in flight at once while a property explores; shrinking is one at a time. */
export const PROPERTY_PARALLELISM = 16;

/**
 * The seed of one property: the run's seed mixed with the property's ID (FNV-1a), so the
 * properties of a run draw different examples, and `--seed` replays every one of them.
 */
export function propertySeed(runSeed: number, requirementId: string): number {
  let hash = 0x811c9dc5;
  for (const char of requirementId) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return (runSeed ^ hash) | 0;
}

/** The first example (lowest index) a probe refuted, with what it found. */
interface Failing {
  readonly index: number;
  readonly counterexample: Counterexample;
}

/**
 * Runs the examples with at most `PROPERTY_PARALLELISM` in flight and returns the first
 * that `probe` refutes; examples after a known failure are not started. A harness error
 * (rate limit, state endpoint) stops the exploration and is rethrown once every request in
 * flight has settled: it is never a finding about the target.
 */
async function explore<T>(examples: readonly T[], probe: (value: T) => Promise<Counterexample | null>): Promise<Failing | undefined> {
  let failing: Failing | undefined;
  let stopped = false;
  const probeAt = async (example: T, index: number) => {
    if (stopped || (failing !== undefined && index > failing.index)) return;
    try {
      const counterexample = await probe(example);
      if (counterexample && (failing === undefined || index < failing.index)) failing = { index, counterexample };
    } catch (error) {
      stopped = true;
      throw error;
    }
  };
  const limit = pLimit(PROPERTY_PARALLELISM);
  const settled = await Promise.allSettled(examples.map((example, index) => limit(probeAt, example, index)));
  const error = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (error) throw error.reason;
  return failing;
}

/**
 * Checks a property over `arbitrary` with the run's seed and number of examples; `probe`
 * sends one example and returns null when the property held for it. Examples are explored
 * in parallel; the first failing one is then replayed by fast-check at its path and shrunk,
 * one request at a time, to a minimal example, reported with the run's seed and the path
 * so that `--seed` replays it.
 */
export async function checkProperty<T>(kit: CaseKit, arbitrary: fc.Arbitrary<T>, probe: (value: T) => Promise<Counterexample | null>): Promise<CaseOutcome> {
  const { seed: runSeed, runs, replayPath } = kit.options;
  const seed = propertySeed(runSeed, kit.requirementId);
  if (replayPath !== undefined) return replayExample(arbitrary, probe, seed, runSeed, replayPath);
  const examples = fc.sample(arbitrary, { seed, numRuns: runs });
  const failing = await explore(examples, probe);
  if (failing === undefined) return { checks: [], note: `${runs} examples held, seed ${runSeed}` };
  return shrink(arbitrary, probe, seed, runSeed, failing, runs);
}

/**
 * The failing example replayed by fast-check at its path and shrunk, one request at a time, to
 * a minimal one, reported with the run's seed and the path so that `--seed` replays it.
 */
async function shrink<T>(arbitrary: fc.Arbitrary<T>, probe: (value: T) => Promise<Counterexample | null>, seed: number, runSeed: number, failing: Failing, runs: number): Promise<CaseOutcome> {
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
  const details = await fc.check(property, { seed, path: String(failing.index), numRuns: 1 });
  if (harnessError !== undefined) throw harnessError;
  const example = `example ${failing.index + 1} of ${runs}`;
  if (!details.failed || !lastFailure) {
    return {
      checks: [{ ...failing.counterexample, variant: `not shrunk: ${failing.counterexample.variant}` }],
      note: `${example} failed, then held when replayed: an intermittent fault, seed ${runSeed}`,
    };
  }
  // fast-check's last failing run is the shrunk counterexample it reports.
  return {
    checks: [{ ...lastFailure, variant: `shrunk to: ${lastFailure.variant}`, replay: { seed: runSeed, path: details.counterexamplePath ?? String(failing.index) } }],
    note: `${example} failed; shrunk in ${details.numShrinks} steps, seed ${runSeed}`,
  };
}

/**
 * Checks a property that judges one answer at a time over examples every such property of
 * the run shares (issue 19: one exploration, every check, as schemathesis applies each check
 * to every response). The examples of `key` are drawn from the run's seed and sent once, by
 * whichever property asks first, every answer kept; each property judges every kept answer
 * and shrinks only its own failure, with requests of its own.
 */
export async function checkPerAnswerProperty<T, S>(
  kit: CaseKit,
  key: string,
  arbitrary: fc.Arbitrary<T>,
  send: (value: T) => Promise<S>,
  judge: (sent: S) => Counterexample | null,
): Promise<CaseOutcome> {
  const { seed: runSeed, runs, replayPath } = kit.options;
  const seed = propertySeed(runSeed, key);
  const probe = async (value: T) => judge(await send(value));
  if (replayPath !== undefined) return replayExample(arbitrary, probe, seed, runSeed, replayPath);
  const examples = runs * SHARED_EXPLORATION_FACTOR;
  const answers = await kit.once(`${key} exploration`, () => sendAll(fc.sample(arbitrary, { seed, numRuns: examples }), send));
  const index = answers.findIndex((sent) => judge(sent) !== null);
  if (index < 0) return { checks: [], note: `${examples} examples held (one exploration, judged by every per-answer property), seed ${runSeed}` };
  return shrink(arbitrary, probe, seed, runSeed, { index, counterexample: judge(answers[index]!)! }, examples);
}

/** Sends every example, at most `PROPERTY_PARALLELISM` in flight, and keeps each answer in example order. */
function sendAll<T, S>(examples: readonly T[], send: (value: T) => Promise<S>): Promise<S[]> {
  return pLimit(PROPERTY_PARALLELISM).map(examples, (example) => send(example));
}

/**
 * `grantproof repro` (SPEC §4): the one example at a recorded counterexample's path, replayed by
 * fast-check from the property's seed and sent once, neither explored nor shrunk further. Its
 * check when it fails again; none, with a note, when the property now holds for it.
 */
async function replayExample<T>(arbitrary: fc.Arbitrary<T>, probe: (value: T) => Promise<Counterexample | null>, seed: number, runSeed: number, path: string): Promise<CaseOutcome> {
  let sent: { readonly found: Counterexample | null } | { readonly error: unknown } | undefined;
  // fast-check goes on to the example's next shrink when it holds: only the first is sent.
  const property = fc.asyncProperty(arbitrary, async (value) => {
    if (sent !== undefined) return true;
    try {
      sent = { found: await probe(value) };
    } catch (error) {
      sent = { error };
    }
    return 'found' in sent && sent.found === null;
  });
  await fc.check(property, { seed, path, numRuns: 1, endOnFailure: true });
  if (sent === undefined) throw new Error(`fast-check found no example at path ${path} of seed ${runSeed}`);
  // A harness error (rate limit, state endpoint) is never a finding about the target.
  if ('error' in sent) throw sent.error;
  if (sent.found === null) return { checks: [], note: `the example at path ${path} held, seed ${runSeed}` };
  return { checks: [{ ...sent.found, variant: `shrunk to: ${sent.found.variant}`, replay: { seed: runSeed, path } }] };
}
