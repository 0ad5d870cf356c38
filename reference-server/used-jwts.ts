import { createHash } from 'node:crypto';
import type { Busy } from './steps/context.js';

/** What recording a JWT found: its first use, a second one, or no room to remember it. */
export type JwtUse = 'first' | 'replayed' | Busy;

/**
 * The JWTs that have authenticated a client, kept until they expire (SPEC §1, SHOULD: refuse a
 * second use of the same JWT; seed 002: "Each JWT should be used only once"). Only a hash of
 * each JWT is kept, in a map: looking one up is constant time.
 *
 * Expiry by time: the map keeps the order JWTs were recorded in, and each record first forgets
 * the oldest records that are due. A record is due once its expiry refuses the JWT anyway (now ≥
 * exp + leeway, `checkExpiry`), never before. A record not yet due stops the walk, so one that
 * lives longer may keep younger due ones a while; `capLifetime` bounds every exp, so none is
 * kept more than the maximum lifetime plus twice the leeway after it was recorded.
 *
 * The bound: at most `capacity` records. When all are still due to be kept, a new JWT cannot
 * be remembered, so it is not accepted either: the request is answered 429 until the oldest
 * record is due (never is a JWT forgotten early to make room, which would let it be replayed).
 */
export class UsedJwtLedger {
  readonly #forgetAtMs = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly capacity: number,
  ) {}

  /**
   * Records `jwt` as used until `forgetAtMs`. Checks and records in one synchronous call, so
   * two concurrent requests cannot both see a JWT as fresh.
   */
  record(jwt: string, forgetAtMs: number): JwtUse {
    const nowMs = this.now();
    const oldestKeptUntilMs = this.#forgetDue(nowMs);
    const key = createHash('sha256').update(jwt).digest('base64url');
    if (this.#forgetAtMs.has(key)) return 'replayed';
    // RFC 9110 §10.2.3 Retry-After: the oldest record kept is not due yet, so at least 1 s.
    if (this.#forgetAtMs.size >= this.capacity) return { retryAfterSeconds: Math.ceil((oldestKeptUntilMs - nowMs) / 1000) };
    this.#forgetAtMs.set(key, forgetAtMs);
    return 'first';
  }

  /** How many JWTs it remembers now, the due ones forgotten first. */
  count(): number {
    this.#forgetDue(this.now());
    return this.#forgetAtMs.size;
  }

  /**
   * Forgets the oldest records while they are due (now ≥ exp + leeway). Returns when the
   * oldest record it keeps is due, or now when it keeps none.
   */
  #forgetDue(nowMs: number): number {
    for (const [key, forgetAtMs] of this.#forgetAtMs) {
      if (nowMs < forgetAtMs) return forgetAtMs;
      this.#forgetAtMs.delete(key);
    }
    return nowMs;
  }
}
