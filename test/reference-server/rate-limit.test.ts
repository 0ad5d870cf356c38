import { describe, expect, it } from 'vitest';
import { answerOf, referenceKit } from './kit.js';

describe('reference server: rate limit (rateLimit option)', () => {
  it('answers 429 with Retry-After once the burst is spent, and again after the refill', async () => {
    const kit = referenceKit({ rateLimit: { burst: 2, refillPerSecond: 1 / 300 } });
    const f = kit.fixture();
    expect(answerOf(await kit.redeem(f, { code: 'x' }))).toBe('400 invalid_code');
    expect(answerOf(await kit.redeem(f, { code: 'x' }))).toBe('400 invalid_code');
    const limited = await kit.redeem(f);
    expect(answerOf(limited)).toBe('429 rate_limited');
    expect(limited.headers['retry-after']).toBe('300');
    expect(limited.headers['content-type']).toBe('application/json');
    kit.clock.advance(100);
    expect((await kit.redeem(f)).headers['retry-after']).toBe('200');
    kit.clock.advance(200);
    expect(answerOf(await kit.redeem(kit.fixture()))).toBe('200');
    expect(answerOf(await kit.redeem(kit.fixture()))).toBe('429 rate_limited');
  });

  it('does not limit by default', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    const answers = await Promise.all(Array.from({ length: 20 }, () => kit.redeem(f, { code: 'x' })));
    expect(new Set(answers.map(answerOf))).toEqual(new Set(['400 invalid_code']));
  });

  it('refuses a limit that could never admit a request', () => {
    expect(() => referenceKit({ rateLimit: { burst: 0, refillPerSecond: 1 } })).toThrow(RangeError);
    expect(() => referenceKit({ rateLimit: { burst: 1, refillPerSecond: 0 } })).toThrow(RangeError);
  });
});
