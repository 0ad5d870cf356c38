import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PactV4 } from '@pact-foundation/pact';
import { describe, expect, test } from 'vitest';
import { CANONICAL_CONSUMER, CANONICAL_PROVIDER_RFC7523, CANONICAL_RFC7523_PACT_FILE } from '../../contract/canonical.js';
import { tokenInteraction } from '../../contract/consumer.js';
import { UNKNOWN_CODE, UNREGISTERED_CLIENT_ID } from '../../contract/interactions.js';
import {
  EXTRA_PARAM,
  examplePrivateJwk,
  NOT_PACT_EXPRESSIBLE_RFC7523,
  NOT_YET_IN_RFC7523_PACT,
  RFC7523_CONTRACT_INTERACTIONS,
  RFC7523_EXAMPLE_VALUES,
  rfc7523AnswerOf,
  type Rfc7523Change,
  type Rfc7523ContractInteraction,
} from '../../contract/rfc7523/interactions.js';
import { catalogue } from '../../catalogue/index.js';
import { JWT_BEARER_ASSERTION_TYPE, mintClientAssertion, OTHER_SERVER_AUDIENCE, SAML2_BEARER_ASSERTION_TYPE, type SigningKey } from '../../jwt/index.js';
import type { AuthMethod } from '../../vocabulary/profile.js';

// The canonical rfc7523 consumer: one Pact test per interaction and method, through a small form
// client as a consumer team writes one. `npm run pacts` writes the committed pact; `npm test`
// writes to a temporary folder and checks the committed pact is what it wrote.
const pactDir = process.env.GRANTPROOF_PACT_DIR === undefined ? await mkdtemp(path.join(tmpdir(), 'grantproof-pact-rfc7523-')) : path.join(process.env.GRANTPROOF_PACT_DIR, 'rfc7523');
const pact = new PactV4({ consumer: CANONICAL_CONSUMER, provider: CANONICAL_PROVIDER_RFC7523, dir: pactDir, logLevel: 'error' });

interface FormClient {
  readonly clientId: string;
  readonly key: SigningKey;
  /** The aud its assertions name: the server it is configured for. */
  readonly audience: string;
  readonly assertionType: string;
  readonly redirectUri: string | null;
  readonly bodyClientId: string | null;
  readonly extra: Readonly<Record<string, string>>;
  readonly now: number;
}

/** A refusal, as the client surfaces it: the status and RFC 6749 §5.2's `error`. */
class TokenRefused extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
  ) {
    super(`token endpoint refused: ${status} ${error}`);
  }
}

/** SPEC §5's request: the form, the client's assertion minted afresh, the code's verifier. */
async function exchangeCode(tokenUrl: string, client: FormClient, code: string): Promise<{ accessToken: string; tokenType: string }> {
  const assertion = await mintClientAssertion({ clientId: client.clientId, audience: client.audience, key: client.key, now: client.now });
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    ...(client.redirectUri === null ? {} : { redirect_uri: client.redirectUri }),
    code_verifier: RFC7523_EXAMPLE_VALUES.codeVerifier,
    client_assertion_type: client.assertionType,
    client_assertion: assertion,
    ...(client.bodyClientId === null ? {} : { client_id: client.bodyClientId }),
    ...client.extra,
  });
  const response = await fetch(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new TokenRefused(response.status, String(body.error));
  return { accessToken: String(body.access_token), tokenType: String(body.token_type) };
}

const WITH_ANOTHER_KEY = new Set<Rfc7523Change>(['another-key', 'another-key-and-unknown-code']);
const WITH_AN_UNKNOWN_CODE = new Set<Rfc7523Change>(['unknown-code', 'another-key-and-unknown-code']);

/**
 * The client configured the way the interaction's request needs it (SPEC §2: one change). A fault
 * inside the assertion that no configuration makes (alg none, a claim left out …) is the pact's
 * recorded example; the client sends its own well-formed assertion, which the matcher accepts.
 */
