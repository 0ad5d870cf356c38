import type { AuthMethod } from '../../vocabulary/profile.js';
import { randomBytes } from 'node:crypto';
import * as forge from '../../jwt/index.js';
import type { CheckedExchange } from '../../vocabulary/outcome.js';
import { bodyVariant, secretVariant, type Variant } from '../variants.js';
import type { Requirement } from '../types.js';
import type { CaseKit, Fixture } from '../case-kit.js';
import { useThenReplay } from './client-authentication.js';

/**
 * The requirements of profile rfc7523 alone (SPEC §5, `RFC7523-*`): what RFC 7523 §3, RFC 7521
 * §4.2 and OpenID Connect Core §9 ask of a client assertion beyond SPEC §2's JWT checks. None
 * applies to storx, whose `client_secret` JWT has no iss, sub, aud, nbf or jti to judge.
 */

/** A second registered client, of the fixture's method: the variants that name another client need one. */
const otherClient = (kit: CaseKit, fixture: Fixture) => kit.registerClient(fixture.client.method);

/** The method alg confusion is about: a client that signs with a private key (SPEC §5 `private_key_jwt`). */
const PRIVATE_KEY_JWT: readonly AuthMethod[] = ['private_key_jwt'];

/** RFC 7521 §4.2 names the SAML 2.0 bearer assertion type (RFC 7522 §2.2) beside RFC 7523's. */
const SAML2_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer';

/**
 * RFC 6749 §2.3.1: HTTP Basic credentials are the client_id and the client secret, each
 * form-encoded; a private_key_jwt client, which has no secret, sends a random password.
 */
function basicCredentials(fixture: Fixture): string {
  const { clientId, secret } = fixture.client;
  const password = secret ?? randomBytes(24).toString('base64url');
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(password)}`).toString('base64')}`;
}

/** RFC 7523 §3 items 1 and 2.B; OpenID Connect Core §9: iss and sub are both the client_id. */
const issSubVariants: Variant[] = [
  secretVariant('no iss claim', (input) => forge.issMissing(input)),
  secretVariant('no sub claim', (input) => forge.subMissing(input)),
  secretVariant('iss and sub another registered client\'s id (signed with this client\'s key)', async (input, fixture, kit) =>
    forge.issSubNotClientId(input, (await otherClient(kit, fixture)).clientId),
  ),
  secretVariant('iss another registered client\'s id, sub this client\'s (iss ≠ sub)', async (input, fixture, kit) =>
    forge.issNotSub(input, (await otherClient(kit, fixture)).clientId),
  ),
  secretVariant('sub another registered client\'s id, iss this client\'s (signed with this client\'s key)', async (input, fixture, kit) =>
    forge.subOtherClient(input, (await otherClient(kit, fixture)).clientId),
  ),
];

/** RFC 7523 §3 item 3: aud must contain this server's identity. */
const audienceVariants: Variant[] = [
  secretVariant('no aud claim', (input) => forge.audMissing(input)),
  secretVariant('aud the empty string', (input) => forge.audEmpty(input, 'string')),
  secretVariant('aud the empty array', (input) => forge.audEmpty(input, 'array')),
  secretVariant(`aud another server's token endpoint (${forge.OTHER_SERVER_AUDIENCE})`, (input) => forge.audOtherServer(input)),
  secretVariant('aud an array of other servers, without this one', (input) => forge.audArrayWithoutServer(input)),
];

/**
 * RFC 7523 §3 item 7 ("maintaining the set of used jti values"); OpenID Connect Core §9 (the
 * assertion is used once): per authentication method, an assertion that was accepted, then the
 * very same assertion with another valid code, then a new one carrying the same jti (its exp a
 * second later, so its text and signature are new), with another valid code.
 */
async function jtiReplayChecks(kit: CaseKit): Promise<{ checks: CheckedExchange[] }> {
  const checks: CheckedExchange[] = [];
  for (const method of kit.authMethods) {
    const fixture = await kit.fixture(undefined, method);
    const named = (label: string) => (method === null || kit.authMethods.length === 1 ? label : `${label} (${method})`);
    const input = kit.forgeInput(fixture.client);
    const assertion = forge.signJws(input);
    const sameJti = forge.withClaimJws(input, 'exp', Number(input.claims['exp']) + 1);
    checks.push(
      ...(await useThenReplay(kit, fixture, { label: named('first use of the assertion'), jwt: assertion }, [
        { label: named('the same assertion again, with another valid code'), jwt: assertion },
        { label: named('a new assertion with the same jti (exp a second later), with another valid code'), jwt: sameJti },
      ])),
    );
  }
  return { checks };
}

