import { afterEach, describe, expect, it } from 'vitest';
import { TargetClient } from '../../client/target.js';
import { TargetKit } from '../../client/kit.js';
import { createReferenceServer } from '../../reference-server/index.js';
import { EXAMPLES_PER_SHARED_CLIENT, sendRecipe } from '../../catalogue/properties/probes.js';
import { keepsClientAuthentication, type Change, type RequestRecipe } from '../../catalogue/properties/recipe.js';
import { redeemInSequence, redemptionCommands } from '../../catalogue/properties/single-use.js';
import { eachVariant, bodyVariant } from '../../catalogue/variants.js';
import { runConfigFor } from '../support/in-process.js';
import { listen } from '../support/servers.js';

/** A reference server whose clients and codes can be counted, a kit against it, and its closing. */
async function countedTarget() {
  const reference = createReferenceServer({ enableStates: true });
  const server = await listen(reference.listener);
  const client = new TargetClient(runConfigFor(server));
  const kit = new TargetKit(client, 'PROP-FIXTURES', () => undefined);
  return {
    kit,
    client,
    counts: reference.counts,
    close: async () => {
      await kit.close();
      await client.close();
      await server.close();
    },
  };
}

describe('which recipes leave the client authentication as the valid request has it', () => {
  const keeping: Change[] = [
    { part: 'field', name: 'passphrase', value: '' },
    { part: 'field near', name: 'code', variant: 'upper case' },
    { part: 'redirect_uri near', variant: 'a trailing slash' },
    { part: 'content type', value: 'text/plain' },
    { part: 'form encoded' },
    { part: 'duplicate key', name: 'code', value: 'another' },
  ];
  const breaking: Change[] = [
    { part: 'signature', change: { kind: 'empty' } },
    { part: 'exp offset', seconds: 100 },
    { part: 'claim', name: 'nbf', value: 0 },
    { part: 'header', name: 'kid', value: 'k' },
    { part: 'header url', name: 'jku' },
    { part: 'claim client_id', variant: 'upper case' },
    { part: 'field', name: 'client_id', value: 1 },
    { part: 'field', name: 'client_secret', value: undefined },
    { part: 'field near', name: 'client_id', variant: 'upper case' },
    { part: 'duplicate key', name: 'client_secret', value: 'x' },
  ];

  it('keeps it for the valid request and for changes the target judges after authenticating the client', () => {
    expect(keepsClientAuthentication([])).toBe(true);
    expect(keeping.filter((change) => !keepsClientAuthentication([change]))).toEqual([]);
  });

  it('breaks it for any change to the JWT or to the body client_id or client_secret, alone or beside others', () => {
    expect(breaking.filter((change) => keepsClientAuthentication([change]))).toEqual([]);
    expect(breaking.filter((change) => keepsClientAuthentication([keeping[0]!, change]))).toEqual([]);
  });
});

describe('the clients and codes of the property stage', () => {
  let close: () => Promise<void> = async () => undefined;
  afterEach(() => close());

  it(`sends examples that keep the authentication from shared clients, ${EXAMPLES_PER_SHARED_CLIENT} examples to a client, every one with a code and a JWT of its own`, async () => {
    const target = await countedTarget();
    close = target.close;
    const recipes: RequestRecipe[] = Array.from({ length: 40 }, (_, index) => (index % 2 ? [] : [{ part: 'field', name: 'passphrase', value: '' }]));
    const sent = await Promise.all(recipes.map((recipe) => sendRecipe(target.kit, { recipe, scopes: ['read'] })));
    expect(target.counts().clients).toBe(Math.ceil(40 / EXAMPLES_PER_SHARED_CLIENT));
    // The reference server refuses a reused code and a reused JWT: every valid request is granted, so none reused either.
    expect(sent.map((s) => [s.verdict, s.exchange.response?.status])).toEqual(recipes.map(() => ['accept', 200]));
  });

  it('sends each example that may fail the client authentication from a client of its own', async () => {
    const target = await countedTarget();
    close = target.close;
    const recipes: RequestRecipe[] = [[{ part: 'signature', change: { kind: 'empty' } }], [{ part: 'exp offset', seconds: 100 }], [{ part: 'field', name: 'client_id', value: 1 }]];
    const sent = await Promise.all(recipes.map((recipe) => sendRecipe(target.kit, { recipe, scopes: ['read'] })));
    expect(target.counts().clients).toBe(3);
    expect(sent.map((s) => [s.verdict, s.exchange.response?.status])).toEqual([
      ['reject', 401],
      ['accept', 200],
      ['reject', 400],
    ]);
  });

  it('sets up for a sequence of redemptions only the client and codes it redeems with, and nothing for no redemption', async () => {
    const target = await countedTarget();
    close = target.close;
    expect(await redeemInSequence(target.kit, { commands: [], codeScopes: [['read'], ['read'], ['read']] })).toBeNull();
    expect(target.counts()).toMatchObject({ clients: 0, codes: 0 });
    const sequence = redemptionCommands([
      { code: 2, jwt: 0 },
      { code: 2, jwt: 'fresh' },
      { code: 0, jwt: 0 },
    ]);
    expect(await redeemInSequence(target.kit, { commands: sequence, codeScopes: [['read'], ['read'], ['write']] })).toBeNull();
    expect(target.counts().clients).toBe(1);
    expect(target.client.exchanges.map((exchange) => exchange.response?.status)).toEqual([200, 400, 401]);
  });
});

describe('the variants of a case', () => {
  let close: () => Promise<void> = async () => undefined;
  afterEach(() => close());

  it('are sent one after another in their order, each from a fixture of its own set up ahead, and the fixtures are all torn down', async () => {
    const target = await countedTarget();
    close = target.close;
    const names = ['first', 'second', 'third', 'fourth', 'fifth'];
    const outcome = await eachVariant(
      names.map((name) => bodyVariant(name, () => ({ passphrase: name }))),
      (exchange) => ({ ok: exchange.response?.status === 200, expected: 'a grant', actual: String(exchange.response?.status) }),
    )(target.kit);
    expect(outcome.checks.map((check) => [check.variant, check.judgement.ok])).toEqual(names.map((name) => [name, true]));
    expect(target.client.exchanges.map((exchange) => exchange.label)).toEqual(names.map((name) => `PROP-FIXTURES: ${name}`));
    expect(target.counts().clients).toBe(names.length);
    await target.kit.close();
    expect(target.counts()).toMatchObject({ clients: 0, codes: 0 });
  });
});
