import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferenceServer } from '../../reference-server/index.js';
import { judge } from '../support/judge.js';
import { contractBreaches } from '../support/run-cli.js';
import { listen, type Listening } from '../support/servers.js';

/**
 * The reference server, each token request held 5 ms (a backend's round trip), counting how
 * many token requests it holds at once: how a run's overlap shows from the target's side.
 */
async function overlapCountingTarget() {
  const reference = createReferenceServer({ enableStates: true }).listener;
  let holding = 0;
  let peak = 0;
  const server = await listen((req, res) => {
    if (!req.url?.startsWith('/api/')) return reference(req, res);
    holding += 1;
    peak = Math.max(peak, holding);
    res.on('close', () => (holding -= 1));
    setTimeout(() => reference(req, res), 5);
  });
  return { server, args: ['--target', server.tokenUrl, '--state-url', server.stateUrl, '--only', 'AUTH-'], peak: () => peak, reset: () => (peak = 0) };
}

describe('--concurrency against a real target (issue 19 item 1)', () => {
  let target: Awaited<ReturnType<typeof overlapCountingTarget>>;
  beforeAll(async () => {
    target = await overlapCountingTarget();
  });
  afterAll(() => (target.server as Listening).close());

  it('overlaps conformance cases, each with its own client, and judges every one as one by one does', async () => {
    target.reset();
    const one = await judge([...target.args, '--concurrency', '1']);
    const onePeak = target.peak();
    target.reset();
    const four = await judge([...target.args, '--concurrency', '4']);
    expect(contractBreaches(one)).toBeNull();
    expect(contractBreaches(four)).toBeNull();
    // The AUTH- cases send one token request at a time each: only overlapping cases hold two at once.
    expect(onePeak).toBe(1);
    expect(target.peak()).toBeGreaterThan(1);
    const statuses = (run: typeof one) => run.results.results.map((r) => `${r.id} ${r.status}`);
    expect(statuses(four)).toEqual(statuses(one));
    expect(four.exitCode).toBe(0);
    expect(four.results.options.concurrency).toBe(4);
  });

  it('refuses a --concurrency that is not a whole number from 1 to 32, in one line', async () => {
    await expect(judge([...target.args, '--concurrency', '0'])).rejects.toThrow(/^--concurrency takes/);
    await expect(judge([...target.args, '--concurrency', 'many'])).rejects.toThrow(/^--concurrency takes/);
  });
});
