import { randomUUID } from 'node:crypto';

/** An authorization code as issued at consent (RFC 6749 §4.1.2). */
export interface IssuedCode {
  readonly code: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  /** Milliseconds on the server clock; the code is expired from this instant on. */
  readonly expiresAtMs: number;
  /** The consenting user's session, when codes are bound to it (StorX does this). */
  readonly session?: string;
}

/**
 * The codes issued and not yet redeemed, torn down or expired. Looking a code up, and tearing
 * down one code or the codes of one client (SPEC §3), take constant time per code removed:
 * codes are kept by code, and by client.
 *
 * Expiry by time: the map keeps the order codes were issued in, and every issue first removes
 * the oldest codes while they are expired (as `codeUnexpired` decides them). Every code lives
 * the same `codeTtlSeconds`, so the oldest expire first; the store grows only by issues.
 *
 * The bound: at most `capacity` codes; at it, no code is issued until one is redeemed, torn
 * down or expired (the state endpoint answers 503). None is dropped early to make room.
 */
export class CodeStore<Code extends IssuedCode = IssuedCode> {
  readonly #codes = new Map<string, KeptCode<Code>>();
  /** The codes of each client that has any, until the client's teardown. */
  readonly #byClient = new Map<string, Set<string>>();

  constructor(
    private readonly now: () => number,
    private readonly capacity: number,
  ) {}

  /** A new code, or `undefined` when `capacity` codes are kept already. */
  issue(grant: Omit<Code, 'code'>): Code | undefined {
    this.#removeExpired();
    if (this.#codes.size >= this.capacity) return undefined;
    // A `Code` less its `code`, and a code: a `Code` (TypeScript cannot see it through the spread).
    const issued = { ...grant, code: randomUUID() } as Code;
    const ofClient = this.#byClient.get(issued.clientId) ?? new Set<string>();
    this.#byClient.set(issued.clientId, ofClient.add(issued.code));
    this.#codes.set(issued.code, { issued, ofClient });
    return issued;
  }

  /** The code as issued, expired or not: `codeUnexpired` decides. */
  find(code: string): Code | undefined {
    return this.#codes.get(code)?.issued;
  }

  /** Removes `code`; `false` when it was already gone, i.e. someone else redeemed it first. */
  consume(code: string): boolean {
    this.#codes.get(code)?.ofClient.delete(code);
    return this.#codes.delete(code);
  }

  /** Teardown (SPEC §3): the codes of a client being removed. */
  removeIssuedTo(clientId: string): void {
    const ofClient = this.#byClient.get(clientId);
    if (ofClient === undefined) return;
    for (const code of ofClient) this.consume(code);
    this.#byClient.delete(clientId);
  }

  /** How many codes it keeps now, the expired ones removed first. */
  count(): number {
    this.#removeExpired();
    return this.#codes.size;
  }

  #removeExpired(): void {
    const nowMs = this.now();
    for (const { issued } of this.#codes.values()) {
      if (nowMs < issued.expiresAtMs) return;
      this.consume(issued.code);
    }
  }
}

/** A code, and the set of its client's codes it is listed in. */
interface KeptCode<Code extends IssuedCode> {
  readonly issued: Code;
  readonly ofClient: Set<string>;
}
