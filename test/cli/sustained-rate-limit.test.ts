import { afterEach, describe, expect, it } from 'vitest';
import { isNotSelected } from '../../results/model.js';
import { contractBreaches, grantproof } from '../support/run-cli.js';
import { referenceTarget } from '../support/servers.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

/** `--max-wait` of the run: small, so the test is quick; the bound is read from the run's own record, never from a clock. */
const MAX_WAIT_S = 2;

describe('a sustained rate limit ends a run in bounded time (SPEC §4, issue 22 item 1)', () => {
  it("against a limit like StorX's (a burst of 5, then 429 for minutes without Retry-After): exit 2, one line, the rest skipped, results written", async () => {
    const target = await referenceTarget({ rateLimit: { burst: 5, refillPerSecond: 5 / 300, retryAfter: false } });
    cleanup.push(target.close);
    // One case at a time: with cases overlapping, which answers come before the first 429 depends on their timing.
    const run = await grantproof(['run', ...target.args, '--max-wait', String(MAX_WAIT_S), '--concurrency', '1']);

    expect(run.exitCode, run.stderr).toBe(2);
    expect(contractBreaches(run)).toBeNull();
    const lines = run.stderr.trimEnd().split('\n').filter((line) => line.startsWith('grantproof: '));
    expect(lines).toHaveLength(1);
    // The preflight's valid request took one of the five: the cases had four answered.
    expect(lines[0]).toMatch(
      /^grantproof: no verdict: \d+ requirements skipped, rate limited \(429\): the target answered 429 for longer than --max-wait \(2 s\) with no relief, so the run stopped waiting \(waited 2 s in 2 waits\); 4 requests were answered before the first 429, no 429 carried Retry-After; raise the target's rate limit for test builds, or pace the run with --rate N$/,
    );

    const results = run.results!.results.filter((r) => !isNotSelected(r));
    const first = results.findIndex((r) => r.reason?.startsWith('rate limited (429)'));
    expect(first).toBeGreaterThan(0);
    const after = results.slice(first).filter((r) => r.stage !== 'run-wide');
    expect(after.length).toBeGreaterThan(20);
    expect(after.every((r) => r.status === 'skipped' && r.reason === results[first]!.reason)).toBe(true);
    expect(lines[0]).toContain(`no verdict: ${after.length} requirements skipped`);
    // Bounded: one streak waited --max-wait once, in two waits (1 s, then the 1 s left), for the whole run.
    expect(results[first]!.reason).toContain(`(waited ${MAX_WAIT_S} s in 2 waits)`);
  });

  it('ends the same way with cases overlapping (the default --concurrency): exit 2, one line, results written', async () => {
    const target = await referenceTarget({ rateLimit: { burst: 5, refillPerSecond: 5 / 300, retryAfter: false } });
    cleanup.push(target.close);
    const run = await grantproof(['run', ...target.args, '--max-wait', String(MAX_WAIT_S)]);
    expect(run.exitCode, run.stderr).toBe(2);
    expect(contractBreaches(run)).toBeNull();
    const lines = run.stderr.trimEnd().split('\n').filter((line) => line.startsWith('grantproof: '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^grantproof: no verdict: \d+ requirements skipped, rate limited \(429\): the target answered 429 for longer than --max-wait \(2 s\) with no relief/);
  });
});
