import type { CaseKit, Fixture, TokenBody, TokenRequest } from './case-kit.js';
import { randomBytes } from 'node:crypto';
import type { ProfileName } from '../vocabulary/profile.js';
import type { AnswerByProfile } from '../vocabulary/expectation.js';
import { judgeAnswer } from '../checks/expectation.js';
import { algOf, freshJwkPair, type AsymmetricAlg, type JwsInput, type SigningKey } from '../jwt/index.js';
import type { CaseOutcome, CheckedExchange, Judgement } from '../vocabulary/outcome.js';
import type { Exchange } from '../vocabulary/exchange.js';

/** One change to a fully valid request (SPEC §2: "a case … changes one thing"). */
export interface Variant {
  /** What was changed, as a report shows it. */
  readonly name: string;
  /** Whether the change means anything for this fixture (e.g. upper-casing an ID without letters does not). */
  readonly applies?: (fixture: Fixture) => boolean;
  /** The profiles whose wire format the change is written for (SPEC §5); every profile the requirement applies to when absent. */
  readonly profiles?: readonly ProfileName[];
  /**
   * What this variant's answer is judged by, in the profiles it names, instead of its
   * requirement's expectation: where RFC 6749 §5.2 lets a second code fit this change alone
   * (SPEC §5), e.g. an unsigned JWT that is not a JWS either.
   */
  readonly expect?: AnswerByProfile;
  readonly build: (fixture: Fixture, kit: CaseKit) => TokenRequest | Promise<TokenRequest>;
}

/**
 * The valid request for `fixture` with some fields replaced (or removed, as `undefined`): of
 * the JSON body in storx, of the form in rfc7523.
 */
export async function validWith(kit: CaseKit, fixture: Fixture, fields: TokenBody): Promise<TokenRequest> {
  const valid = await kit.validRequest(fixture);
  const place = valid.form === undefined ? 'body' : 'form';
  const merged: TokenBody = { ...valid[place], ...fields };
  for (const [name, value] of Object.entries(fields)) if (value === undefined) delete merged[name];
  return { ...valid, [place]: merged };
}

/** A variant that replaces the client's JWT (its `client_secret` or `client_assertion`, `kit.credentialField`) with a forged one. */
export function secretVariant(
  name: string,
  forge: (input: JwsInput, fixture: Fixture, kit: CaseKit) => string | Promise<string>,
  applies?: (fixture: Fixture) => boolean,
): Variant {
  return {
    name,
    ...(applies ? { applies } : {}),
    build: async (fixture, kit) => validWith(kit, fixture, { [kit.credentialField]: await forge(kit.forgeInput(fixture.client), fixture, kit) }),
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
 * Sends every variant from a fresh fixture and judges each answer with `judge`: the shape
 * of nearly every negative case. In rfc7523, once per client authentication method of the run
 * (SPEC §4 `--auth-method`), each exchange named with its method when there are two.
 */
export function eachVariant(variants: readonly Variant[], judge: (exchange: Exchange, kit: CaseKit, variant: Variant) => Judgement) {
  return async (kit: CaseKit): Promise<CaseOutcome> => {
    const checks: CheckedExchange[] = [];
    const methods = kit.authMethods;
    for (const method of methods) {
      for (const variant of variants.filter((v) => v.profiles?.includes(kit.profile) ?? true)) {
        const fixture = await kit.fixture(undefined, method);
        if (variant.applies && !variant.applies(fixture)) continue;
        const name = method === null || methods.length === 1 ? variant.name : `${variant.name} (${method})`;
        const exchange = await kit.send(name, () => variant.build(fixture, kit));
        checks.push({ variant: name, exchange, judgement: judge(exchange, kit, variant) });
      }
    }
    return { checks };
  };
}

/** Every variant judged by its own expectation or else the requirement's (`kit.judge`): a VariantsRequirement's case. */
export function eachVariantAsExpected(variants: readonly Variant[]) {
  return eachVariant(variants, judgedAsExpected);
}

/** A variant's answer judged by the variant's expectation in the kit's profile, or else by the requirement's. */
export function judgedAsExpected(exchange: Exchange, kit: CaseKit, variant: Variant): Judgement {
  const own = variant.expect?.[kit.profile];
  return own === undefined ? kit.judge(exchange) : judgeAnswer(own, exchange, kit.options);
}

/**
 * A key of the same kind as `key` that is not it: a random secret for a secret, a fresh key
 * pair's private half of the same alg for a private JWK (SPEC §5 `private_key_jwt`).
 */
export function randomKeyLike(input: JwsInput): SigningKey {
  if (input.key.kind === 'secret') return { kind: 'secret', secret: randomBytes(32).toString('hex') };
  return { kind: 'private-jwk', jwk: { ...freshJwkPair(algOf(input) as AsymmetricAlg).privateJwk, kid: input.key.jwk.kid } };
}

/**
 * The body's client_id for a JWT forged for another client: storx always sends one (SPEC §1);
 * rfc7523 names the client by the assertion alone (SPEC §5: client_id only where a case is about it).
 */
export function namedClient(kit: CaseKit, input: JwsInput): Record<string, unknown> {
  return kit.profile === 'storx' ? { client_id: input.claims.client_id } : {};
}
