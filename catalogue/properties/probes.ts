import { randomBytes, randomUUID } from 'node:crypto';
import type { CaseKit, Fixture, RegisteredClient, TokenRequest } from '../case-kit.js';
import type { Judgement } from '../../vocabulary/outcome.js';
import type { Exchange } from '../../vocabulary/exchange.js';
import { acceptedWithGrant, grantsScopes, scopesOf } from '../../checks/success-response.js';
import { describeAnswer } from '../../checks/answer.js';
import type { GeneratedAssertionRequest, GeneratedRequest } from './arbitraries/index.js';
import { describeAssertionRecipe, prepareAssertion, type AssertionBasis } from './assertion-recipe.js';
import { algOf } from '../../jwt/index.js';
import { randomKeyLike } from '../variants.js';
import { GRANT_FIELD, type ProfileName } from '../../vocabulary/profile.js';
import { describeRecipe, keepsClientAuthentication, prepare, type Basis, type Verdict } from './recipe.js';

/** One generated request, sent with a fresh code, with what a conforming target must answer. */
export interface Sent {
  /** The profile the request was made in: whose success shape an acceptance is judged by. */
  readonly profile: ProfileName;
  readonly recipe: string;
  readonly verdict: Verdict;
  readonly exchange: Exchange;
  /** The scopes granted with the code, which a success must echo (SPEC §3). */
  readonly grantedScopes: readonly string[];
}

/** The ingredients of the fully valid request a recipe changes, its JWT's exp `exp`. */
async function basisFor(kit: CaseKit, fixture: Fixture, exp: number): Promise<Basis> {
  return {
    clientId: fixture.client.clientId,
    secret: fixture.client.secret ?? '',
    redirectUri: fixture.client.redirectUri,
    code: fixture.code.code,
    codeHeaders: fixture.code.headers,
    passphrase: fixture.passphrase,
    exp,
    now: kit.now(),
    leewaySeconds: kit.options.leewaySeconds,
    maxLifetimeSeconds: kit.options.maxLifetimeSeconds,
    otherSecret: randomBytes(32).toString('hex'),
    callbackUrl: await kit.callbackBase(),
    callbackToken: randomBytes(9).toString('base64url'),
  };
}

/**
 * The most examples one shared client serves (see `sendRecipe`): a registration saved for
 * every other, yet few requests from any one client, should the target limit per client
 * even the requests it authenticates (refused codes, say).
 */
export const EXAMPLES_PER_SHARED_CLIENT = 16;

/** How many draws of `freshExp` a shared client is given to find an exp it has not yet signed a JWT with. */
const EXP_DRAWS = 64;

/**
 * The clients a property's examples share: one registered for every
 * `EXAMPLES_PER_SHARED_CLIENT` examples, each with the exps it has signed JWTs with, since two
 * JWTs with the same client_id and exp are byte-identical (SPEC §3) and a target that enforces
 * one-time JWTs refuses the second.
 */
class SharedClients {
  private current: { readonly client: Promise<RegisteredClient>; examples: number } | undefined;
  private readonly signed = new Map<string, Set<number>>();

  constructor(private readonly kit: CaseKit) {}

  /** The client the next example shares: the current one, or a newly registered one once the current has served its examples. */
  next(): Promise<RegisteredClient> {
    if (this.current === undefined || this.current.examples >= EXAMPLES_PER_SHARED_CLIENT) this.current = { client: this.kit.registerClient(), examples: 0 };
    this.current.examples += 1;
    return this.current.client;
  }

  /** A fresh exp `client` has signed no JWT with, now counted as signed; null when none was found. */
  exp(client: RegisteredClient): number | null {
    const signed = this.signed.get(client.clientId) ?? new Set<number>();
    this.signed.set(client.clientId, signed);
    for (let draw = 0; draw < EXP_DRAWS; draw += 1) {
      const exp = this.kit.freshExp();
      if (!signed.has(exp)) {
        signed.add(exp);
        return exp;
      }
    }
    return null;
  }
}

/** Each property's shared clients, by the kit of its requirement. */
const sharedClientsByKit = new WeakMap<CaseKit, SharedClients>();

function sharedClientsOf(kit: CaseKit): SharedClients {
  const shared = sharedClientsByKit.get(kit) ?? new SharedClients(kit);
  sharedClientsByKit.set(kit, shared);
  return shared;
}

/**
 * Sends `recipe` with a fresh code asked for `scopes`, from a client of its own or one it shares.
 *
 * Isolation where it matters (SPEC §3: one-time JWTs and per-client limits never leak between
 * examples): a recipe that touches the JWT or the body's client_id or client_secret may fail
 * the client's authentication, which a target may count against the client (SPEC §7: a 429
 * within `--abuse-burst` failed authentications), so it is sent from a fresh client, as is
 * every example of PROP-EXP-WINDOW (its JWTs are expired or alike: one offset, one second,
 * one JWT). A recipe that leaves the authentication as the valid request has it shares a
 * client with at most `EXAMPLES_PER_SHARED_CLIENT - 1` other examples, its JWT's exp one the
 * shared client never signed with (a client of its own when none is left). Codes are
 * single-use: every example has one of its own.
 */
