import { describe, expect, it } from 'vitest';
import { galleryServer } from '../support/gallery-server.js';
import { judge } from '../support/judge.js';
import { contractBreaches, statusOf } from '../support/run-cli.js';

/** The burst announcements a run printed, in order (SPEC §7: every burst is announced before it starts). */
const announced = (log: readonly string[]) => log.filter((line) => / a burst of up to \d+ requests, at most 60 s: /.test(line));

/**
 * The abuse stage (SPEC §7) in detail, evaluated as `grantproof run --only abuse` evaluates it;
 * detection.test.ts judges every gallery server on its stage.
 */
describe('the abuse stage (--only abuse)', () => {
  it('without a rate limit: ABUSE-RATE-LIMIT warns after --abuse-burst requests, the checks that need a 429 are skipped without effect on the verdict', async () => {
    const target = await galleryServer('no-rate-limit');
    try {
      const run = await judge([...target.args, '--only', 'abuse', '--abuse-burst', '12']);
      expect(contractBreaches(run)).toBeNull();
      expect(run.exitCode).toBe(0);
      const byId = new Map(run.results.results.map((r) => [r.id, r]));
      expect(byId.get('ABUSE-RATE-LIMIT')).toMatchObject({ status: 'warning' });
      expect(byId.get('ABUSE-RATE-LIMIT')!.reason).toContain('expected 429 within 12 failed client authentications, got no 429 in 12 requests; the last got 401 invalid_client');
      for (const id of ['ABUSE-RATE-LIMIT-SPOOF', 'ABUSE-RETRY-AFTER']) {
        expect(byId.get(id), id).toMatchObject({ status: 'skipped', reason: "no rate limit seen: ABUSE-RATE-LIMIT's burst got no 429 in 12 failed client authentications" });
      }
      expect(announced(run.log)).toEqual(['ABUSE-RATE-LIMIT: a burst of up to 12 requests, at most 60 s: failed client authentications from one client (its JWT signed with a random key), until a 429']);
    } finally {
      await target.close();
    }
  });

  it("a limiter keyed on forwarded headers from anyone: each header's fresh values lift the limit, and each burst is announced", async () => {
    const target = await galleryServer('rate-limit-spoofable');
    try {
      const run = await judge([...target.args, '--only', 'ABUSE-RATE-LIMIT-SPOOF']);
      expect(contractBreaches(run)).toBeNull();
      expect(run.exitCode).toBe(1);
      const spoof = run.results.results.find((r) => r.id === 'ABUSE-RATE-LIMIT-SPOOF')!;
      expect(spoof.status).toBe('failed');
      // The preflight and the positive control spent 3 of the burst of 10: the 429 came at the 8th.
      expect(spoof.evidence.map((e) => `${e.variant}: ${e.actual}`)).toEqual(
        ['X-Forwarded-For', 'X-Real-IP', 'Forwarded', 'True-Client-IP', 'CF-Connecting-IP'].map((header) => `a fresh ${header} on each request: 8 requests without a 429: a fresh ${header} lifted the limit`),
      );
      // Selected alone, it found the limit itself: one burst for the limit, one per header.
      expect(announced(run.log)).toHaveLength(6);
      expect(statusOf(run, 'ABUSE-RATE-LIMIT')).toBe('skipped');
    } finally {
      await target.close();
    }
  });

  it('a correct limiter: the limit holds whatever the forwarded headers say, and its 429 says Retry-After', async () => {
    const target = await galleryServer('rate-limited-per-address');
    try {
      const run = await judge([...target.args, '--only', 'abuse']);
      expect(contractBreaches(run)).toBeNull();
      expect(run.exitCode).toBe(0);
      expect(run.results.results.filter((r) => r.id.startsWith('ABUSE-')).map((r) => `${r.id} ${r.status} ${r.note ?? ''}`)).toEqual([
        'ABUSE-RATE-LIMIT passed 429 at failed client authentication 8',
        'ABUSE-RATE-LIMIT-SPOOF passed ',
        'ABUSE-RETRY-AFTER passed ',
      ]);
      expect(run.results.threats!.find((t) => t.id === 'T-CLIENT-CREDENTIAL-GUESSING')!.status).toBe('mitigated');
    } finally {
      await target.close();
    }
  });
});
