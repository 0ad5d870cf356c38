import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PactV4 } from '@pact-foundation/pact';
import { describe, expect, test } from 'vitest';
import { CANONICAL_CONSUMER, CANONICAL_PACT_FILE, CANONICAL_PROVIDER } from '../../contract/canonical.js';
import { tokenInteraction } from '../../contract/consumer.js';
import { catalogue } from '../../catalogue/index.js';
import {
  ANOTHER_KEY,
  CONTRACT_INTERACTIONS,
  EXAMPLE_VALUES,
  EXTRA_FIELD,
  NOT_PACT_EXPRESSIBLE,
  PASSPHRASE_AS_NUMBER,
  recordedAnswerOf,
  UNKNOWN_CODE,
  UNREGISTERED_CLIENT_ID,
  type ContractInteraction,
  type RequestChange,
} from '../../contract/interactions.js';
import { TokenClient, TokenEndpointError, type TokenClientConfig } from '../../examples/consumer-team/src/token-client.js';

// The canonical consumer: one Pact test per contract interaction, through a small real client.
// `npm run pacts` runs this file with GRANTPROOF_PACT_DIR=pacts to rewrite the committed pact;
// `npm test` writes to a temporary folder and checks the committed pact is what it wrote.
const pactDir = process.env.GRANTPROOF_PACT_DIR ?? (await mkdtemp(path.join(tmpdir(), 'grantproof-pact-')));
const pact = new PactV4({ consumer: CANONICAL_CONSUMER, provider: CANONICAL_PROVIDER, dir: pactDir, logLevel: 'error' });

/** The changes the client makes by being misconfigured: a wrong secret, a slow clock. */
const WITH_ANOTHER_KEY = new Set<RequestChange>(['another-key', 'expired-and-another-key', 'another-key-and-unknown-code']);
const WITH_A_SLOW_CLOCK = new Set<RequestChange>(['expired-jwt', 'expired-and-another-key']);
const WITH_AN_UNKNOWN_CODE = new Set<RequestChange>(['unknown-code', 'another-key-and-unknown-code']);

/**
 * The client set up the way the interaction's request needs it (SPEC §2: one change). A fault
 * inside the JWT that no configuration of the client makes (alg none, a claim left out …) is
 * the pact's recorded example; the client sends its own well-formed JWT, which the
 * client_secret matcher accepts, and the test shows how the client surfaces the refusal.
 */
function clientFor(interaction: ContractInteraction, tokenUrl: string): { client: TokenClient; code: string } {
  const { change } = interaction;
  const config: TokenClientConfig = {
    tokenUrl,
    clientId: change === 'unregistered-client' ? UNREGISTERED_CLIENT_ID : EXAMPLE_VALUES.clientId,
    storedSecret: WITH_ANOTHER_KEY.has(change) ? ANOTHER_KEY : EXAMPLE_VALUES.storedSecret,
    redirectUri: change === 'other-redirect-uri' ? `${EXAMPLE_VALUES.redirectUri}/` : EXAMPLE_VALUES.redirectUri,
    ...(change === 'without-passphrase' ? {} : { passphrase: EXAMPLE_VALUES.passphrase }),
    // A passphrase read from a JSON configuration file as a number, passed on untyped.
    ...(change === 'passphrase-a-number' ? { passphrase: PASSPHRASE_AS_NUMBER as unknown as string } : {}),
    ...(change === 'extra-field' ? { extraFields: EXTRA_FIELD } : {}),
    // A client whose clock runs an hour behind mints a JWT that has already expired.
    ...(WITH_A_SLOW_CLOCK.has(change) ? { now: () => Math.floor(Date.now() / 1000) - 3600 } : {}),
  };
  return { client: new TokenClient(config), code: WITH_AN_UNKNOWN_CODE.has(change) ? UNKNOWN_CODE : EXAMPLE_VALUES.code };
}

describe('the canonical consumer pact', () => {
  for (const interaction of CONTRACT_INTERACTIONS) {
    test(`${interaction.requirementId}: the client ${'grant' in interaction.answer ? 'receives a grant' : `surfaces ${interaction.answer.error}`}`, async () => {
      await tokenInteraction(pact, interaction.requirementId).executeTest(async (mock) => {
        const { client, code } = clientFor(interaction, `${mock.url}/api/v0/oauth2/token`);
        if ('grant' in interaction.answer) {
          const grant = await client.exchangeCode(code);
          expect(grant.accessGrant).not.toBe('');
          expect(grant.scopes).toEqual(EXAMPLE_VALUES.scopes);
        } else {
          const refusal = await client.exchangeCode(code).then(
            () => null,
            (error: unknown) => error,
          );
          expect(refusal).toBeInstanceOf(TokenEndpointError);
          expect((refusal as TokenEndpointError).error).toBe(interaction.answer.error);
        }
      });
    });
  }

  test('an interaction records its requirement\'s typed expectation, and only a grant or a single refusal has a pact form', () => {
    expect(recordedAnswerOf('RESP-SUCCESS')).toEqual({ grant: true });
    expect(recordedAnswerOf('AUTH-EXP-PAST')).toEqual({ error: 'client_secret_expired' });
    expect(() => recordedAnswerOf('REQ-CONTENT-TYPE')).toThrow(/no single grant or refusal/);
    expect(() => recordedAnswerOf('RESP-NO-5XX')).toThrow(/no single grant or refusal/);
  });

  test('every storx requirement is a contract interaction, or listed as not expressible by a pact with its reason', () => {
    const interactions = new Set<string>(CONTRACT_INTERACTIONS.map((i) => i.requirementId));
    const storx = catalogue.filter((r) => r.expect.storx !== undefined).map((r) => r.id);
    expect(storx.filter((id) => !interactions.has(id) && !(id in NOT_PACT_EXPRESSIBLE)), 'neither an interaction nor listed').toEqual([]);
    expect(Object.keys(NOT_PACT_EXPRESSIBLE).filter((id) => interactions.has(id) || !storx.includes(id)), 'listed, yet an interaction or no storx requirement').toEqual([]);
    for (const reason of Object.values(NOT_PACT_EXPRESSIBLE)) expect(reason.length).toBeGreaterThan(20);
  });

  test.skipIf(process.env.GRANTPROOF_PACT_DIR !== undefined)('the committed pact under pacts/ is the one these tests write (run `npm run pacts` after changing them)', async () => {
    const written = await readFile(path.join(pactDir, path.basename(CANONICAL_PACT_FILE)), 'utf8');
    const committed = await readFile(CANONICAL_PACT_FILE, 'utf8');
    expect(JSON.parse(written)).toEqual(JSON.parse(committed));
  });
});
