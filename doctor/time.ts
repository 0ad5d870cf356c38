import { format, formatDuration, intervalToDuration, type Duration } from 'date-fns';

const UNITS = ['years', 'months', 'days', 'hours', 'minutes', 'seconds'] as const satisfies readonly (keyof Duration)[];

/**
 * The time between two instants in its largest calendar unit and the next one, e.g.
 * `1 year 4 months`, `4 minutes 13 seconds`, `3 days` (no hours); `less than a second` under one.
 */
export function spanBetween(aMs: number, bMs: number): string {
  const [start, end] = aMs <= bMs ? [aMs, bMs] : [bMs, aMs];
  const duration = intervalToDuration({ start, end });
  const largest = UNITS.findIndex((unit) => (duration[unit] ?? 0) > 0);
  if (largest < 0) return 'less than a second';
  return formatDuration(duration, { format: UNITS.slice(largest, largest + 2) });
}

/** A NumericDate (seconds) in UTC, ISO 8601: `2025-06-27T10:19:13Z`. @see RFC 7519 §2 */
export function utcOf(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** A NumericDate in this machine's time zone (the TZ variable), with its offset: `2025-06-27 15:49:13 +05:30`. */
export function localOf(seconds: number): string {
  return format(new Date(seconds * 1000), Number.isInteger(seconds) ? 'yyyy-MM-dd HH:mm:ss xxx' : 'yyyy-MM-dd HH:mm:ss.SSS xxx');
}

/** `2025-06-27T10:19:13Z, 2025-06-27 15:49:13 +05:30 local` */
export function bothZones(seconds: number): string {
  return `${utcOf(seconds)}, ${localOf(seconds)} local`;
}

/**
 * Where `exp` lies from `nowMs`: `expired 1 year 4 months ago` or `expires in 4 minutes 13 seconds`.
 * Expired when now ≥ exp (RFC 7519 §4.1.4: "on or after").
 */
export function expiryPhrase(exp: number, nowMs: number): string {
  const span = spanBetween(exp * 1000, nowMs);
  return nowMs >= exp * 1000 ? `expired ${span} ago` : `expires in ${span}`;
}
