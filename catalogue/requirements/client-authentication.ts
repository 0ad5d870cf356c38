import { randomUUID } from 'node:crypto';
import * as forge from '../../jwt/index.js';
import { rejectedWith } from '../../checks/error-response.js';
import { CaseNotRun, type CheckedExchange } from '../../vocabulary/outcome.js';
import { acceptedWithGrant } from '../../checks/success-response.js';
import { describeAnswer } from '../../checks/answer.js';
import { bodyVariant, eachVariant, namedClient, randomKeyLike, secretVariant, validWith, type Variant } from '../variants.js';
import type { Requirement } from '../types.js';
import type { CaseKit, Fixture } from '../case-kit.js';
import { identifierVariants, type IdentifierVariant } from '../near-variants.js';
import { inEveryProfile, type AnswerByProfile } from '../../vocabulary/expectation.js';

/** A secret as a signing key: its UTF-8 bytes. */
const secretKey = (secret: string): forge.SigningKey => ({ kind: 'secret', secret });

/** Whether the fixture's client has a secret (storx; rfc7523 client_secret_jwt), not a private key. */
const hasSecret = (fixture: Fixture) => fixture.client.secret !== null;

/** SPEC §1 step 5: expired once `now ≥ exp + leeway`; 3 s past that keeps clear of clock skew. */
const justExpired = (kit: CaseKit) => kit.now() - kit.options.leewaySeconds - 3;
const longExpired = (kit: CaseKit) => kit.now() - 365 * 86_400;

/** A second registered client, of the same method as the fixture's: the mismatch and other-client variants need one. */
async function otherClient(kit: CaseKit, fixture: Fixture) {
  return kit.registerClient(fixture.client.method);
}

/**
 * rfc7523: an assertion without a signature part has two segments, so it is no JWS either
 * (RFC 7515 §7.1), and RFC 6749 §5.2's "otherwise malformed" fits it as in AUTH-MALFORMED-JWT.
 */
const notAJws: AnswerByProfile = { rfc7523: { error: ['invalid_client', 'invalid_request'], note: 'two segments: not a JWS (RFC 6749 §5.2: "otherwise malformed")' } };

const algNoneVariants: Variant[] = (['none', 'None', 'NONE'] as const).flatMap((spelling) =>
  (['absent', 'empty', 'hmac'] as const).map((signature) => ({
    ...secretVariant(
      `alg "${spelling}", ${{ absent: 'no signature part', empty: 'an empty signature part', hmac: 'a valid HMAC-SHA256 signature part' }[signature]}`,
      (input) => forge.algNoneJws(input, spelling, signature),
    ),
    ...(signature === 'absent' ? { expect: notAJws } : {}),
  })),
);

/**
 * Whether the client's JWT may not carry `alg`: storx allows HS256 alone (SPEC §1 step 2). In
 * rfc7523 an alg other than the client's own is judged, but another HMAC alg only for a
 * client pinned to its alg (SPEC §5 AUTH-ALG-OTHER): an unpinned client_secret_jwt client may
 * use any HMAC alg with its secret.
 */
const refusesAlg = (alg: string) => (fixture: Fixture) => {
  const { method, pinnedAlg, key } = fixture.client;
  if (method === null) return true;
  const own = pinnedAlg ?? (key.kind === 'secret' ? 'HS256' : key.jwk.alg);
  if (alg === own) return false;
  return !forge.isHmacAlg(alg) || method === 'private_key_jwt' || pinnedAlg !== null;
};

const otherAlgVariants: Variant[] = [
  secretVariant('alg "HS384", signed with HS384 and the stored secret', (input) => forge.otherAlgJws(input, 'HS384'), refusesAlg('HS384')),
  secretVariant('alg "HS512", signed with HS512 and the stored secret', (input) => forge.otherAlgJws(input, 'HS512'), refusesAlg('HS512')),
  secretVariant('alg "RS256", the valid signature', (input) => forge.otherAlgJws(input, 'RS256'), refusesAlg('RS256')),
  secretVariant('alg "ES256", the valid signature', (input) => forge.otherAlgJws(input, 'ES256'), refusesAlg('ES256')),
  secretVariant('alg "PS256", the valid signature', (input) => forge.otherAlgJws(input, 'PS256'), refusesAlg('PS256')),
  secretVariant('alg "hs256" (lower case), the valid signature', (input) => forge.otherAlgJws(input, 'hs256'), refusesAlg('hs256')),
];

