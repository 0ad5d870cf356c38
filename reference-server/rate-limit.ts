/** A token bucket: `burst` requests at once, then `refillPerSecond` on average. */
export interface RateLimit {
  readonly burst: number;
  readonly refillPerSecond: number;
}

/** Either the request may go ahead, or it should be retried after some seconds (RFC 6585 §4). */
export type Admission = { readonly admitted: true } | { readonly admitted: false; readonly retryAfterSeconds: number };

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
    return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - this.#tokens) / this.limit.refillPerSecond)) };
  }
}
