/** One redemption of a sequence: code `code` of the pool, with JWT `jwt` of the pool or a fresh one. */
export interface Redemption {
  readonly code: number;
  readonly jwt: number | 'fresh';
}

/** What the target answered to a redemption: a grant, or a refusal with its `error` code, if any. */
export type RedemptionAnswer = { readonly accepted: true } | { readonly accepted: false; readonly error: string | undefined };

export function describeRedemption({ code, jwt }: Redemption): string {
  return `redeem code ${code} with ${jwt === 'fresh' ? 'a fresh JWT' : `JWT ${jwt}`}`;
}

/**
 * What the target should remember, and no more: which codes were redeemed and which JWTs
 * were accepted. Not a copy of the server: it knows nothing of validation, only of use.
 */
export class UseModel {
  readonly redeemed = new Set<number>();
  readonly acceptedJwts = new Set<number>();
  /** Whether the target has shown it enforces one-time JWTs: it refused an accepted JWT's reuse for the JWT's sake. */
  enforcesOneTimeJwt = false;

  /**
   * Judges one answer: the rule it breaks (a code redeemed twice; a JWT accepted twice by a
   * target that enforces one-time JWTs), or null; then remembers what the answer showed.
   */
  observe(redemption: Redemption, answer: RedemptionAnswer): string | null {
    const reusedJwt = redemption.jwt !== 'fresh' && this.acceptedJwts.has(redemption.jwt);
    if (answer.accepted) {
      if (this.redeemed.has(redemption.code)) return `code ${redemption.code} redeemed a second time`;
      if (reusedJwt && this.enforcesOneTimeJwt) return `JWT ${String(redemption.jwt)} accepted a second time, after the target had refused a JWT's reuse`;
      this.redeemed.add(redemption.code);
      if (redemption.jwt !== 'fresh') this.acceptedJwts.add(redemption.jwt);
    } else if (reusedJwt && this.refusedForTheJwt(redemption, answer.error)) {
      this.enforcesOneTimeJwt = true;
    }
    return null;
  }

  /**
   * Whether a refusal of a reused JWT can be due to the JWT alone: its code was never
   * redeemed (nothing else in the request is wrong), or the answer is `invalid_client`
   * (SPEC §1: the client is authenticated before the code is looked at). A refused reuse of
   * a redeemed code says nothing of the JWT: `invalid_code` is the code's own reuse.
   */
  private refusedForTheJwt(redemption: Redemption, error: string | undefined): boolean {
    return !this.redeemed.has(redemption.code) || error === 'invalid_client';
  }
}
