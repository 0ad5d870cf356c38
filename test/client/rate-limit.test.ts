import { describe, expect, it } from 'vitest';
import { RateLimited, RateLimitWatch, retryDelay } from '../../client/rate-limit.js';

const tooMany = (retryAfter?: string): { headers: Record<string, string> } => ({ headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter } });

/** The waits a watch asks for after `count` 429s in a row, until it gives up (SPEC §4). */
function waitsUntilSustained(watch: RateLimitWatch, answer: ReturnType<typeof tooMany>): number[] {
  const waits: number[] = [];
  for (;;) {
    try {
      waits.push(watch.waitAfter(answer));
    } catch (error) {
      expect(error).toBeInstanceOf(RateLimited);
      return waits;
    }
  }
}

describe('a sustained rate limit (SPEC §4)', () => {
  it('backs off from 1 s within --max-wait, then stops waiting, saying what it saw', () => {
    const watch = new RateLimitWatch(10_000);
    for (let i = 0; i < 5; i += 1) watch.relieved();
    expect(waitsUntilSustained(watch, tooMany())).toEqual([1000, 2000, 4000, 3000]);
    expect(watch.sustained?.seen).toEqual({ maxWaitMs: 10_000, answeredBeforeFirst429: 5, retryAfter: null, waits: 4, waitedMs: 10_000 });
    expect(() => watch.refuseIfSustained()).toThrow(watch.sustained!);
  });

  it('shares one --max-wait across every request of a streak, and relief starts a new one', () => {
    const watch = new RateLimitWatch(3000);
    expect(watch.waitAfter(tooMany())).toBe(1000);
    watch.relieved();
    expect(watch.waitAfter(tooMany())).toBe(1000);
    expect(watch.waitAfter(tooMany())).toBe(2000);
    expect(() => watch.waitAfter(tooMany())).toThrow(RateLimited);
    // Answered before the first 429 only: the relief between the streaks is not counted.
    expect(watch.sustained?.seen.answeredBeforeFirst429).toBe(0);
  });

  it('honours Retry-After up to what is left of --max-wait, and records it', () => {
    const watch = new RateLimitWatch(30_000);
    expect(waitsUntilSustained(watch, tooMany('300'))).toEqual([30_000]);
    expect(watch.sustained?.message).toContain('the 429s carried Retry-After (the last: 300)');
  });

  it('waits at least 1 s on a Retry-After of 0 or a date gone by, so a 429 forever ends in bounded retries', () => {
    expect(retryDelay(tooMany('0'), 0, 30_000)).toBe(1000);
    expect(retryDelay(tooMany('Thu, 01 Jan 1970 00:00:00 GMT'), 0, 30_000)).toBe(1000);
    expect(waitsUntilSustained(new RateLimitWatch(5000), tooMany('0'))).toHaveLength(5);
  });

  it('with --max-wait 0, gives up at the first 429', () => {
    const watch = new RateLimitWatch(0);
    expect(() => watch.waitAfter(tooMany())).toThrow(/for longer than --max-wait \(0 s\)/);
  });
});
