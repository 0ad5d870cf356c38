import { describe, expect, it } from 'vitest';
import { bothZones, expiryPhrase, spanBetween } from '../../doctor/index.js';

describe('time lines', () => {
  it('a span in its two largest calendar units', () => {
    expect(spanBetween(Date.parse('2025-06-27T10:19:13Z'), Date.parse('2026-11-01T00:00:00Z'))).toBe('1 year 4 months');
    expect(spanBetween(Date.parse('2026-11-01T00:00:00Z'), Date.parse('2025-06-27T10:19:13Z'))).toBe('1 year 4 months');
    expect(spanBetween(0, 253_000)).toBe('4 minutes 13 seconds');
    expect(spanBetween(0, 3 * 86_400_000 + 60_000)).toBe('3 days');
    expect(spanBetween(0, 999)).toBe('less than a second');
  });
  it('expired on or after exp (RFC 7519 §4.1.4)', () => {
    expect(expiryPhrase(100, 100_000)).toBe('expired less than a second ago');
    expect(expiryPhrase(100, 99_000)).toBe('expires in 1 second');
  });
  it('exp in UTC and in the local zone, with its offset', () => {
    process.env.TZ = 'Asia/Kolkata';
    expect(bothZones(1751019361)).toBe('2025-06-27T10:16:01Z, 2025-06-27 15:46:01 +05:30 local');
    expect(bothZones(1751019361.5)).toBe('2025-06-27T10:16:01.500Z, 2025-06-27 15:46:01.500 +05:30 local');
  });
});
