import { randomBytes, randomUUID } from 'node:crypto';
import * as forge from '../../jwt/index.js';
import { rejectedWith } from '../../checks/error-response.js';
import { CaseNotRun, type CheckedExchange } from '../../vocabulary/outcome.js';
import { acceptedWithGrant } from '../../checks/success-response.js';
import { describeAnswer } from '../../checks/answer.js';
import { bodyVariant, eachVariant, secretVariant, type Variant } from '../variants.js';
import type { Requirement } from '../types.js';
import type { CaseKit, Fixture } from '../case-kit.js';
import { identifierVariants, type IdentifierVariant } from '../near-variants.js';
import { inEveryProfile } from '../../vocabulary/expectation.js';

const randomKey = () => randomBytes(32).toString('hex');

/** SPEC §1 step 5: expired once `now ≥ exp + leeway`; 3 s past that keeps clear of clock skew. */
const justExpired = (kit: CaseKit) => kit.now() - kit.options.leewaySeconds - 3;
const longExpired = (kit: CaseKit) => kit.now() - 365 * 86_400;

/** A second registered client: the mismatch and other-client variants need one. */
async function otherClient(kit: CaseKit) {
  return kit.registerClient();
}

const algNoneVariants: Variant[] = (['none', 'None', 'NONE'] as const).flatMap((spelling) =>
  (['absent', 'empty', 'hmac'] as const).map((signature) =>
    secretVariant(
      `alg "${spelling}", ${{ absent: 'no signature part', empty: 'an empty signature part', hmac: 'a valid HMAC-SHA256 signature part' }[signature]}`,
      (input) => forge.algNone(input, spelling, signature),
    ),
  ),
);

const otherAlgVariants: Variant[] = [
  secretVariant('alg "HS384", signed with HS384 and the stored secret', (input) => forge.otherAlg(input, 'HS384')),
  secretVariant('alg "HS512", signed with HS512 and the stored secret', (input) => forge.otherAlg(input, 'HS512')),
  secretVariant('alg "RS256", HMAC-SHA256 signature', (input) => forge.otherAlg(input, 'RS256')),
  secretVariant('alg "ES256", HMAC-SHA256 signature', (input) => forge.otherAlg(input, 'ES256')),
  secretVariant('alg "PS256", HMAC-SHA256 signature', (input) => forge.otherAlg(input, 'PS256')),
  secretVariant('alg "hs256" (lower case), HMAC-SHA256 signature', (input) => forge.otherAlg(input, 'hs256')),
];

