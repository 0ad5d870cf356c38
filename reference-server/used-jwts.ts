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

  /**
   * Frees what no longer matters: a JWT is forgotten only once `checkExpiry` refuses it anyway.
   * Forgetting later than that is unobservable, so the mutants that forget later (or never)
   * are equivalent; forgetting earlier is caught (AUTH-REPLAY, inside the leeway).
   */
  // Stryker disable next-line BlockStatement: equivalent, forgets never
  #forgetExpired(): void {
    const nowMs = this.now();
    // Stryker disable next-line BlockStatement: equivalent, forgets never
    for (const [key, forgetAtMs] of this.#forgetAtMs) {
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent when it forgets never or a millisecond later; the mutants that forget early are seen killed when this line is not disabled
      if (nowMs >= forgetAtMs) this.#forgetAtMs.delete(key);
    }
  }
}
