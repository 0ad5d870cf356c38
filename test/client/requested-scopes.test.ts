import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetKit } from '../../client/kit.js';
import { drawScopes } from '../../catalogue/requested-scopes.js';
import { TargetClient } from '../../client/target.js';
import { runConfigFor } from '../support/in-process.js';
import { referenceTarget, type Listening } from '../support/servers.js';

const SCOPES = ['read', 'write', 'admin'];
const seeds = Array.from({ length: 200 }, (_, index) => index + 1);
const asSet = (scopes: readonly string[]) => [...scopes].sort().join(' ');

describe('drawScopes (SPEC §2: a random non-empty subset of --scopes, in random order)', () => {
  it('draws every non-empty subset, in more than one order, and never a scope twice or one not listed', () => {
    const draws = seeds.map((seed) => drawScopes(seed, SCOPES));
    for (const draw of draws) {
      expect(draw.length).toBeGreaterThan(0);
      expect(new Set(draw).size).toBe(draw.length);
      expect(draw.every((scope) => SCOPES.includes(scope))).toBe(true);
    }
    expect(new Set(draws.map(asSet)).size).toBe(7);
    expect(new Set(draws.filter((draw) => draw.length === 3).map((draw) => draw.join(' '))).size).toBeGreaterThan(1);
  });

  it('draws the same scopes in the same order from the same seed, so a run replays', () => {
    expect(seeds.map((seed) => drawScopes(seed, SCOPES))).toEqual(seeds.map((seed) => drawScopes(seed, SCOPES)));
  });

  it('draws a set other than the one given, when --scopes has more than one scope', () => {
    for (const seed of seeds) {
      const first = drawScopes(seed, SCOPES);
      expect(asSet(drawScopes(seed, SCOPES, first))).not.toBe(asSet(first));
    }
    expect(drawScopes(1, ['read'], ['read'])).toEqual(['read']);
  });
});

describe('the codes a case asks for', () => {
  let target: Listening;
  beforeAll(async () => {
    target = await referenceTarget();
  });
  afterAll(() => target.close());

  async function scopesOfFixtures(seed: number, count: number): Promise<string[][]> {
    const client = new TargetClient(runConfigFor(target, { seed, scopes: SCOPES }));
    const kit = new TargetKit(client, 'RESP-SUCCESS', () => undefined);
    try {
      const fixtures = [];
      for (let index = 0; index < count; index += 1) fixtures.push(await kit.fixture());
      return fixtures.map((fixture) => [...fixture.code.scopes]);
    } finally {
      await kit.close();
      await client.close();
    }
  }

  it('vary from fixture to fixture and replay with the seed', async () => {
    const first = await scopesOfFixtures(7, 12);
    expect(new Set(first.map(asSet)).size).toBeGreaterThan(2);
    expect(await scopesOfFixtures(7, 12)).toEqual(first);
    expect(await scopesOfFixtures(8, 12)).not.toEqual(first);
  });
});