export const clientAuthentication: readonly Requirement[] = [
  {
    id: 'AUTH-UNREGISTERED',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A client that was never registered is refused',
    source: 'SPEC §1 step 3; seed 001',
    expect: inEveryProfile({ error: 'invalid_client' }),
    variants: [
      bodyVariant('client_id never registered, JWT signed with a random key', (_, kit) => {
        const clientId = randomUUID();
        return { client_id: clientId, client_secret: forge.wrongKey({ clientId, exp: kit.freshExp(), secret: '' }, randomKey()) };
      }),
      bodyVariant('client_id never registered, JWT signed with a registered client\'s secret', (fixture, kit) => {
        const clientId = randomUUID();
        return { client_id: clientId, client_secret: forge.withClaims(kit.forgeInput(fixture.client), { client_id: clientId, exp: kit.freshExp() }) };
      }),
    ],
  },
  {
    id: 'AUTH-WRONG-KEY',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A JWT signed with another key than the stored secret is refused',
    source: 'SPEC §1 step 4; RFC 7515 §5.2',
    expect: inEveryProfile({ error: 'invalid_client' }),
    variants: [
      secretVariant('signed with a random key', (input) => forge.wrongKey(input, randomKey())),
      secretVariant('signed with another registered client\'s secret', async (input, _, kit) => forge.wrongKey(input, (await otherClient(kit)).secret)),
      secretVariant('signed with the stored secret plus a trailing newline', (input) => forge.wrongKey(input, `${input.secret}\n`)),
      secretVariant(
        'signed with the stored secret upper-cased',
        (input) => forge.wrongKey(input, input.secret.toUpperCase()),
        (fixture) => fixture.client.secret.toUpperCase() !== fixture.client.secret,
      ),
      secretVariant(
        'signed with the stored secret hex-decoded (the seeds\' mistake)',
        (input) => forge.hexDecodedKey(input)!,
        (fixture) => /^(?:[0-9a-fA-F]{2})+$/.test(fixture.client.secret),
      ),
    ],
  },
  {
    id: 'AUTH-ALG-NONE',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'An unsecured JWT (alg none, in any spelling) is refused',
    source: 'SPEC §1 step 2; RFC 8725 §3.1; RFC 7518 §3.6',
    expect: inEveryProfile({ error: 'invalid_client' }),
    variants: algNoneVariants,
  },
  {
    id: 'AUTH-ALG-OTHER',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A JWT whose alg is not exactly HS256 is refused',
    source: 'SPEC §1 step 2; RFC 8725 §3.1',
    expect: { storx: { error: 'invalid_client' }, rfc7523: { error: 'invalid_client', note: 'another HMAC alg judged only for a client pinned to its alg (token_endpoint_auth_signing_alg)' } },
    variants: otherAlgVariants,
  },
  {
    id: 'AUTH-HEADER-CRIT',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A JWT with a critical header parameter the server cannot understand is refused',
    source: 'SPEC §1 edge cases; RFC 7515 §4.1.11',
    expect: inEveryProfile({ error: 'invalid_client' }),
    variants: [
      secretVariant('crit naming an unknown extension', (input) => forge.withHeader(input, { alg: 'HS256', typ: 'JWT', crit: ['x-grantproof'], 'x-grantproof': true })),
      // RFC 7797's b64 is an extension JOSE libraries implement (jose does), so a server that leaves crit to its library accepts it.
      secretVariant('crit ["b64"] with b64 true (RFC 7797)', (input) => forge.withHeader(input, { alg: 'HS256', typ: 'JWT', b64: true, crit: ['b64'] })),
    ],
  },
  {
    id: 'AUTH-HEADER-IGNORED',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'Header parameters the server does not use are ignored',
    source: 'SPEC §1 edge cases; RFC 7515 §4 (kid, typ); RFC 8725 §3.10 (jku, x5u)',
    expect: inEveryProfile({ rule: 'a kid, a missing typ or an unknown parameter: 200; a jku or x5u: 200 or invalid_client, and the URL never fetched' }),
    async run(kit) {
      const accepted = await eachVariant(
        [
          secretVariant('a kid', (input) => forge.withHeader(input, { alg: 'HS256', typ: 'JWT', kid: 'key-1' })),
          secretVariant('no typ', (input) => forge.withHeader(input, { alg: 'HS256' })),
          secretVariant('an unknown header parameter', (input) => forge.withHeader(input, { alg: 'HS256', typ: 'JWT', 'x-grantproof': 'ignored' })),
        ],
        (exchange) => acceptedWithGrant(exchange),
      )(kit);
      const probes = await eachVariant(
        [
          secretVariant('a jku naming the harness\'s listener', async (input, _, k) => forge.withHeader(input, { alg: 'HS256', typ: 'JWT', jku: await k.callbackUrl('jwks') })),
          secretVariant('an x5u naming the harness\'s listener', async (input, _, k) => forge.withHeader(input, { alg: 'HS256', typ: 'JWT', x5u: await k.callbackUrl('x5u') })),
        ],
        (exchange, k) => {
          const refused = rejectedWith(exchange, 'invalid_client', k.options.statuses);
          return { ok: acceptedWithGrant(exchange).ok || refused.ok, expected: `2xx, or ${refused.expected}`, actual: describeAnswer(exchange) };
        },
      )(kit);
      return { checks: [...accepted.checks, ...probes.checks] };
    },
  },
  {
    id: 'AUTH-SIG-TAMPERED',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A JWT changed after signing, or with a damaged signature, is refused',
    source: 'SPEC §1 step 4; RFC 7515 §5.2',
    expect: inEveryProfile({ error: 'invalid_client' }),
    variants: [
      secretVariant('payload changed after signing (exp a day later)', (input) => forge.tamperedPayload(input)),
      secretVariant('header changed after signing (typ "jwt")', (input) => forge.tamperedHeader(input, 'typ')),
      secretVariant('header changed after signing (kid added)', (input) => forge.tamperedHeader(input, 'extra-param')),
      secretVariant('signature stripped', (input) => forge.strippedSignature(input)),
      secretVariant('signature truncated by 4 characters', (input) => forge.truncatedSignature(input)),
      secretVariant('one bit of the signature flipped', (input) => forge.flippedSignature(input)),
      secretVariant('signature of another valid JWT', (input) => forge.signatureFromOtherToken(input)),
    ],
  },
  {
    id: 'AUTH-MALFORMED-JWT',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A client_secret that is not a JWS is refused',
    source: 'SPEC §1 step 1; RFC 7515 §7.1; seeds 000 and 002',
    expect: { storx: { error: 'invalid_client' }, rfc7523: { error: ['invalid_client', 'invalid_request'], note: 'RFC 6749 §5.2: "otherwise malformed"' } },
    variants: [
      secretVariant('the raw stored secret instead of a JWT', (input) => input.secret),
      secretVariant('random text', () => forge.randomText()),
      secretVariant('one segment', (input) => forge.segments(input, 1)),
      secretVariant('two segments', (input) => forge.segments(input, 2)),
      secretVariant('four segments', (input) => forge.segments(input, 4)),
      secretVariant('five segments', (input) => forge.segments(input, 5)),
      secretVariant('a "*" inside the payload segment', (input) => forge.badBase64url(input, '*')),
      secretVariant('a header that is not JSON', (input) => forge.nonJsonHeader(input)),
      secretVariant('a payload that is not JSON', (input) => forge.nonJsonPayload(input)),
      secretVariant('a payload that is a JSON array', (input) => forge.payloadNotObject(input, 'array')),
      secretVariant('a payload that is the JSON literal null', (input) => forge.payloadNotObject(input, 'null')),
    ],
  },
  {
    id: 'AUTH-JWT-NOT-UTF8',
    level: 'SHOULD',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A JWT whose header or payload is not UTF-8 is refused',
    source: 'SPEC §1 step 1 ("non-JSON parts"); RFC 7519 §7.2 steps 4 and 10',
    // SHOULD, not MUST: RFC 7519 requires the check, but Go's encoding/json (under golang-jwt,
    // common in StorX-style servers) reads the byte as U+FFFD, and nothing is gained by forging it.
    expect: inEveryProfile({ error: 'invalid_client' }),
    variants: [
      secretVariant('a correctly signed JWT with a 0xFF byte in its header', (input) => forge.notUtf8(input, 'header')),
      secretVariant('a correctly signed JWT with a 0xFF byte in an extra claim of its payload', (input) => forge.notUtf8(input, 'payload')),
    ],
  },
  {
    id: 'AUTH-CLIENT-ID-MISMATCH',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'The JWT\'s client_id must equal the body\'s byte for byte',
    source: 'SPEC §1 step 6',
    expect: { storx: { error: 'invalid_client' }, rfc7523: { error: ['invalid_client', 'invalid_request'], note: 'body client_id ≠ the assertion\'s sub' } },
    variants: clientIdMismatchVariants(),
  },
  {
    id: 'AUTH-CLIENT-ID-MISSING',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A JWT without client_id is refused',
    source: 'SPEC §1 step 2',
    expect: { storx: { error: 'invalid_client' } },
    variants: [
      secretVariant('no client_id claim', (input) => forge.withoutClaim(input, 'client_id')),
      secretVariant('client_id null', (input) => forge.withClaims(input, { client_id: null, exp: input.exp })),
    ],
  },
  {
    id: 'AUTH-EXP-MISSING',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A JWT without exp is refused',
    source: 'SPEC §1 step 2; RFC 7519 §4.1.4',
    expect: { storx: { error: 'invalid_client' }, rfc7523: { error: 'invalid_client', note: 'RFC 7523 §3 item 4' } },
    variants: [secretVariant('no exp claim', (input) => forge.withoutClaim(input, 'exp'))],
  },
  {
    id: 'AUTH-EXP-INVALID',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A JWT whose exp is not a number is refused',
    source: 'SPEC §1 step 2; RFC 7519 §2 (NumericDate)',
    expect: { storx: { error: 'invalid_client' }, rfc7523: { error: 'invalid_client', note: 'RFC 7523 §3 item 4' } },
    variants: [
      secretVariant('exp a numeric string of a valid time', (input) => forge.withClaims(input, { client_id: input.clientId, exp: String(input.exp) })),
      secretVariant('exp null', (input) => forge.withClaims(input, { client_id: input.clientId, exp: null })),
      secretVariant('exp true', (input) => forge.withClaims(input, { client_id: input.clientId, exp: true })),
      secretVariant('exp an object', (input) => forge.withClaims(input, { client_id: input.clientId, exp: { value: input.exp } })),
    ],
  },
  {
    id: 'AUTH-EXP-PAST',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'An expired JWT gets client_secret_expired',
    source: 'SPEC §1 step 5; RFC 7519 §4.1.4; seeds 000 and 002',
    expect: { storx: { error: 'client_secret_expired' }, rfc7523: { error: 'invalid_client', note: 'RFC 7523 §3 item 4: there is no client_secret_expired' } },
    variants: [
      secretVariant('exp 3 s past the leeway', (input, _, kit) => forge.withClaims(input, { client_id: input.clientId, exp: justExpired(kit) })),
      secretVariant('exp a year ago', (input, _, kit) => forge.withClaims(input, { client_id: input.clientId, exp: longExpired(kit) })),
      secretVariant('exp 0 (the epoch)', (input) => forge.withClaims(input, { client_id: input.clientId, exp: 0 })),
    ],
  },
  {
    id: 'AUTH-EXP-PRECEDENCE',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'Expiry is judged only after the signature: a forged expired JWT gets invalid_client',
    source: 'SPEC §1 steps 4–5',
    expect: { storx: { error: 'invalid_client', note: 'never client_secret_expired' } },
    variants: [
      secretVariant('expired and signed with a random key', (input, _, kit) => forge.wrongKey({ ...input, exp: justExpired(kit) }, randomKey())),
      secretVariant('expired and its payload changed after signing', (input, _, kit) => forge.tamperedPayload({ ...input, exp: longExpired(kit) })),
      secretVariant('expired, alg "none"', (input, _, kit) => forge.algNone({ ...input, exp: longExpired(kit) }, 'none', 'empty')),
    ],
  },
  {
    id: 'AUTH-EXP-TOO-FAR',
    level: 'SHOULD',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A JWT that lives longer than the maximum lifetime is refused',
    source: 'SPEC §1 recommendations; RFC 8725 §3.10',
    expect: { storx: { error: 'invalid_client' }, rfc7523: { error: 'invalid_client', note: 'RFC 7523 §3 item 4 MAY' } },
    variants: [
      secretVariant('exp a minute beyond the maximum lifetime', (input, _, kit) =>
        forge.withClaims(input, { client_id: input.clientId, exp: kit.now() + kit.options.maxLifetimeSeconds + kit.options.leewaySeconds + 60 }),
      ),
      secretVariant('exp ten years ahead', (input, _, kit) => forge.withClaims(input, { client_id: input.clientId, exp: kit.now() + 10 * 365 * 86_400 })),
    ],
  },
  {
    id: 'AUTH-REPLAY',
    level: 'SHOULD',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A JWT is accepted once only',
    source: 'SPEC §1 recommendations; seed 002 ("One-time Use"); RFC 7523 §3 (jti)',
    expect: { storx: { error: 'invalid_client', note: 'for a second use of an accepted JWT: as it was, respelled, and (with a leeway of 8 s or more) past its exp inside the leeway' }, rfc7523: { error: 'invalid_client', note: 'for a second use of an accepted assertion, as it was and respelled (RFC 7523 §3 item 7)' } },
    async run(kit) {
      const fixture = await kit.fixture();
      const jwt = await kit.mint(fixture.client);
      const checks = await useThenReplay(kit, fixture, { label: 'first use of the JWT', jwt }, [
        { label: 'the same JWT again, with another valid code', jwt },
        {
          label: "the same JWT respelled (its signature's last character changed in the bits base64url leaves unused), with another valid code",
          jwt: forge.respelledSignature(jwt),
        },
      ]);
      const leeway = kit.options.leewaySeconds;
      if (leeway < MIN_LEEWAY_FOR_REPLAY) return { checks };
      // A JWT past its exp but inside the leeway still authenticates, so it must still be
      // remembered: a replay cache whose entries live until exp (not exp + leeway) forgets it.
      const pastExp = Math.floor(leeway / 2);
      const inLeeway = await kit.fixture();
      const late = await kit.mint(inLeeway.client, { exp: kit.now() - pastExp });
      const first = { label: `first use of a JWT ${pastExp} s past its exp, inside the ${leeway} s leeway`, jwt: late };
      try {
        return { checks: [...checks, ...(await useThenReplay(kit, inLeeway, first, [{ label: 'that JWT again, still inside the leeway', jwt: late }]))] };
      } catch (error) {
        if (!(error instanceof CaseNotRun)) throw error;
        return { checks, note: `the replay inside the leeway was not tried: ${error.reason} (PROP-EXP-WINDOW judges that)` };
      }
    },
  },
];

