import type { CaseKit, Fixture, TokenBody, TokenRequest } from './case-kit.js';
import { randomBytes } from 'node:crypto';
import type { AuthMethod, ProfileName } from '../vocabulary/profile.js';
import type { AnswerByProfile } from '../vocabulary/expectation.js';
import { judgeAnswer } from '../checks/expectation.js';
import { algOf, freshJwkPair, type AsymmetricAlg, type JwsInput, type SigningKey } from '../jwt/index.js';
import { CaseNotRun, NOT_SELECTED, type CaseOutcome, type CheckedExchange, type Judgement } from '../vocabulary/outcome.js';
import type { Exchange } from '../vocabulary/exchange.js';

/** One change to a fully valid request (SPEC §2: "a case … changes one thing"). */
export interface Variant {
  /** What was changed, as a report shows it. */
  readonly name: string;
  /** Whether the change means anything for this fixture (e.g. upper-casing an ID without letters does not). */
  readonly applies?: (fixture: Fixture) => boolean;
  /** The profiles whose wire format the change is written for (SPEC §5); every profile the requirement applies to when absent. */
  readonly profiles?: readonly ProfileName[];
  /** rfc7523: the client authentication methods the change is for (SPEC §5); every method when absent. */
  readonly methods?: readonly AuthMethod[];
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
 * How many variants ahead a case sets up fixtures: the next variants' clients and codes are
 * registered while a variant's request is in flight, so a variant waits on one round trip to
 * the target rather than three.
 */
export const FIXTURES_AHEAD = 2;

/**
 * Sends every variant from a fresh fixture and judges each answer with `judge`: the shape
 * of nearly every negative case; in rfc7523 once per client authentication method of the run
 * (SPEC §4 `--auth-method`), each exchange named with its method when there are two. The
 * requests go one after another, in the variants' order; the fixtures of the next
 * `FIXTURES_AHEAD` variants are set up meanwhile, each asked for in the variants' order so that
 * their scopes are drawn as before.
 */
export function eachVariant(variants: readonly Variant[], judge: (exchange: Exchange, kit: CaseKit, variant: Variant) => Judgement) {
  return async (kit: CaseKit): Promise<CaseOutcome> => {
    const checks: CheckedExchange[] = [];
    const methods = kit.authMethods;
    const ofProfile = variants.filter((v) => v.profiles?.includes(kit.profile) ?? true);
    const forMethod = (variant: Variant, method: AuthMethod | null) => method === null || (variant.methods?.includes(method) ?? true);
    const jobs = methods.flatMap((method) => ofProfile.filter((variant) => forMethod(variant, method)).map((variant) => ({ method, variant, name: method === null || methods.length === 1 ? variant.name : `${variant.name} (${method})` })));
    if (jobs.length === 0 && ofProfile.length > 0) {
      // SPEC §4 `--auth-method`: the run left out the methods these changes are for, as `--only` leaves out requirements.
      const wanted = [...new Set(ofProfile.flatMap((variant) => variant.methods ?? []))].join(' or ');
      throw new CaseNotRun('skipped', `${NOT_SELECTED}: its requests are for ${wanted} clients, and --auth-method is ${methods.join(', ')}`);
    }
    const fixtures: Promise<Fixture>[] = [];
    const setUp = () => {
      const fixture = kit.fixture(undefined, jobs[fixtures.length]!.method);
      // A fixture set up ahead is awaited in its turn, or settled below when the case ends early.
      fixture.catch(() => undefined);
      fixtures.push(fixture);
    };
    try {
      for (let index = 0; index < jobs.length; index += 1) {
        while (fixtures.length < Math.min(jobs.length, index + 1 + FIXTURES_AHEAD)) setUp();
        const { variant, name } = jobs[index]!;
        const fixture = await fixtures[index]!;
        if (variant.applies && !variant.applies(fixture)) continue;
        const exchange = await kit.send(name, () => variant.build(fixture, kit));
        checks.push({ variant: name, exchange, judgement: judge(exchange, kit, variant) });
      }
    } finally {
      // Every fixture set up is torn down with the case: none may still be in flight when it closes.
      await Promise.allSettled(fixtures);
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
