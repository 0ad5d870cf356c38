import { describe, expect, it } from 'vitest';
import { answerOf, referenceKit } from './kit.js';

/**
 * The exact instants of SPEC §1's time rules, on a fake clock. The harness keeps at least 2 s
 * away from each of them (SPEC §1 "expiry boundary"), so these tests alone tell `≥` from `>`.
 */
describe('reference server: the boundaries of time, to the millisecond', () => {
  it('accepts a JWT a millisecond before exp + leeway and answers client_secret_expired at that instant (RFC 7519 §4.1.4)', async () => {
    const kit = referenceKit({ leewaySeconds: 5 });
    const exp = kit.clock.seconds + 10;
    kit.clock.ms = (exp + 5) * 1000 - 1;
    const early = kit.fixture();
    expect(answerOf(await kit.redeem(early, { client_secret: kit.jwt(early, { exp }) }))).toBe('200');
    kit.clock.ms += 1;
    const late = kit.fixture();
    expect(answerOf(await kit.redeem(late, { client_secret: kit.jwt(late, { exp }) }))).toBe('401 client_secret_expired');
  });

  it('accepts an exp exactly the maximum lifetime plus leeway ahead, and refuses one a millisecond further', async () => {
    const kit = referenceKit({ leewaySeconds: 5, maxLifetimeSeconds: 300 });
    kit.clock.ms += 500;
    const at = kit.fixture();
    expect(answerOf(await kit.redeem(at, { client_secret: kit.jwt(at, { exp: kit.clock.ms / 1000 + 305 }) }))).toBe('200');
    const beyond = kit.fixture();
    expect(answerOf(await kit.redeem(beyond, { client_secret: kit.jwt(beyond, { exp: kit.clock.ms / 1000 + 305.001 }) }))).toBe('401 invalid_client');
  });

  it('redeems a code a millisecond before it has lived codeTtlSeconds and answers invalid_code at that instant', async () => {
    const kit = referenceKit({ codeTtlSeconds: 60 });
    const early = kit.fixture();
    const late = kit.fixture();
    kit.clock.ms += 60_000 - 1;
    expect(answerOf(await kit.redeem(early))).toBe('200');
    kit.clock.ms += 1;
    expect(answerOf(await kit.redeem(late))).toBe('400 invalid_code');
  });
});