/** Below this leeway a JWT cannot be both 2 s past its exp and 2 s clear of expiring (SPEC §1 edge cases). */
const MIN_LEEWAY_FOR_REPLAY = 8;

/**
 * Sends `first` with the fixture's code, then each replay with another code of the same
 * client: the first must be accepted (else the case is inconclusive), each replay refused.
 */
async function useThenReplay(
  kit: CaseKit,
  fixture: Fixture,
  first: { label: string; jwt: string },
  replays: readonly { label: string; jwt: string }[],
): Promise<CheckedExchange[]> {
  const valid = await kit.validRequest(fixture);
  const firstUse = await kit.send(first.label, () => ({ ...valid, body: { ...valid.body, client_secret: first.jwt } }));
  const firstCheck = { variant: first.label, exchange: firstUse, judgement: acceptedWithGrant(firstUse) };
  if (!firstCheck.judgement.ok) {
    throw new CaseNotRun('inconclusive', `the ${first.label} was not accepted (${firstCheck.judgement.actual}), so its reuse could not be tried`, [firstCheck]);
  }
  const checks: CheckedExchange[] = [firstCheck];
  for (const replay of replays) {
    const code = await kit.issueCode(fixture.client);
    const exchange = await kit.send(replay.label, () => ({ headers: code.headers, body: { ...valid.body, client_secret: replay.jwt, code: code.code } }));
    checks.push({ variant: replay.label, exchange, judgement: kit.judge(exchange) });
  }
  return checks;
}

