import { createHash } from 'node:crypto';
import type { Busy } from './busy.js';

/** What recording a JWT found: its first use, a second one, or no room to remember it. */
export type JwtUse = 'first' | 'replayed' | Busy;

/**
 * The JWTs that have authenticated a client, kept until they expire (SPEC §1, SHOULD: refuse a
 * second use of the same JWT; seed 002: "Each JWT should be used only once"). Only a hash of
 * each JWT is kept, in a map: looking one up is constant time.
 *
 * Expiry by time: a binary min-heap orders the records by when they are due, and each record
 * first forgets every record that is due (logarithmic time each). A record is due once its
 * expiry refuses the JWT anyway (now ≥ exp + leeway, `checkExpiry`), never before.
 *
 * The bound: at most `capacity` records. When all are still due to be kept, a new JWT cannot
 * be remembered, so it is not accepted either: the request is answered 429 until the earliest
 * record is due (never is a JWT forgotten early to make room, which would let it be replayed).
 */
export class UsedJwtLedger {
  readonly #forgetAtMs = new Map<string, number>();
  /** The records by when they are due: each entry due no later than its children (2i+1, 2i+2). */
  readonly #due: DueRecord[] = [];

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
    const earliestKeptMs = this.#forgetDue(nowMs);
    const key = createHash('sha256').update(jwt).digest('base64url');
    if (this.#forgetAtMs.has(key)) return 'replayed';
    // RFC 9110 §10.2.3 Retry-After: the earliest record kept is not due yet, so at least 1 s.
    if (this.#forgetAtMs.size >= this.capacity) return { retryAfterSeconds: Math.ceil((earliestKeptMs - nowMs) / 1000) };
    this.#forgetAtMs.set(key, forgetAtMs);
    this.#push({ key, atMs: forgetAtMs });
    return 'first';
  }

  /** How many JWTs it remembers now, the due ones forgotten first. */
  count(): number {
    this.#forgetDue(this.now());
    return this.#forgetAtMs.size;
  }

  /** Forgets every record that is due; returns when the earliest one kept is due, or now. */
  #forgetDue(nowMs: number): number {
    for (let top = this.#due[0]; top !== undefined; top = this.#due[0]) {
      if (nowMs < top.atMs) return top.atMs;
      this.#forgetAtMs.delete(top.key);
      this.#popTop();
    }
    return nowMs;
  }

  #push(record: DueRecord): void {
    let at = this.#due.push(record) - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.#swapIfEarlier(at, parent)) return;
      at = parent;
    }
  }

  #popTop(): void {
    const last = this.#due.pop() as DueRecord;
    if (this.#due.length === 0) return;
    this.#due[0] = last;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      const child = left + 1 < this.#due.length && this.#earlier(left + 1, left) ? left + 1 : left;
      if (child >= this.#due.length || !this.#swapIfEarlier(child, at)) return;
      at = child;
    }
  }

  /** Swaps the records at `i` and `j` when the one at `i` is due before the one at `j`. */
  #swapIfEarlier(i: number, j: number): boolean {
    if (!this.#earlier(i, j)) return false;
    [this.#due[i], this.#due[j]] = [this.#due[j] as DueRecord, this.#due[i] as DueRecord];
    return true;
  }

  #earlier(i: number, j: number): boolean {
    return (this.#due[i] as DueRecord).atMs < (this.#due[j] as DueRecord).atMs;
  }
}

/** A used JWT's hash and when it is due to be forgotten. */
interface DueRecord {
  readonly key: string;
  readonly atMs: number;
}
