import type { CaseKit, Fixture, TokenBody, TokenRequest } from './case-kit.js';
import type { ForgeInput } from '../jwt/index.js';
import type { CaseOutcome, CheckedExchange, Judgement } from '../vocabulary/outcome.js';
import type { Exchange } from '../vocabulary/exchange.js';

/** One change to a fully valid request (SPEC §2: "a case … changes one thing"). */
export interface Variant {
  /** What was changed, as a report shows it. */
  readonly name: string;
  /** Whether the change means anything for this fixture (e.g. upper-casing an ID without letters does not). */
  readonly applies?: (fixture: Fixture) => boolean;
  readonly build: (fixture: Fixture, kit: CaseKit) => TokenRequest | Promise<TokenRequest>;
}

/** The valid request for `fixture` with some body fields replaced (or removed, as `undefined`). */
export async function validWith(kit: CaseKit, fixture: Fixture, fields: TokenBody): Promise<TokenRequest> {
  const valid = await kit.validRequest(fixture);
  const body: TokenBody = { ...valid.body, ...fields };
  for (const [name, value] of Object.entries(fields)) if (value === undefined) delete body[name];
  return { ...valid, body };
}

/** A variant that replaces the client_secret JWT with a forged one. */
export function secretVariant(
  name: string,
  forge: (input: ForgeInput, fixture: Fixture, kit: CaseKit) => string | Promise<string>,
  applies?: (fixture: Fixture) => boolean,
): Variant {
  return {
    name,
    ...(applies ? { applies } : {}),
    build: async (fixture, kit) => validWith(kit, fixture, { client_secret: await forge(kit.forgeInput(fixture.client), fixture, kit) }),
  };
}

/** A variant that replaces body fields of the valid request. */
export function bodyVariant(name: string, fields: (fixture: Fixture, kit: CaseKit) => TokenBody | Promise<TokenBody>, applies?: (fixture: Fixture) => boolean): Variant {
  return {
    name,
    ...(applies ? { applies } : {}),
    build: async (fixture, kit) => validWith(kit, fixture, await fields(fixture, kit)),
  };
}

/**
 * How many variants ahead a case sets up fixtures: the next variants' clients and codes are
 * registered while a variant's request is in flight, so a variant waits on one round trip to
 * the target rather than three.
 */
export const FIXTURES_AHEAD = 2;

/**
 * Sends every variant from a fresh fixture and judges each answer with `judge`: the shape
 * of nearly every negative case. The requests go one after another, in the variants' order;
 * the fixtures of the next `FIXTURES_AHEAD` variants are set up meanwhile, each asked for in
 * the variants' order so that their scopes are drawn as before.
 */
export function eachVariant(variants: readonly Variant[], judge: (exchange: Exchange, kit: CaseKit) => Judgement) {
  return async (kit: CaseKit): Promise<CaseOutcome> => {
    const checks: CheckedExchange[] = [];
    const fixtures: Promise<Fixture>[] = [];
    const setUp = () => {
      const fixture = kit.fixture();
      // A fixture set up ahead is awaited in its turn, or settled below when the case ends early.
      fixture.catch(() => undefined);
      fixtures.push(fixture);
    };
    try {
      for (let index = 0; index < variants.length; index += 1) {
        while (fixtures.length < Math.min(variants.length, index + 1 + FIXTURES_AHEAD)) setUp();
        const variant = variants[index]!;
        const fixture = await fixtures[index]!;
        if (variant.applies && !variant.applies(fixture)) continue;
        const exchange = await kit.send(variant.name, () => variant.build(fixture, kit));
        checks.push({ variant: variant.name, exchange, judgement: judge(exchange, kit) });
      }
    } finally {
      // Every fixture set up is torn down with the case: none may still be in flight when it closes.
      await Promise.allSettled(fixtures);
    }
    return { checks };
  };
}

/** Every variant judged by the requirement's expectation (`kit.judge`): a VariantsRequirement's case. */
export function eachVariantAsExpected(variants: readonly Variant[]) {
  return eachVariant(variants, (exchange, kit) => kit.judge(exchange));
}
