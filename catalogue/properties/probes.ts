import { randomBytes, randomUUID } from 'node:crypto';
import type { CaseKit, Fixture, TokenRequest } from '../case-kit.js';
import type { Judgement } from '../../vocabulary/outcome.js';
import type { Exchange } from '../../vocabulary/exchange.js';
import { acceptedWithGrant, grantsScopes, scopesOf } from '../../checks/success-response.js';
import { describeAnswer } from '../../checks/answer.js';
import type { GeneratedAssertionRequest, GeneratedRequest } from './arbitraries/index.js';
import { describeAssertionRecipe, prepareAssertion, type AssertionBasis } from './assertion-recipe.js';
import { algOf } from '../../jwt/index.js';
import { randomKeyLike } from '../variants.js';
import { GRANT_FIELD, type ProfileName } from '../../vocabulary/profile.js';
import { describeRecipe, prepare, type Basis, type Verdict } from './recipe.js';

/** One generated request, sent from a fresh fixture, with what a conforming target must answer. */
export interface Sent {
  /** The profile the request was made in: whose success shape an acceptance is judged by. */
  readonly profile: ProfileName;
  readonly recipe: string;
  readonly verdict: Verdict;
  readonly exchange: Exchange;
  /** The scopes granted with the code, which a success must echo (SPEC §3). */
  readonly grantedScopes: readonly string[];
}

/** The ingredients of the fully valid request a recipe changes. */
async function basisFor(kit: CaseKit, fixture: Fixture): Promise<Basis> {
  return {
    clientId: fixture.client.clientId,
    secret: fixture.client.secret ?? '',
    redirectUri: fixture.client.redirectUri,
    code: fixture.code.code,
    codeHeaders: fixture.code.headers,
    passphrase: fixture.passphrase,
    exp: kit.freshExp(),
    now: kit.now(),
    leewaySeconds: kit.options.leewaySeconds,
    maxLifetimeSeconds: kit.options.maxLifetimeSeconds,
    otherSecret: randomBytes(32).toString('hex'),
    callbackUrl: await kit.callbackBase(),
    callbackToken: randomBytes(9).toString('base64url'),
  };
}

/**
 * Sends `recipe` from a fresh client and a fresh code asked for `scopes` (SPEC §3: a fresh
 * client for every property run, so one-time JWTs and per-client limits never leak between
 * examples).
 */
export async function sendRecipe(kit: CaseKit, { recipe, scopes }: GeneratedRequest): Promise<Sent> {
  const fixture = await kit.fixture(scopes);
  return sendPrepared(kit, fixture, describeRecipe(recipe), async () => prepare(recipe, await basisFor(kit, fixture)));
}

/** Sends the request `make` prepares from a fresh basis (made again for a retry after a 429), with the verdict of the one sent. */
async function sendPrepared(kit: CaseKit, fixture: Fixture, description: string, make: () => Promise<{ readonly request: TokenRequest; readonly verdict: Verdict }>): Promise<Sent> {
  let verdict: Verdict = 'either';
  const exchange = await kit.send(description, async () => {
    const prepared = await make();
    verdict = prepared.verdict;
    return prepared.request;
  });
  return { profile: kit.profile, recipe: description, verdict, exchange, grantedScopes: fixture.code.scopes };
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
  return sendPrepared(kit, fixture, description, async () => prepareAssertion(recipe, await assertionBasisFor(kit, fixture)));
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
