import fc from 'fast-check';
import type { CaseKit, IssuedCode, RegisteredClient } from '../catalogue/case-kit.js';
import type { CaseOutcome } from '../catalogue/outcome.js';
import { acceptedWithGrant } from '../checks/success-response.js';
import { describeAnswer } from '../checks/answer.js';
import { checkProperty, type Counterexample } from './check-property.js';

/** Codes and JWTs one sequence of redemptions draws from. */
const CODES = 3;
const JWTS = 3;

/**
 * What the target should remember, and no more: which codes were redeemed and which JWTs
 * were accepted. Not a copy of the server: it knows nothing of validation, only of use.
 */
interface UseModel {
  readonly redeemed: Set<number>;
  readonly acceptedJwts: Set<number>;
  /** Whether the target has shown it enforces one-time JWTs (it refused an accepted JWT's reuse). */
  enforcesOneTimeJwt: boolean;
}

interface Target {
  readonly kit: CaseKit;
  readonly client: RegisteredClient;
  readonly codes: readonly IssuedCode[];
  readonly jwts: readonly string[];
  readonly passphrase: string;
  /** The first redemption the model refutes, if any. */
  violation?: Counterexample;
}

/** Redeem code `code` with JWT `jwt` of the pool, or with a fresh JWT. */
class Redeem implements fc.AsyncCommand<UseModel, Target> {
  constructor(
    readonly code: number,
    readonly jwt: number | 'fresh',
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: UseModel, target: Target): Promise<void> {
    const code = target.codes[this.code]!;
    const jwt = this.jwt === 'fresh' ? await target.kit.mint(target.client) : target.jwts[this.jwt]!;
    const exchange = await target.kit.send(this.toString(), () => ({
      headers: code.headers,
      body: { client_id: target.client.clientId, client_secret: jwt, redirect_uri: target.client.redirectUri, code: code.code, passphrase: target.passphrase },
    }));
    const accepted = acceptedWithGrant(exchange).ok;
    const reusedJwt = this.jwt !== 'fresh' && model.acceptedJwts.has(this.jwt);
    const problem = !accepted
      ? null
      : model.redeemed.has(this.code)
        ? `code ${this.code} redeemed a second time`
        : reusedJwt && model.enforcesOneTimeJwt
          ? `JWT ${String(this.jwt)} accepted a second time, after the target had refused its reuse`
          : null;
    if (problem !== null) {
      target.violation = { variant: this.toString(), exchange, judgement: { ok: false, expected: 'each code redeemed at most once, each JWT accepted at most once', actual: `${describeAnswer(exchange)}: ${problem}` } };
      throw new Error(problem);
    }
    if (accepted) {
      model.redeemed.add(this.code);
      if (this.jwt !== 'fresh') model.acceptedJwts.add(this.jwt);
    } else if (reusedJwt) {
      model.enforcesOneTimeJwt = true;
    }
  }

  toString(): string {
    return `redeem code ${this.code} with ${this.jwt === 'fresh' ? 'a fresh JWT' : `JWT ${this.jwt}`}`;
  }
}

const redemptions = fc.commands(
  [fc.tuple(fc.nat(CODES - 1), fc.oneof(fc.constant('fresh' as const), fc.nat(JWTS - 1))).map(([code, jwt]) => new Redeem(code, jwt))],
  { maxCommands: 8 },
);

/**
 * PROP-SINGLE-USE (model-based, `fc.commands`): across any sequence of redemptions a code
 * is redeemed at most once, and a JWT accepted at most once where the target enforces
 * one-time use.
 */
export async function singleUse(kit: CaseKit): Promise<CaseOutcome> {
  return checkProperty(kit, redemptions, async (commands) => {
    const fixture = await kit.fixture();
    const codes = [fixture.code, ...(await Promise.all(Array.from({ length: CODES - 1 }, () => kit.issueCode(fixture.client))))];
    const jwts = await Promise.all(Array.from({ length: JWTS }, () => kit.mint(fixture.client)));
    const target: Target = { kit, client: fixture.client, codes, jwts, passphrase: fixture.passphrase };
    const sequence = [...commands].map(String).join('; ') || 'no redemption';
    try {
      await fc.asyncModelRun(() => ({ model: { redeemed: new Set<number>(), acceptedJwts: new Set<number>(), enforcesOneTimeJwt: false }, real: target }), commands);
    } catch (error) {
      if (!target.violation) throw error;
      return { ...target.violation, variant: `${sequence} (broken at: ${target.violation.variant})` };
    }
    return null;
  });
}
