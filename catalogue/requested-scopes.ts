import fc from 'fast-check';

/**
 * SPEC §2 (scopes): the scopes a case asks `an authorization code` for: a non-empty subset
 * of `--scopes` in random order, so that a target granting the same scopes whatever was
 * asked fails RESP-SUCCESS. Scopes are a set (RFC 6749 §3.3: "the order does not matter").
 * Given `differentFrom`, only subsets that differ from it as a set, where `scopes` has one:
 * a proper subset when it holds every scope, else every scope.
 */
export function requestedScopesArb(scopes: readonly string[], differentFrom?: readonly string[]): fc.Arbitrary<string[]> {
  const all = [...scopes];
  if (differentFrom === undefined || all.length < 2) return fc.shuffledSubarray(all, { minLength: 1 });
  const holdsEvery = all.every((scope) => differentFrom.includes(scope));
  return holdsEvery ? fc.shuffledSubarray(all, { minLength: 1, maxLength: all.length - 1 }) : fc.shuffledSubarray(all, { minLength: all.length });
}

/** One draw of `requestedScopesArb` from `seed`: the same seed, the same scopes in the same order. */
export function drawScopes(seed: number, scopes: readonly string[], differentFrom?: readonly string[]): string[] {
  return fc.sample(requestedScopesArb(scopes, differentFrom), { seed, numRuns: 1 })[0]!;
}