export const clientAssertion: readonly Requirement[] = [
  {
    id: 'RFC7523-ISS-SUB',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'An assertion whose iss and sub are not both the client_id is refused',
    source: 'RFC 7523 §3 items 1 and 2.B; OpenID Connect Core §9',
    expect: { rfc7523: { error: 'invalid_client' } },
    variants: issSubVariants,
  },
  {
    id: 'RFC7523-AUD',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'An assertion whose aud does not name this server is refused',
    source: 'RFC 7523 §3 item 3',
    expect: { rfc7523: { error: 'invalid_client' } },
    variants: audienceVariants,
  },
  {
    id: 'RFC7523-NBF',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'An assertion not yet valid (nbf in the future, beyond the leeway) is refused',
    source: 'RFC 7523 §3 item 5; RFC 7519 §4.1.5',
    expect: { rfc7523: { error: 'invalid_client' } },
    variants: [
      // 2 s beyond the leeway keeps clear of the skew between the harness's clock and the target's.
      secretVariant('nbf 2 s beyond the leeway in the future', (input, _, kit) => forge.nbfInFuture(input, kit.options.leewaySeconds + 2)),
    ],
  },
  {
    id: 'RFC7523-JTI-MISSING',
    level: 'SHOULD',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'An assertion without jti is refused',
    // SHOULD, not MUST: RFC 7523 §3 item 7 makes jti optional; OpenID Connect Core §9 makes it REQUIRED.
    source: 'OpenID Connect Core §9 (jti REQUIRED); RFC 7523 §3 item 7',
    expect: { rfc7523: { error: 'invalid_client' } },
    variants: [secretVariant('no jti claim', (input) => forge.jtiMissing(input))],
  },
  {
    id: 'RFC7523-JTI-REPLAY',
    level: 'SHOULD',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'An assertion whose jti was already used is refused',
    // SHOULD, not MUST: RFC 7523 §3 item 7 says MAY; OpenID Connect Core §9 says the assertion is used once.
    source: 'RFC 7523 §3 item 7; OpenID Connect Core §9',
    expect: { rfc7523: { error: 'invalid_client', note: 'for a second use of an accepted assertion, or of its jti in a new one, each with a fresh code' } },
    run: jtiReplayChecks,
  },
  {
    id: 'RFC7523-ASSERTION-TYPE',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A client_assertion_type missing or other than the JWT bearer URN is refused',
    source: 'RFC 7521 §4.2; RFC 7523 §2.2',
    expect: { rfc7523: { error: ['invalid_client', 'invalid_request'], note: 'RFC 6749 §5.2: a missing parameter, or a failed client authentication' } },
    variants: [
      bodyVariant('no client_assertion_type', () => ({ client_assertion_type: undefined })),
      bodyVariant('client_assertion_type the SAML 2.0 bearer URN (RFC 7522)', () => ({ client_assertion_type: SAML2_BEARER_ASSERTION_TYPE })),
    ],
  },
  {
    id: 'RFC7523-ALG-CONFUSION',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: "A private_key_jwt client's assertion is verified with its registered key and alg only: no HMAC keyed with its public key, no key the token embeds",
    source: 'RFC 8725 §2.1, §3.1; RFC 7515 §4.1.3',
    expect: { rfc7523: { error: 'invalid_client', note: 'judged for private_key_jwt clients only' } },
    variants: [
      { ...secretVariant('HS256 keyed with the public JWK as JSON text', (input) => forge.algConfusion(input, 'jwk-json')), methods: PRIVATE_KEY_JWT },
      { ...secretVariant('HS256 keyed with the public key as SPKI PEM text', (input) => forge.algConfusion(input, 'spki-pem')), methods: PRIVATE_KEY_JWT },
      { ...secretVariant('signed with a fresh key it embeds in a jwk header', (input) => forge.embeddedJwk(input)), methods: PRIVATE_KEY_JWT },
    ],
  },
  {
    id: 'RFC7523-ONE-METHOD',
    level: 'SHOULD',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A request that authenticates the client twice (the assertion and HTTP Basic) is refused',
    source: 'RFC 6749 §2.3 ("MUST NOT use more than one authentication method in each request")',
    expect: { rfc7523: { error: ['invalid_request', 'invalid_client'] } },
    variants: [
      {
        name: "the assertion plus Authorization: Basic with the client's id (and its secret, where it has one)",
        build: async (fixture, kit) => {
          const valid = await kit.validRequest(fixture);
          return { ...valid, headers: { ...valid.headers, Authorization: basicCredentials(fixture) } };
        },
      },
    ],
  },
];
