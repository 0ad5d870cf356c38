import pThrottle from 'p-throttle';
import { setTimeout as sleep } from 'node:timers/promises';
import { HarnessError } from '../vocabulary/errors.js';
import type { HttpAnswer } from './http.js';

/** What a wait after a 429 is read from: the answer's headers (`Retry-After`). */
type Answer429 = Pick<HttpAnswer, 'headers'>;

/** What a run saw of a target that stayed rate limited (SPEC §4), as the one line and every skipped case say it. */
export interface SustainedRateLimit {
  /** `--max-wait`, milliseconds. */
  readonly maxWaitMs: number;
  /** Token requests the cases sent that were answered (not 429) before the first 429. */
  readonly answeredBeforeFirst429: number;
  /** The last `Retry-After` a 429 carried, as sent; null when none carried one. */
  readonly retryAfter: string | null;
  /** The waits after the 429s of the last streak, and their total, milliseconds. */
  readonly waits: number;
  readonly waitedMs: number;
}

/**
 * The target answered 429 for longer than `--max-wait` with no relief: the case that saw it, and
 * every case after it, is skipped "rate limited (429)" and no request is sent any more (SPEC §4).
 * The message says what was seen and what to do.
 */
export class RateLimited extends HarnessError<'rate-limited'> {
  override readonly name = 'RateLimited';

  constructor(readonly seen: SustainedRateLimit) {
    const answered = `${seen.answeredBeforeFirst429} request${seen.answeredBeforeFirst429 === 1 ? ' was' : 's were'} answered before the first 429`;
    const retryAfter = seen.retryAfter === null ? 'no 429 carried Retry-After' : `the 429s carried Retry-After (the last: ${seen.retryAfter})`;
    const waited = `waited ${seconds(seen.waitedMs)} s in ${seen.waits} wait${seen.waits === 1 ? '' : 's'}`;
    super(
      'rate-limited',
      `rate limited (429): the target answered 429 for longer than --max-wait (${seconds(seen.maxWaitMs)} s) with no relief, so the run stopped waiting (${waited}); ${answered}, ${retryAfter}; raise the target's rate limit for test builds, or pace the run with --rate N`,
    );
  }
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/** `--rate N`: spaces token requests evenly, at most N a second; null: no limit. */
export function rateLimiter(perSecond: number | null): <T>(fn: () => Promise<T>) => Promise<T> {
  if (perSecond === null) return (fn) => fn();
  const throttle = pThrottle({ limit: 1, interval: Math.ceil(1000 / perSecond) });
  const gate = throttle(async () => undefined);
  return async (fn) => {
    await gate();
    return fn();
  };
}

/**
 * The shortest wait after a 429: a `Retry-After` of 0 or a date gone by is waited as this, so
 * that a target answering 429 forever uses `--max-wait` up in a bounded number of retries.
 */
const SHORTEST_WAIT_MS = 1000;

/**
 * How long to wait after a 429 before trying again, within what is left of `--max-wait`:
 * `Retry-After` (seconds or an HTTP date, RFC 9110 §10.2.3) when given, otherwise an
 * exponential back-off from 1 s; never less than 1 s. Null when nothing is left to wait.
 */
export function retryDelay(answer: Answer429, attempt: number, remainingMs: number, nowMs = Date.now()): number | null {
  if (remainingMs <= 0) return null;
  const header = answer.headers['retry-after'];
  const asked = (header === undefined ? null : parseRetryAfter(header, nowMs)) ?? 1000 * 2 ** attempt;
  return Math.min(Math.max(asked, SHORTEST_WAIT_MS), remainingMs);
}

function parseRetryAfter(value: string, nowMs: number): number | null {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : date - nowMs;
}

/**
 * The run's view of the target's rate limit (SPEC §4 "a sustained rate limit ends a run in
 * bounded time"), told of every answer to a token request. A streak of 429s shares one
 * `--max-wait` however many requests and cases it spans; an answer other than 429 is relief
 * and ends it. Once a streak has waited `--max-wait`, the limit is sustained: `sustained` is
 * set and from then on no token request is sent, so the run ends within `--max-wait` of
 * waiting (plus the requests in flight) after the first 429 of that streak.
 */
export class RateLimitWatch {
  /** Set once the target stayed rate limited past `--max-wait`: every case from then on is skipped with it. */
  sustained: RateLimited | null = null;
  private answeredBeforeFirst429 = 0;
  private seen429 = false;
  private retryAfter: string | null = null;
  private streak = { waits: 0, waitedMs: 0 };

  constructor(private readonly maxWaitMs: number) {}

  /** Throws the sustained rate limit, once there is one: no request is sent after it. */
  refuseIfSustained(): void {
    if (this.sustained) throw this.sustained;
  }

  /** An answer other than 429: relief, which ends the streak. */
  relieved(): void {
    if (!this.seen429) this.answeredBeforeFirst429 += 1;
    this.streak = { waits: 0, waitedMs: 0 };
  }

  /** After a 429: how long to wait before trying again; throws RateLimited once the streak has waited `--max-wait`. */
  waitAfter(answer: Answer429): number {
    this.seen429 = true;
    this.retryAfter = answer.headers['retry-after'] ?? this.retryAfter;
    const delay = retryDelay(answer, this.streak.waits, this.maxWaitMs - this.streak.waitedMs);
    if (delay === null) {
      this.sustained ??= new RateLimited({ maxWaitMs: this.maxWaitMs, answeredBeforeFirst429: this.answeredBeforeFirst429, retryAfter: this.retryAfter, ...this.streak });
      throw this.sustained;
    }
    this.streak = { waits: this.streak.waits + 1, waitedMs: this.streak.waitedMs + delay };
    return delay;
  }
}

export { sleep };