function clientFor(interaction: Rfc7523ContractInteraction, method: AuthMethod): { client: FormClient; code: string } {
  const { change } = interaction;
  const ownKey: SigningKey = method === 'client_secret_jwt' ? { kind: 'secret', secret: RFC7523_EXAMPLE_VALUES.clientSecret } : { kind: 'private-jwk', jwk: examplePrivateJwk() };
  const now = Math.floor(Date.now() / 1000);
  const client: FormClient = {
    clientId: change === 'unregistered-client' ? UNREGISTERED_CLIENT_ID : RFC7523_EXAMPLE_VALUES.clientId,
    key: WITH_ANOTHER_KEY.has(change) ? { kind: 'secret', secret: 'a-key-the-server-never-issued' } : ownKey,
    // A client configured for another server names that server's token endpoint as its aud.
    audience: change === 'aud-other-server' ? OTHER_SERVER_AUDIENCE : RFC7523_EXAMPLE_VALUES.audience,
    assertionType: change === 'saml2-assertion-type' ? SAML2_BEARER_ASSERTION_TYPE : JWT_BEARER_ASSERTION_TYPE,
    redirectUri: change === 'without-redirect-uri' ? null : change === 'other-redirect-uri' ? `${RFC7523_EXAMPLE_VALUES.redirectUri}/` : RFC7523_EXAMPLE_VALUES.redirectUri,
    bodyClientId: change === 'client-id-not-sub' ? RFC7523_EXAMPLE_VALUES.clientId : null,
    extra: change === 'extra-param' ? EXTRA_PARAM : {},
    // A client whose clock runs a day behind mints an assertion that has already expired.
    now: change === 'expired-assertion' ? now - 86_400 : now,
  };
  return { client, code: WITH_AN_UNKNOWN_CODE.has(change) ? UNKNOWN_CODE : RFC7523_EXAMPLE_VALUES.code };
}

describe('the canonical rfc7523 consumer pact', () => {
  for (const interaction of RFC7523_CONTRACT_INTERACTIONS) {
    for (const method of interaction.methods) {
      const expected = 'grant' in interaction.answer ? 'receives a token' : `surfaces ${interaction.answer.errors.join(' or ')}`;
      test(`${interaction.requirementId} (${method}): the client ${expected}`, async () => {
        await tokenInteraction(pact, interaction.requirementId, { profile: 'rfc7523', authMethod: method }).executeTest(async (mock) => {
          const { client, code } = clientFor(interaction, method);
          const tokenUrl = `${mock.url}/api/v0/oauth2/token`;
          if ('grant' in interaction.answer) {
            const token = await exchangeCode(tokenUrl, client, code);
            expect(token.accessToken).not.toBe('');
            expect(token.tokenType.toLowerCase()).toBe('bearer');
          } else {
            const refusal = await exchangeCode(tokenUrl, client, code).then(
              () => null,
              (error: unknown) => error,
            );
            expect(refusal).toBeInstanceOf(TokenRefused);
            expect(interaction.answer.errors).toContain((refusal as TokenRefused).error);
          }
        });
      });
    }
  }

  test("an interaction records the requirement's rfc7523 expectation, both codes where SPEC §5 accepts two", () => {
    expect(rfc7523AnswerOf('RESP-SUCCESS')).toEqual({ grant: true });
    expect(rfc7523AnswerOf('AUTH-EXP-PAST')).toEqual({ errors: ['invalid_client'] });
    expect(rfc7523AnswerOf('AUTH-MALFORMED-JWT')).toEqual({ errors: ['invalid_client', 'invalid_request'] });
    expect(() => rfc7523AnswerOf('REQ-CONTENT-TYPE')).toThrow(/no grant or refusal/);
    expect(() => rfc7523AnswerOf('REQ-MALFORMED-JSON')).toThrow(/no grant or refusal/);
  });

  test('every rfc7523 requirement is a contract interaction, or listed, with its reason, as not expressible by a pact or not recorded yet', () => {
    const interactions = new Set<string>(RFC7523_CONTRACT_INTERACTIONS.map((i) => i.requirementId));
    const rfc7523 = catalogue.filter((r) => r.expect.rfc7523 !== undefined).map((r) => r.id);
    const listed = { ...NOT_PACT_EXPRESSIBLE_RFC7523, ...NOT_YET_IN_RFC7523_PACT };
    expect(rfc7523.filter((id) => !interactions.has(id) && !(id in listed)), 'neither an interaction nor listed').toEqual([]);
    expect(Object.keys(listed).filter((id) => interactions.has(id) || !rfc7523.includes(id)), 'listed, yet an interaction or no rfc7523 requirement').toEqual([]);
    expect(Object.keys(NOT_PACT_EXPRESSIBLE_RFC7523).filter((id) => id in NOT_YET_IN_RFC7523_PACT), 'listed twice').toEqual([]);
  });

  test.skipIf(process.env.GRANTPROOF_PACT_DIR !== undefined)('the committed pact under pacts/rfc7523/ is the one these tests write (run `npm run pacts` after changing them)', async () => {
    const written = await readFile(path.join(pactDir, path.basename(CANONICAL_RFC7523_PACT_FILE)), 'utf8');
    const committed = await readFile(CANONICAL_RFC7523_PACT_FILE, 'utf8');
    expect(JSON.parse(written)).toEqual(JSON.parse(committed));
  });
});
