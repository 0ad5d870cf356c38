import path from 'node:path';
import { PactV4 } from '@pact-foundation/pact';
import { CANONICAL_PROVIDER, EXAMPLE_VALUES, UNREGISTERED_CLIENT_ID, tokenInteraction } from 'grantproof/pact';
import { describe, expect, it } from 'vitest';
import { TokenClient, TokenEndpointError } from '../src/token-client.js';

// What this team's app relies on from the token endpoint, recorded through its own client.
// The pact goes to pacts/ (PACT_OUTPUT_DIR overrides), ready for `npm run publish-pacts`.
const pact = new PactV4({ consumer: 'example-app', provider: CANONICAL_PROVIDER, dir: process.env.PACT_OUTPUT_DIR ?? path.resolve('pacts'), logLevel: 'error' });

const clientAt = (mockUrl: string, overrides: Partial<ConstructorParameters<typeof TokenClient>[0]> = {}) =>
  new TokenClient({
    tokenUrl: `${mockUrl}/api/v0/oauth2/token`,
    clientId: EXAMPLE_VALUES.clientId,
    storedSecret: 'our-test-stored-secret',
    redirectUri: EXAMPLE_VALUES.redirectUri,
    passphrase: '',
    ...overrides,
  });

describe('example-app exchanging a code for an access grant', () => {
  it('gets the grant and the scopes granted', async () => {
    await tokenInteraction(pact, 'RESP-SUCCESS').executeTest(async (mock) => {
      const grant = await clientAt(mock.url).exchangeCode(EXAMPLE_VALUES.code);
      expect(grant.scopes).toEqual(['read', 'write']);
    });
  });

  it('tells an unregistered client (invalid_client) apart from an expired client_secret', async () => {
    await tokenInteraction(pact, 'AUTH-UNREGISTERED').executeTest(async (mock) => {
      await expect(clientAt(mock.url, { clientId: UNREGISTERED_CLIENT_ID }).exchangeCode(EXAMPLE_VALUES.code)).rejects.toMatchObject({ status: 401, error: 'invalid_client' });
    });
    await tokenInteraction(pact, 'AUTH-EXP-PAST').executeTest(async (mock) => {
      const clockAnHourSlow = () => Math.floor(Date.now() / 1000) - 3600;
      await expect(clientAt(mock.url, { now: clockAnHourSlow }).exchangeCode(EXAMPLE_VALUES.code)).rejects.toBeInstanceOf(TokenEndpointError);
    });
  });

  it('tells a client configured with the wrong secret (invalid_client) apart from a code of another client (invalid_code)', async () => {
    await tokenInteraction(pact, 'AUTH-WRONG-KEY').executeTest(async (mock) => {
      await expect(clientAt(mock.url, { storedSecret: 'a-secret-copied-from-the-wrong-environment' }).exchangeCode(EXAMPLE_VALUES.code)).rejects.toMatchObject({ status: 401, error: 'invalid_client' });
    });
    await tokenInteraction(pact, 'CODE-OTHER-CLIENT').executeTest(async (mock) => {
      await expect(clientAt(mock.url).exchangeCode(EXAMPLE_VALUES.code)).rejects.toMatchObject({ status: 400, error: 'invalid_code' });
    });
  });

  it('surfaces a code that was already used or never issued as invalid_code', async () => {
    await tokenInteraction(pact, 'CODE-UNKNOWN').executeTest(async (mock) => {
      await expect(clientAt(mock.url).exchangeCode('a-code-we-never-got')).rejects.toMatchObject({ error: 'invalid_code' });
    });
  });
});
