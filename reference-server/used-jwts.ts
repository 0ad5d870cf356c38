import { createHash } from 'node:crypto';

/**
 * The JWTs that have authenticated a client, kept until they expire (SPEC §1, SHOULD: refuse a
 * second use of the same JWT; seed 002: "Each JWT should be used only once"). Only a hash of
 * each JWT is kept.
 */
export class UsedJwtLedger {
  readonly #forgetAtMs = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  /**
   * Records `jwt` as used until `forgetAtMs`, when its expiry refuses it anyway. `false` when
   * it was already recorded. Checks and records in one synchronous call, so two concurrent
   * requests cannot both see a JWT as fresh.
   */
  recordFirstUse(jwt: string, forgetAtMs: number): boolean {
    this.#forgetExpired();
    const key = createHash('sha256').update(jwt).digest('hex');
    if (this.#forgetAtMs.has(key)) return false;
    this.#forgetAtMs.set(key, forgetAtMs);
    return true;
  }

  #forgetExpired(): void {
    const nowMs = this.now();
    for (const [key, forgetAtMs] of this.#forgetAtMs) {
      if (nowMs >= forgetAtMs) this.#forgetAtMs.delete(key);
    }
  }
}
