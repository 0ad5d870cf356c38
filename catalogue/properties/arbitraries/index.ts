import fc from 'fast-check';
import { requestedScopesArb } from '../../requested-scopes.js';
import type { Change, RequestRecipe } from '../recipe.js';
import type { AssertionRecipe } from '../assertion-recipe.js';

export { assertionExpRecipeArb, assertionRecipeArb } from './assertion.js';
import { bodyChange, transportChange } from './body.js';
import { expOffset, jwtClaimsChange, jwtHeaderChange, signatureChange, type ExpLimits } from './jwt.js';

export type { ExpLimits } from './jwt.js';

/** Any one change to the valid request: to the JWT (header, claims, signature) as often as to the body. */
function change(limits: ExpLimits): fc.Arbitrary<Change> {
  return fc.oneof(
    { weight: 2, arbitrary: jwtHeaderChange },
    { weight: 3, arbitrary: jwtClaimsChange(limits) },
    { weight: 1, arbitrary: signatureChange },
    { weight: 6, arbitrary: bodyChange },
    { weight: 1, arbitrary: transportChange },
  );
}

/**
 * Requests: up to three changes to the valid request. About a quarter are the valid request
 * unchanged, so acceptance is tested as often as refusal; a failure shrinks to the fewest
 * changes that still show it.
 */
export function requestRecipeArb(limits: ExpLimits): fc.Arbitrary<RequestRecipe> {
  return fc.array(change(limits), { maxLength: 3 });
}

/** Valid requests but for their exp, drawn around now, the leeway and the maximum lifetime. */
export function expOffsetRecipeArb(limits: ExpLimits): fc.Arbitrary<RequestRecipe> {
  return expOffset(limits).map((offset) => [offset]);
}

/**
 * A generated rfc7523 request: its changes, the scopes its code is asked for, and which of the
 * run's client authentication methods sends it (an index, taken modulo their number).
 */
export interface GeneratedAssertionRequest {
  readonly recipe: AssertionRecipe;
  readonly scopes: readonly string[];
  readonly method: number;
}

/** `recipes` with their scopes and method, drawn with the example so that `--seed` replays all three. */
export function withScopesAndMethod(recipes: fc.Arbitrary<AssertionRecipe>, scopes: readonly string[]): fc.Arbitrary<GeneratedAssertionRequest> {
  return fc.record({ recipe: recipes, scopes: requestedScopesArb(scopes), method: fc.nat({ max: 1 }) });
}

/** A generated request: its changes to the valid request, and the scopes its code is asked for. */
export interface GeneratedRequest {
  readonly recipe: RequestRecipe;
  readonly scopes: readonly string[];
}

/**
 * `recipes`, each with the scopes its code is asked for (SPEC §2: a non-empty subset of
 * `--scopes` in random order), drawn with the example so that `--seed` replays both. The
 * recipe is drawn first: the scopes do not change which recipes a seed draws.
 */
export function withRequestedScopes(recipes: fc.Arbitrary<RequestRecipe>, scopes: readonly string[]): fc.Arbitrary<GeneratedRequest> {
  return fc.record({ recipe: recipes, scopes: requestedScopesArb(scopes) });
}
