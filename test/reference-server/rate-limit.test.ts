import { describe, expect, it } from 'vitest';
import { FORWARDED_HEADERS } from '../../reference-server/index.js';
import { answerOf, referenceKit } from './kit.js';

/** A limit of one request per address for the test's five minutes. */
const oneEach = { burst: 1, refillPerSecond: 1 / 300 };

/** Each forwarded header naming a fresh client address. */
const spoofed: Record<(typeof FORWARDED_HEADERS)[number], (address: string) => string> = {
  forwarded: (address) => `for=${address};proto=https`,
  'x-forwarded-for': (address) => address,
  'x-real-ip': (address) => address,
  'true-client-ip': (address) => address,
  'cf-connecting-ip': (address) => address,
};

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

  it('answers without Retry-After when told to (retryAfter: false, as StorX)', async () => {
    const kit = referenceKit({ rateLimit: { ...oneEach, retryAfter: false } });
    const f = kit.fixture();
    expect(answerOf(await kit.redeem(f, { code: 'x' }))).toBe('400 invalid_code');
    const limited = await kit.redeem(f);
    expect(answerOf(limited)).toBe('429 rate_limited');
    expect(limited.headers['retry-after']).toBeUndefined();
  });

  it.each(FORWARDED_HEADERS)('counts the TCP peer whatever %s says, by default (RFC 7239 §8.1)', async (header) => {
    const kit = referenceKit({ rateLimit: oneEach });
    const f = kit.fixture();
    expect(answerOf(await kit.post(kit.body(f, { code: 'x' }), { headers: { [header]: spoofed[header]('198.18.0.1') } }))).toBe('400 invalid_code');
    expect(answerOf(await kit.post(kit.body(f, { code: 'x' }), { headers: { [header]: spoofed[header]('198.18.0.2') } }))).toBe('429 rate_limited');
  });

  it.each(FORWARDED_HEADERS)('believes %s from a trusted proxy: each client it names has a limit of its own', async (header) => {
    const kit = referenceKit({ rateLimit: oneEach, trustedProxies: ['127.0.0.1', '::1'] });
    const f = kit.fixture();
    const from = (address: string) => kit.post(kit.body(f, { code: 'x' }), { headers: { [header]: spoofed[header](address) } });
    expect(answerOf(await from('198.18.0.1'))).toBe('400 invalid_code');
    expect(answerOf(await from('198.18.0.2'))).toBe('400 invalid_code');
    expect(answerOf(await from('198.18.0.1'))).toBe('429 rate_limited');
  });

  it('reads X-Forwarded-For from the right, past trusted proxies only: a client cannot name another hop for itself', async () => {
    const kit = referenceKit({ rateLimit: oneEach, trustedProxies: ['127.0.0.1', '::1', '10.0.0.2'] });
    const f = kit.fixture();
    const via = (chain: string) => kit.post(kit.body(f, { code: 'x' }), { headers: { 'X-Forwarded-For': chain } });
    expect(answerOf(await via('198.18.0.9, 203.0.113.7, 10.0.0.2'))).toBe('400 invalid_code');
    // The spoofed first entry differs; the hop the trusted proxies saw, 203.0.113.7, does not.
    expect(answerOf(await via('198.18.0.10, 203.0.113.7, 10.0.0.2'))).toBe('429 rate_limited');
  });

  it('refuses a limit that could never admit a request', () => {
    expect(() => referenceKit({ rateLimit: { burst: 0, refillPerSecond: 1 } })).toThrow(RangeError);
    expect(() => referenceKit({ rateLimit: { burst: 1, refillPerSecond: 0 } })).toThrow(RangeError);
  });
});
