import fc from 'fast-check';
import type { CaseKit, Fixture, RegisteredClient } from '../case-kit.js';
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
  /** Code `index` of the pool, with the sequence's own client and a passphrase, issued at the first redemption of it. */
  readonly code: (index: number) => Promise<Fixture>;
  /** JWT `index` of the pool, minted at its first use. */
  readonly jwt: (index: number) => Promise<string>;
  /** The first redemption the model refutes, if any. */
  violation?: Counterexample;
}

/** `make`'s value for each key, made at the first call for it. */
function madeOnce<K, V>(make: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const made = new Map<K, Promise<V>>();
  return (key) => {
    if (!made.has(key)) made.set(key, make(key));
    return made.get(key)!;
  };
}

/** Redeem code `code` with JWT `jwt` of the pool, or with a fresh JWT. */
class Redeem implements fc.AsyncCommand<UseModel, Target> {
  constructor(readonly redemption: Redemption) {}

  check(): boolean {
    return true;
  }

  async run(model: UseModel, target: Target): Promise<void> {
    const { code: codeIndex, jwt: jwtIndex } = this.redemption;
    const { client, code, passphrase } = await target.code(codeIndex);
    const jwt = jwtIndex === 'fresh' ? await target.kit.mint(client) : await target.jwt(jwtIndex);
    const { kit } = target;
    const exchange = await kit.send(this.toString(), () => validWith(kit, { client, code, passphrase }, { [kit.credentialField]: jwt }));
    const answer: RedemptionAnswer = acceptedWithGrant(exchange, kit.profile).ok ? { accepted: true } : { accepted: false, error: errorCodeOf(exchange) };
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
 *
 * The client stays the sequence's own (SPEC §3): a sequence reuses JWTs on purpose, and a
 * target that enforces one-time JWTs refuses each reuse as `invalid_client`, a failed client
 * authentication it may count against the client (SPEC §7). The client, and each code and JWT
 * of the pool, is set up when a redemption first needs it: a sequence sets up only what it
 * redeems with, and a sequence of no redemption nothing.
 */
export async function redeemInSequence(kit: CaseKit, { commands, codeScopes }: RedemptionSequence): Promise<Counterexample | null> {
  let registered: Promise<RegisteredClient> | undefined;
  const client = () => (registered ??= kit.registerClient());
  const target: Target = {
    kit,
    code: madeOnce(async (index: number) => kit.codeFixture(await client(), codeScopes[index])),
    jwt: madeOnce(async () => kit.mint(await client())),
  };
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