/**
 * SPEC §1 step 6, both directions, with the near variants a sloppy comparison accepts
 * (case, whitespace, truncation, a look-alike character).
 */
function clientIdMismatchVariants(): Variant[] {
  const jwtFor = (clientId: (f: Fixture) => string) => (input: forge.ForgeInput, fixture: Fixture) =>
    forge.withClaims(input, { client_id: clientId(fixture), exp: input.exp });
  return [
    secretVariant('the JWT names another registered client (signed with its secret)', async (_, __, kit) => {
      const other = await otherClient(kit);
      return forge.withClaims(kit.forgeInput(other), { client_id: other.clientId, exp: kit.freshExp() });
    }),
    bodyVariant('the body names another registered client', async (_, kit) => ({ client_id: (await otherClient(kit)).clientId })),
    ...Object.keys(identifierVariants).flatMap((name) => {
      const change = identifierVariants[name as IdentifierVariant];
      const applies = (f: Fixture) => change(f.client.clientId) !== f.client.clientId;
      return [
        bodyVariant(`the body's client_id with ${name}`, (f) => ({ client_id: change(f.client.clientId) }), applies),
        secretVariant(`the JWT's client_id with ${name}`, jwtFor((f) => change(f.client.clientId)), applies),
      ];
    }),
  ];
}
