import pThrottle from 'p-throttle';
import { setTimeout as sleep } from 'node:timers/promises';
import { HarnessError } from '../vocabulary/errors.js';
import type { HttpAnswer } from './http.js';

/** A token request still answered 429 after `--max-wait`: its case is skipped (SPEC §4). */
export class RateLimited extends HarnessError<'rate-limited'> {
  override readonly name = 'RateLimited';

  constructor(waitedMs: number) {
    super('rate-limited', `rate limited (429): still refused after waiting ${Math.round(waitedMs / 1000)} s (raise --max-wait or lower --rate)`);
  }
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
 * How long to wait after a 429 before trying again, within what is left of `--max-wait`:
 * `Retry-After` (seconds or an HTTP date, RFC 9110 §10.2.3) when given, otherwise an
 * exponential back-off from 1 s. Null when nothing is left to wait.
 */
export function retryDelay(answer: HttpAnswer, attempt: number, remainingMs: number, nowMs = Date.now()): number | null {
  if (remainingMs <= 0) return null;
  const header = answer.headers['retry-after'];
  const asked = header === undefined ? 1000 * 2 ** attempt : parseRetryAfter(header, nowMs);
  return Math.min(Math.max(asked ?? 1000 * 2 ** attempt, 0), remainingMs);
}

function parseRetryAfter(value: string, nowMs: number): number | null {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : date - nowMs;
}

export { sleep };
