import fc from 'fast-check';
import type { CaseKit, IssuedCode, RegisteredClient } from '../case-kit.js';
import type { CaseOutcome } from '../../vocabulary/outcome.js';
import { acceptedWithGrant } from '../../checks/success-response.js';
import { describeAnswer } from '../../checks/answer.js';
import { errorCodeOf } from '../../vocabulary/exchange.js';
import { requestedScopesArb } from '../requested-scopes.js';
import { checkProperty, type Counterexample } from './check-property.js';
import { validWith } from '../variants.js';
import { describeRedemption, UseModel, type Redemption, type RedemptionAnswer } from './use-model.js';

/** Codes and JWTs one sequence of redemptions draws from. */
const CODES = 3;
const JWTS = 3;

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
  constructor(readonly redemption: Redemption) {}

  check(): boolean {
    return true;
  }

  async run(model: UseModel, target: Target): Promise<void> {
    const { code: codeIndex, jwt: jwtIndex } = this.redemption;
    const code = target.codes[codeIndex]!;
    const jwt = jwtIndex === 'fresh' ? await target.kit.mint(target.client) : target.jwts[jwtIndex]!;
    const { kit, client, passphrase } = target;
    const exchange = await kit.send(this.toString(), () => validWith(kit, { client, code, passphrase }, { [kit.credentialField]: jwt }));
    const answer: RedemptionAnswer = acceptedWithGrant(exchange, target.kit.profile).ok ? { accepted: true } : { accepted: false, error: errorCodeOf(exchange) };
    const problem = model.observe(this.redemption, answer);
    if (problem !== null) {
      target.violation = { variant: this.toString(), exchange, judgement: { ok: false, expected: 'each code redeemed at most once, each JWT accepted at most once', actual: `${describeAnswer(exchange)}: ${problem}` } };
      throw new Error(problem);
    }
  }

  toString(): string {
    return describeRedemption(this.redemption);
  }
}

const redemptions = fc.commands(
  [fc.tuple(fc.nat(CODES - 1), fc.oneof(fc.constant('fresh' as const), fc.nat(JWTS - 1))).map(([code, jwt]) => new Redeem({ code, jwt }))],
  { maxCommands: 8 },
);

/** One example: a sequence of redemptions, and the scopes each code of the pool is asked for (SPEC §2). */
export interface RedemptionSequence {
  readonly commands: Iterable<fc.AsyncCommand<UseModel, Target>>;
  readonly codeScopes: readonly (readonly string[])[];
}

function sequences(scopes: readonly string[]): fc.Arbitrary<RedemptionSequence> {
  return fc.record({ commands: redemptions, codeScopes: fc.array(requestedScopesArb(scopes), { minLength: CODES, maxLength: CODES }) });
}

/**
 * Runs one sequence of redemptions from a fresh client with a pool of codes and JWTs, and
 * returns the first redemption the model refutes, or null when the sequence held.
 */
export async function redeemInSequence(kit: CaseKit, { commands, codeScopes }: RedemptionSequence): Promise<Counterexample | null> {
  const fixture = await kit.fixture(codeScopes[0]);
  const codes = [fixture.code, ...(await Promise.all(codeScopes.slice(1).map((scopes) => kit.issueCode(fixture.client, { scopes }))))];
  const jwts = await Promise.all(Array.from({ length: JWTS }, () => kit.mint(fixture.client)));
  const target: Target = { kit, client: fixture.client, codes, jwts, passphrase: fixture.passphrase };
  const sequence = [...commands].map(String).join('; ') || 'no redemption';
  try {
    await fc.asyncModelRun(() => ({ model: new UseModel(), real: target }), commands);
  } catch (error) {
    if (!target.violation) throw error;
    return { ...target.violation, variant: `${sequence} (broken at: ${target.violation.variant})` };
  }
  return null;
}

/** The commands of a sequence of redemptions, in order (for replaying a sequence by hand). */
export function redemptionCommands(sequence: readonly Redemption[]): fc.AsyncCommand<UseModel, Target>[] {
  return sequence.map((redemption) => new Redeem(redemption));
}

/**
 * PROP-SINGLE-USE (model-based, `fc.commands`): across any sequence of redemptions a code
 * is redeemed at most once, and a JWT accepted at most once where the target enforces
 * one-time use.
 */
export async function singleUse(kit: CaseKit): Promise<CaseOutcome> {
  return checkProperty(kit, sequences(kit.options.scopes), (sequence) => redeemInSequence(kit, sequence));
}
