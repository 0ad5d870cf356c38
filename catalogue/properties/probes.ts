import { randomBytes } from 'node:crypto';
import type { CaseKit, Fixture } from '../case-kit.js';
import type { Judgement } from '../../vocabulary/outcome.js';
import type { Exchange } from '../../vocabulary/exchange.js';
import { acceptedWithGrant, grantsScopes, scopesOf } from '../../checks/success-response.js';
import { describeAnswer } from '../../checks/answer.js';
import type { GeneratedRequest } from './arbitraries/index.js';
import { describeRecipe, prepare, type Basis, type Verdict } from './recipe.js';

/** One generated request, sent from a fresh fixture, with what a conforming target must answer. */
export interface Sent {
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
  const description = describeRecipe(recipe);
  let verdict: Verdict = 'either';
  const exchange = await kit.send(description, async () => {
    const prepared = prepare(recipe, await basisFor(kit, fixture));
    verdict = prepared.verdict;
    return prepared.request;
  });
  return { recipe: description, verdict, exchange, grantedScopes: fixture.code.scopes };
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
  const accepted = acceptedWithGrant(sent.exchange, 'storx').ok;
  const actual = describeAnswer(sent.exchange);
  switch (sent.verdict) {
    case 'either':
      return { ok: true, expected: 'any answer', actual };
    case 'reject':
      return { ok: !accepted, expected: 'a refusal', actual };
    case 'accept': {
      const scopesGranted = accepted && grantsScopes(sent.exchange, sent.grantedScopes, 'storx');
      const expected = `a 2xx with an access_grant and scopes ${JSON.stringify(sent.grantedScopes)}`;
      return { ok: scopesGranted, expected, actual: accepted && !scopesGranted ? `${actual} with scopes ${JSON.stringify(scopesOf(sent.exchange, 'storx') ?? null)}` : actual };
    }
  }
}
