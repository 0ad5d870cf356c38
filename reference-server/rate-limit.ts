import type { IncomingMessage } from 'node:http';

/**
 * A token bucket per client address: `burst` requests at once, then `refillPerSecond` on
 * average (StorX: 5 requests per 5 minutes per address, answered 429 without Retry-After).
 */
export interface RateLimit {
  readonly burst: number;
  readonly refillPerSecond: number;
  /** Whether a 429 says when to come back (RFC 6585 §4, `Retry-After`). Default true. */
  readonly retryAfter?: boolean;
}

/**
 * Either the request may go ahead, or it is refused 429 (RFC 6585 §4), saying after how many
 * seconds to retry, or (null) not saying.
 */
export type Admission = { readonly admitted: true } | { readonly admitted: false; readonly retryAfterSeconds: number | null };

/** The most client addresses a limiter keeps a bucket for; at it, the one seen least recently is forgotten. */
export const MAX_LIMITED_ADDRESSES = 10_000;

export class TokenBucket {
  #tokens: number;
  #updatedAtMs: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number,
  ) {
    this.#tokens = limit.burst;
    this.#updatedAtMs = now();
  }

  admit(): Admission {
    const nowMs = this.now();
    const refilled = ((nowMs - this.#updatedAtMs) / 1000) * this.limit.refillPerSecond;
    this.#tokens = Math.min(this.limit.burst, this.#tokens + Math.max(0, refilled));
    this.#updatedAtMs = nowMs;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return { admitted: true };
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - this.#tokens) / this.limit.refillPerSecond));
    return { admitted: false, retryAfterSeconds: this.limit.retryAfter === false ? null : retryAfterSeconds };
  }
}

/**
 * The rate limit of the token endpoint: a bucket per client address, as `keyOf` reads it from
 * a request (`clientAddressOf`), at most `MAX_LIMITED_ADDRESSES` of them at once.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number,
    private readonly keyOf: (req: IncomingMessage) => string,
  ) {}

  admit(req: IncomingMessage): Admission {
    const key = this.keyOf(req);
    const bucket = this.#buckets.get(key) ?? new TokenBucket(this.limit, this.now);
    // Re-inserted, so the Map's order is the order of last use and its first key the stalest.
    this.#buckets.delete(key);
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > MAX_LIMITED_ADDRESSES) this.#buckets.delete(this.#buckets.keys().next().value!);
    return bucket.admit();
  }
}