export async function sendRecipe(kit: CaseKit, { recipe, scopes }: GeneratedRequest): Promise<Sent> {
  let shared = keepsClientAuthentication(recipe) ? sharedClientsOf(kit) : null;
  let fixture = shared ? await kit.codeFixture(await shared.next(), scopes) : await kit.fixture(scopes);
  return sendPrepared(kit, describeRecipe(recipe), async () => {
    let exp = shared ? shared.exp(fixture.client) : kit.freshExp();
    if (exp === null) {
      shared = null;
      fixture = await kit.fixture(scopes);
      exp = kit.freshExp();
    }
    return { ...prepare(recipe, await basisFor(kit, fixture, exp)), grantedScopes: fixture.code.scopes };
  });
}

/**
 * Sends the request `make` prepares (made again for a retry after a 429), with the verdict and
 * the scopes granted of the one sent.
 */
async function sendPrepared(kit: CaseKit, description: string, make: () => Promise<{ readonly request: TokenRequest; readonly verdict: Verdict; readonly grantedScopes: readonly string[] }>): Promise<Sent> {
  let verdict: Verdict = 'either';
  let grantedScopes: readonly string[] = [];
  const exchange = await kit.send(description, async () => {
    const prepared = await make();
    verdict = prepared.verdict;
    grantedScopes = prepared.grantedScopes;
    return prepared.request;
  });
  return { profile: kit.profile, recipe: description, verdict, exchange, grantedScopes };
}

/** The ingredients of the fully valid rfc7523 request an assertion recipe changes (SPEC §5). */
async function assertionBasisFor(kit: CaseKit, fixture: Fixture): Promise<AssertionBasis> {
  const valid = kit.forgeInput(fixture.client);
  return {
    clientId: fixture.client.clientId,
    key: valid.key,
    alg: algOf(valid),
    pinned: fixture.client.pinnedAlg !== null,
    kid: typeof valid.header.kid === 'string' ? valid.header.kid : undefined,
    audience: fixture.client.audience ?? '',
    redirectUri: fixture.client.redirectUri,
    code: fixture.code.code,
    codeVerifier: fixture.code.codeVerifier,
    codeHeaders: fixture.code.headers,
    jti: randomUUID(),
    now: kit.now(),
    leewaySeconds: kit.options.leewaySeconds,
    maxLifetimeSeconds: kit.options.maxLifetimeSeconds,
    otherKey: randomKeyLike(valid),
    callbackUrl: await kit.callbackBase(),
    callbackToken: randomBytes(9).toString('base64url'),
  };
}

/**
 * Sends an rfc7523 `recipe` from a fresh client (of the run's first method, the next method
 * every other example with two) and a fresh code asked for `scopes`, as `sendRecipe` does in storx.
 */
export async function sendAssertionRecipe(kit: CaseKit, { recipe, scopes, method }: GeneratedAssertionRequest): Promise<Sent> {
  const fixture = await kit.fixture(scopes, kit.authMethods[method % kit.authMethods.length] ?? null);
  const description = `${describeAssertionRecipe(recipe)}${kit.authMethods.length > 1 ? ` (${fixture.client.method})` : ''}`;
  return sendPrepared(kit, description, async () => ({ ...prepareAssertion(recipe, await assertionBasisFor(kit, fixture)), grantedScopes: fixture.code.scopes }));
}

/** A counterexample from a sent recipe and the judgement that refutes it, or null when it holds. */
export function refutedBy(sent: Sent, judgement: Judgement) {
  return judgement.ok ? null : { variant: sent.recipe, exchange: sent.exchange, judgement };
}

/**
 * Whether the target answered as the oracle says it must: a grant of the code's scopes
 * (compared as sets, RFC 6749 §3.3) to accept, a refusal to reject.
 */
export function answeredAsDue(sent: Sent): Judgement {
  const accepted = acceptedWithGrant(sent.exchange, sent.profile).ok;
  const actual = describeAnswer(sent.exchange);
  switch (sent.verdict) {
    case 'either':
      return { ok: true, expected: 'any answer', actual };
    case 'reject':
      return { ok: !accepted, expected: 'a refusal', actual };
    case 'accept': {
      const scopesGranted = accepted && grantsScopes(sent.exchange, sent.grantedScopes, sent.profile);
      const expected = `a 2xx with an ${GRANT_FIELD[sent.profile]} and scopes ${JSON.stringify(sent.grantedScopes)}`;
      return { ok: scopesGranted, expected, actual: accepted && !scopesGranted ? `${actual} with scopes ${JSON.stringify(scopesOf(sent.exchange, sent.profile) ?? null)}` : actual };
    }
  }
}
