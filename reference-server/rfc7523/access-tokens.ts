import { randomBytes } from 'node:crypto';

/** How long an access token is active: an hour, a common default (RFC 6749 §4.2.2 `expires_in` example). */
export const accessTokenLifetimeSeconds = 3600;

/**
 * The access tokens issued and still active, each with the code it was issued for, so that a
 * second redemption of that code can revoke it (RFC 6749 §4.1.2: "If an authorization code is
 * used more than once, the authorization server MUST deny the request and SHOULD revoke (when
 * possible) all tokens previously issued based on that authorization code").
 *
 * Expiry by time: every token lives `accessTokenLifetimeSeconds`, so the map's order of issue is
 * the order of expiry, and every issue first forgets the oldest tokens while they are expired.
 *
 * The bound: at most `capacity` tokens. At it, the oldest is forgotten to make room: a forgotten
 * token is inactive, never active by mistake, and a later reuse of its code is still refused
 * (`invalid_grant`), only with nothing left to revoke.
 */
export class AccessTokenLedger {
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #byCode = new Map<string, string>();

  constructor(
    private readonly now: () => number,
    private readonly capacity: number,
  ) {}

  /** A new active access token, issued for `code`. */
  issue(code: string): string {
    this.#forgetExpired();
    const oldest = this.#tokens.keys().next();
    if (this.#tokens.size >= this.capacity && oldest.done !== true) this.#forget(oldest.value);
    const token = randomBytes(32).toString('base64url');
    this.#tokens.set(token, { code, expiresAtMs: this.now() + accessTokenLifetimeSeconds * 1000 });
    this.#byCode.set(code, token);
    return token;
  }

  /** Revokes the token issued for `code`; `false` when none is active. */
  revokeIssuedFor(code: string): boolean {
    const token = this.#byCode.get(code);
    if (token === undefined) return false;
    this.#forget(token);
    return true;
  }

  /** Whether `token` was issued, is unexpired and not revoked (SPEC §5 state `an access token's status`). */
  isActive(token: string): boolean {
    this.#forgetExpired();
    return this.#tokens.has(token);
  }

  #forgetExpired(): void {
    const nowMs = this.now();
    for (const [token, { expiresAtMs }] of this.#tokens) {
      if (nowMs < expiresAtMs) return;
      this.#forget(token);
    }
  }

  #forget(token: string): void {
    const issued = this.#tokens.get(token);
    if (issued !== undefined) this.#byCode.delete(issued.code);
    this.#tokens.delete(token);
  }
}

/** An active token's code and expiry. */
interface IssuedToken {
  readonly code: string;
  readonly expiresAtMs: number;
}