export const clientAuthentication: readonly Requirement[] = [
  {
    id: 'AUTH-UNREGISTERED',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A client that was never registered is refused',
    source: 'SPEC §1 step 3; seed 001',
    sourceIn: { rfc7523: 'SPEC §5; RFC 7523 §3 item 1 (iss names the client); seed 001' },
    expect: inEveryProfile({ error: 'invalid_client' }),
    variants: [
      bodyVariant('client_id never registered, JWT signed with a random key', (fixture, kit) => {
        const input = kit.forgeInput({ ...fixture.client, clientId: randomUUID() });
        return { ...namedClient(kit, input), [kit.credentialField]: forge.wrongKeyJws(input, randomKeyLike(input)) };
      }),
      bodyVariant('client_id never registered, JWT signed with a registered client\'s key', (fixture, kit) => {
        const input = kit.forgeInput({ ...fixture.client, clientId: randomUUID() });
        return { ...namedClient(kit, input), [kit.credentialField]: forge.signJws(input) };
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
    sourceIn: { rfc7523: 'SPEC §5; RFC 7523 §3 item 9; RFC 7515 §5.2' },
    expect: inEveryProfile({ error: 'invalid_client' }),
    variants: [
      secretVariant('signed with a random key', (input) => forge.wrongKeyJws(input, randomKeyLike(input))),
      secretVariant('signed with another registered client\'s key', async (input, fixture, kit) => forge.wrongKeyJws(input, (await otherClient(kit, fixture)).key)),
      secretVariant('signed with the stored secret plus a trailing newline', (input, fixture) => forge.wrongKeyJws(input, secretKey(`${fixture.client.secret}\n`)), hasSecret),
      secretVariant(
        'signed with the stored secret upper-cased',
        (input, fixture) => forge.wrongKeyJws(input, secretKey(fixture.client.secret!.toUpperCase())),
        (fixture) => fixture.client.secret !== null && fixture.client.secret.toUpperCase() !== fixture.client.secret,
      ),
      secretVariant(
        'signed with the stored secret hex-decoded (the seeds\' mistake)',
        (input, fixture) => forge.wrongKeyJws(input, { kind: 'secret', secret: Buffer.from(fixture.client.secret!, 'hex') }),
        (fixture) => fixture.client.secret !== null && /^(?:[0-9a-fA-F]{2})+$/.test(fixture.client.secret),
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
    sourceIn: { rfc7523: 'SPEC §5; RFC 8725 §3.1; RFC 7518 §3.6' },
    expect: { storx: { error: 'invalid_client' }, rfc7523: { error: 'invalid_client', note: 'or invalid_request for one without a signature part, which is no JWS (RFC 6749 §5.2: "otherwise malformed")' } },
    variants: algNoneVariants,
  },
  {
    id: 'AUTH-ALG-OTHER',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A JWT whose alg is not exactly HS256 is refused',
    source: 'SPEC §1 step 2; RFC 8725 §3.1',
    sourceIn: { rfc7523: 'SPEC §5; RFC 8725 §3.1; OpenID Connect Core §9 (token_endpoint_auth_signing_alg)' },
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
    sourceIn: { rfc7523: 'SPEC §5; RFC 7515 §4.1.11' },
    expect: inEveryProfile({ error: 'invalid_client' }),
    variants: [
      secretVariant('crit naming an unknown extension', (input) => forge.withHeaderJws(input, { ...input.header, crit: ['x-grantproof'], 'x-grantproof': true })),
      // RFC 7797's b64 is an extension JOSE libraries implement (jose does), so a server that leaves crit to its library accepts it.
      // That fails storx, whose server understands no extension (SPEC §1 edge cases); RFC 7515 §4.1.11 refuses only an extension
      // the recipient does not understand, so an rfc7523 server that implements b64 may accept it, and either answer conforms.
      { ...secretVariant('crit ["b64"] with b64 true (RFC 7797)', (input) => forge.withHeaderJws(input, { ...input.header, b64: true, crit: ['b64'] })), profiles: ['storx'] },
    ],
  },
  {
    id: 'AUTH-HEADER-IGNORED',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'Header parameters the server does not use are ignored',
    source: 'SPEC §1 edge cases; RFC 7515 §4 (kid, typ); RFC 8725 §3.10 (jku, x5u)',
    sourceIn: { rfc7523: 'SPEC §5; RFC 7515 §4 (kid, typ); RFC 8725 §3.10 (jku, x5u)' },
    expect: {
      storx: { rule: 'a kid, a missing typ or an unknown parameter: 200; a jku or x5u: 200 or invalid_client, and the URL never fetched' },
      rfc7523: { rule: 'a missing typ or an unknown parameter: 200; a kid naming no key of a client_secret_jwt client, a jku or x5u: 200 or invalid_client, and the URL never fetched' },
    },
    async run(kit) {
      /** rfc7523: a kid selects the key among the client's (RFC 7515 §4.1.4, RFC 7517 §4.5), so one naming none of them may be refused. */
      const kid = (input: forge.JwsInput) => forge.withHeaderJws(input, { ...input.header, kid: 'key-1' });
      const accepted = await eachVariant(
        [
          secretVariant('a kid', kid, (f) => f.client.method === null),
          secretVariant('no typ', (input) => forge.withHeaderJws(input, Object.fromEntries(Object.entries(input.header).filter(([name]) => name !== 'typ')))),
          secretVariant('an unknown header parameter', (input) => forge.withHeaderJws(input, { ...input.header, 'x-grantproof': 'ignored' })),
        ],
        (exchange) => acceptedWithGrant(exchange, kit.profile),
      )(kit);
      const probes = await eachVariant(
        [
          // A private_key_jwt client's kid names its key: changing it is no header the server may ignore.
          secretVariant('a kid naming no key of the client', kid, (f) => f.client.method === 'client_secret_jwt'),
          secretVariant('a jku naming the harness\'s listener', async (input, _, k) => forge.withHeaderJws(input, { ...input.header, jku: await k.callbackUrl('jwks') })),
          secretVariant('an x5u naming the harness\'s listener', async (input, _, k) => forge.withHeaderJws(input, { ...input.header, x5u: await k.callbackUrl('x5u') })),
        ],
        (exchange, k) => {
          const refused = rejectedWith(exchange, 'invalid_client', k.options);
          return { ok: acceptedWithGrant(exchange, kit.profile).ok || refused.ok, expected: `2xx, or ${refused.expected}`, actual: describeAnswer(exchange) };
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
    sourceIn: { rfc7523: 'SPEC §5; RFC 7523 §3 item 9; RFC 7515 §5.2' },
    expect: inEveryProfile({ error: 'invalid_client' }),
    variants: [
      secretVariant('payload changed after signing (exp a day later)', (input) => forge.tamperedPayloadJws(input)),
      secretVariant('header changed after signing (typ "jwt")', (input) => forge.tamperedHeaderJws(input, 'typ')),
      secretVariant('header changed after signing (kid added)', (input) => forge.tamperedHeaderJws(input, 'extra-param')),
      secretVariant('signature stripped', (input) => forge.strippedSignatureJws(input)),
      secretVariant('signature truncated by 4 characters', (input) => forge.truncatedSignatureJws(input)),
      secretVariant('one bit of the signature flipped', (input) => forge.flippedSignatureJws(input)),
      secretVariant('signature of another valid JWT', (input) => forge.signatureFromOtherTokenJws(input)),
    ],
  },
  {
    id: 'AUTH-MALFORMED-JWT',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A client_secret that is not a JWS is refused',
    source: 'SPEC §1 step 1; RFC 7515 §7.1; seeds 000 and 002',
    sourceIn: { rfc7523: 'SPEC §5; RFC 7523 §3 item 8; RFC 7515 §7.1; RFC 6749 §5.2 ("otherwise malformed")' },
    expect: { storx: { error: 'invalid_client' }, rfc7523: { error: ['invalid_client', 'invalid_request'], note: 'RFC 6749 §5.2: "otherwise malformed"' } },
    variants: [
      secretVariant('the raw stored secret instead of a JWT', (_, fixture) => fixture.client.secret!, hasSecret),
      secretVariant('random text', () => forge.randomText()),
      secretVariant('one segment', (input) => forge.segmentsJws(input, 1)),
      secretVariant('two segments', (input) => forge.segmentsJws(input, 2)),
      secretVariant('four segments', (input) => forge.segmentsJws(input, 4)),
      secretVariant('five segments', (input) => forge.segmentsJws(input, 5)),
      secretVariant('a "*" inside the payload segment', (input) => forge.badBase64urlJws(input, '*')),
      secretVariant('a header that is not JSON', (input) => forge.nonJsonHeaderJws(input)),
      secretVariant('a payload that is not JSON', (input) => forge.nonJsonPayloadJws(input)),
      secretVariant('a payload that is a JSON array', (input) => forge.payloadNotObjectJws(input, [input.claims])),
      secretVariant('a payload that is the JSON literal null', (input) => forge.payloadNotObjectJws(input, null)),
    ],
  },
  {
    id: 'AUTH-JWT-NOT-UTF8',
    level: 'SHOULD',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A JWT whose header or payload is not UTF-8 is refused',
    source: 'SPEC §1 step 1 ("non-JSON parts"); RFC 7519 §7.2 steps 4 and 10',
    sourceIn: { rfc7523: 'SPEC §5; RFC 7519 §7.2 steps 4 and 10' },
    // SHOULD, not MUST: RFC 7519 requires the check, but Go's encoding/json (under golang-jwt,
    // common in StorX-style servers) reads the byte as U+FFFD, and nothing is gained by forging it.
    expect: { storx: { error: 'invalid_client' }, rfc7523: { error: ['invalid_client', 'invalid_request'], note: 'RFC 6749 §5.2: "otherwise malformed"' } },
    variants: [
      secretVariant('a correctly signed JWT with a 0xFF byte in its header', (input) => forge.notUtf8Jws(input, 'header')),
      secretVariant('a correctly signed JWT with a 0xFF byte in an extra claim of its payload', (input) => forge.notUtf8Jws(input, 'payload')),
    ],
  },
  {
    id: 'AUTH-CLIENT-ID-MISMATCH',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'The JWT\'s client_id must equal the body\'s byte for byte',
    source: 'SPEC §1 step 6',
    sourceIn: { rfc7523: 'SPEC §5; RFC 7521 §4.2 (client_id); RFC 7523 §3 item 2.B' },
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
      secretVariant('no client_id claim', (input) => forge.withoutClaimJws(input, 'client_id')),
      secretVariant('client_id null', (input) => forge.withClaimJws(input, 'client_id', null)),
    ],
  },
  {
    id: 'AUTH-EXP-MISSING',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A JWT without exp is refused',
    source: 'SPEC §1 step 2; RFC 7519 §4.1.4',
    sourceIn: { rfc7523: 'SPEC §5; RFC 7523 §3 item 4; RFC 7519 §4.1.4' },
    expect: { storx: { error: 'invalid_client' }, rfc7523: { error: 'invalid_client', note: 'RFC 7523 §3 item 4' } },
    variants: [secretVariant('no exp claim', (input) => forge.withoutClaimJws(input, 'exp'))],
  },
  {
    id: 'AUTH-EXP-INVALID',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A JWT whose exp is not a number is refused',
    source: 'SPEC §1 step 2; RFC 7519 §2 (NumericDate)',
    sourceIn: { rfc7523: 'SPEC §5; RFC 7523 §3 item 4; RFC 7519 §2 (NumericDate)' },
    expect: { storx: { error: 'invalid_client' }, rfc7523: { error: 'invalid_client', note: 'RFC 7523 §3 item 4' } },
    variants: [
      secretVariant('exp a numeric string of a valid time', (input) => forge.withClaimJws(input, 'exp', String(input.claims.exp))),
      secretVariant('exp null', (input) => forge.withClaimJws(input, 'exp', null)),
      secretVariant('exp true', (input) => forge.withClaimJws(input, 'exp', true)),
      secretVariant('exp an object', (input) => forge.withClaimJws(input, 'exp', { value: input.claims.exp })),
    ],
  },
  {
    id: 'AUTH-EXP-PAST',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'An expired JWT gets client_secret_expired',
    source: 'SPEC §1 step 5; RFC 7519 §4.1.4; seeds 000 and 002',
    sourceIn: { rfc7523: 'SPEC §5; RFC 7523 §3 item 4; RFC 7519 §4.1.4' },
    expect: { storx: { error: 'client_secret_expired' }, rfc7523: { error: 'invalid_client', note: 'RFC 7523 §3 item 4: there is no client_secret_expired' } },
    variants: [
      secretVariant('exp 3 s past the leeway', (input, _, kit) => forge.withClaimJws(input, 'exp', justExpired(kit))),
      secretVariant('exp a year ago', (input, _, kit) => forge.withClaimJws(input, 'exp', longExpired(kit))),
      secretVariant('exp 0 (the epoch)', (input) => forge.withClaimJws(input, 'exp', 0)),
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
      secretVariant('expired and signed with a random key', (input, _, kit) => forge.wrongKeyJws(withExp(input, justExpired(kit)), randomKeyLike(input))),
      secretVariant('expired and its payload changed after signing', (input, _, kit) => forge.tamperedPayloadJws(withExp(input, longExpired(kit)))),
      secretVariant('expired, alg "none"', (input, _, kit) => forge.algNoneJws(withExp(input, longExpired(kit)), 'none', 'empty')),
    ],
  },
  {
    id: 'AUTH-EXP-TOO-FAR',
    level: 'SHOULD',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A JWT that lives longer than the maximum lifetime is refused',
    source: 'SPEC §1 recommendations; RFC 8725 §3.10',
    sourceIn: { rfc7523: 'SPEC §5; RFC 7523 §3 item 4 (MAY); RFC 8725 §3.10' },
    expect: { storx: { error: 'invalid_client' }, rfc7523: { error: 'invalid_client', note: 'RFC 7523 §3 item 4 MAY' } },
    variants: [
      secretVariant('exp a minute beyond the maximum lifetime', (input, _, kit) => forge.withClaimJws(input, 'exp', kit.now() + kit.options.maxLifetimeSeconds + kit.options.leewaySeconds + 60)),
      secretVariant('exp ten years ahead', (input, _, kit) => forge.withClaimJws(input, 'exp', kit.now() + 10 * 365 * 86_400)),
    ],
  },
  {
    id: 'AUTH-REPLAY',
    level: 'SHOULD',
    category: 'client-authentication',
    stage: 'conformance',
    title: 'A JWT is accepted once only',
    source: 'SPEC §1 recommendations; seed 002 ("One-time Use"); RFC 7523 §3 (jti)',
    sourceIn: { rfc7523: 'SPEC §5; RFC 7523 §3 item 7 (jti); OpenID Connect Core §9' },
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
 * client: the first must be accepted (else the case is inconclusive), each replay refused
 * (AUTH-REPLAY, RFC7523-JTI-REPLAY).
 */
export async function useThenReplay(
  kit: CaseKit,
  fixture: Fixture,
  first: { label: string; jwt: string },
  replays: readonly { label: string; jwt: string }[],
): Promise<CheckedExchange[]> {
  const firstRequest = await validWith(kit, fixture, { [kit.credentialField]: first.jwt });
  const firstUse = await kit.send(first.label, () => firstRequest);
  const firstCheck = { variant: first.label, exchange: firstUse, judgement: acceptedWithGrant(firstUse, kit.profile) };
  if (!firstCheck.judgement.ok) {
    throw new CaseNotRun('inconclusive', `the ${first.label} was not accepted (${firstCheck.judgement.actual}), so its reuse could not be tried`, [firstCheck]);
  }
  const checks: CheckedExchange[] = [firstCheck];
  for (const replay of replays) {
    const code = await kit.issueCode(fixture.client);
    const request = await validWith(kit, { ...fixture, code }, { [kit.credentialField]: replay.jwt });
    const exchange = await kit.send(replay.label, () => request);
    checks.push({ variant: replay.label, exchange, judgement: kit.judge(exchange) });
  }
  return checks;
}

/**
 * SPEC §1 step 6, both directions, with the near variants a sloppy comparison accepts
 * (case, whitespace, truncation, a look-alike character).
 */
function clientIdMismatchVariants(): Variant[] {
  /** The JWT naming `clientId` (signed with the fixture's key), the body the fixture's client. */
  const jwtNaming = (clientId: (f: Fixture) => string) => (f: Fixture, kit: CaseKit) => {
    const input = kit.forgeInput({ ...f.client, clientId: clientId(f) });
    return { client_id: f.client.clientId, [kit.credentialField]: forge.signJws(input) };
  };
  return [
    bodyVariant('the JWT names another registered client (signed with its key)', async (f, kit) => {
      const other = await otherClient(kit, f);
      return { client_id: f.client.clientId, [kit.credentialField]: await kit.mint(other) };
    }),
    bodyVariant('the body names another registered client', async (f, kit) => ({ client_id: (await otherClient(kit, f)).clientId })),
    ...Object.keys(identifierVariants).flatMap((name) => {
      const change = identifierVariants[name as IdentifierVariant];
      const applies = (f: Fixture) => change(f.client.clientId) !== f.client.clientId;
      return [
        bodyVariant(`the body's client_id with ${name}`, (f) => ({ client_id: change(f.client.clientId) }), applies),
        bodyVariant(`the JWT's client_id with ${name}`, jwtNaming((f) => change(f.client.clientId)), applies),
      ];
    }),
  ];
}

/** The JWT with `exp` set to `exp`. */
function withExp(input: forge.JwsInput, exp: number): forge.JwsInput {
  return { ...input, claims: { ...input.claims, exp } };
}
