/**
 * The threat catalogue (SPEC §6): what an attacker, or a broken implementation, does to a
 * token endpoint, and which requirements of the catalogue counter it. It is data beside the
 * requirement catalogue and the one place the link is written down: a requirement's
 * `threats` are derived from it (`threatsCounteredBy`), never restated per requirement.
 *
 * Each threat lists its countermeasures as alternatives (as OAuch's threat model does): a
 * threat is mitigated when every requirement of one alternative passed. The requirements of
 * one alternative are the tests of one countermeasure, a property among them when it judges
 * the same rule over generated requests.
 *
 * Sources: RFC 6819 §4–5 (OAuth 2.0 threat model), RFC 9700 §4 (OAuth 2.0 Security BCP),
 * RFC 8725 §2 (JWT BCP, threats), and the seeds' own failure modes (`../shared/seeds/`:
 * the unregistered client of seed 001, the raw secret and the expired JWT of seeds 000 and
 * 002, the key taken as the secret's text).
 */

import type { ProfileName } from '../vocabulary/profile.js';

export interface Threat {
  /** Stable, `T-` and kebab-case, so it never reads as a requirement ID. */
  readonly id: string;
  /** The attack or failure, in one line. */
  readonly title: string;
  /** Where the threat is described: RFC clauses or a seed. */
  readonly source: string;
  /** Each alternative is one countermeasure, as the requirement IDs that test it. */
  readonly alternatives: readonly (readonly string[])[];
  /** SPEC §6 "not relevant": the profiles whose wire format has what the threat needs; all when absent. */
  readonly profiles?: readonly ProfileName[];
}

export const threats: readonly Threat[] = [
  // ── The JWT itself: RFC 8725 §2 ──
  {
    id: 'T-JWT-UNSIGNED',
    title: 'An unsecured JWT (alg none) is accepted as the client credential, so anyone can authenticate as any client',
    source: 'RFC 8725 §2.1; RFC 7518 §3.6',
    alternatives: [['AUTH-ALG-NONE']],
  },
  {
    id: 'T-JWT-ALG-SUBSTITUTION',
    title: 'The JWT header chooses how it is verified: another algorithm, or a critical extension that changes what is signed, is honoured',
    source: 'RFC 8725 §2.1; RFC 7515 §4.1.11',
    alternatives: [['AUTH-ALG-OTHER', 'AUTH-HEADER-CRIT']],
  },
  {
    id: 'T-JWT-FORGED',
    title: 'A forged or tampered client_secret JWT is accepted, or its claims are acted on before its signature is checked',
    source: 'RFC 8725 §2.1 (insufficient signature validation); RFC 7515 §5.2',
    alternatives: [['AUTH-WRONG-KEY', 'AUTH-SIG-TAMPERED', 'AUTH-EXP-PRECEDENCE']],
  },
  {
    id: 'T-JWT-HEADER-URL-FETCH',
    title: 'A URL named in the JWT header (jku, x5u) is fetched: the endpoint becomes a request forgery proxy and trusts keys the attacker serves',
    source: 'RFC 8725 §2.9 (indirect attacks on the server)',
    alternatives: [['AUTH-HEADER-URL-FETCH']],
  },
  {
    id: 'T-JWT-ENCODING-AMBIGUITY',
    title: 'A JWT whose header or payload is not valid UTF-8 is read one way by the server and another by other parsers',
    source: 'RFC 8725 §2.6 (multiplicity of JSON encodings)',
    alternatives: [['AUTH-JWT-NOT-UTF8']],
  },
  {
    id: 'T-JWT-CLIENT-SUBSTITUTION',
    title: "A client_secret JWT minted for one client authenticates a request made in another client's name",
    source: 'RFC 8725 §2.7 (substitution attacks); RFC 6819 §5.1.5.8 (bind token to client id)',
    alternatives: [['AUTH-CLIENT-ID-MISMATCH', 'AUTH-CLIENT-ID-MISSING']],
  },
  {
    id: 'T-JWT-REPLAY',
    title: 'An intercepted client_secret JWT is used again, or lives long enough to be',
    source: 'RFC 6819 §4.3.3 (disclosure of client credentials); RFC 6819 §5.1.5.3, §5.1.5.4 (short expiry, one-time use); seed 002 ("One-time Use")',
    alternatives: [['AUTH-REPLAY', 'AUTH-EXP-TOO-FAR']],
  },
  // ── The client assertion of profile rfc7523: RFC 7523 §3, RFC 8725 §2 ──
  {
    id: 'T-ASSERTION-CLIENT-SUBSTITUTION',
    title: 'A client assertion whose iss or sub names another client, or no client, authenticates a client it was not made by',
    source: 'RFC 7523 §3 items 1 and 2.B; RFC 8725 §2.7 (substitution attacks)',
    alternatives: [['RFC7523-ISS-SUB']],
    profiles: ['rfc7523'],
  },
  {
    id: 'T-ASSERTION-AUDIENCE',
    title: "A client assertion made for another server, or for none, authenticates here: any server the client sends its assertions to can replay them at this one",
    source: 'RFC 7523 §3 item 3; RFC 8725 §2.8 (cross-JWT confusion), §3.9 (use and validate audience)',
    alternatives: [['RFC7523-AUD']],
    profiles: ['rfc7523'],
  },
  {
    id: 'T-ASSERTION-NOT-YET-VALID',
    title: 'A client assertion is accepted before its nbf, so one made ahead of time, or taken before it was due, serves outside the window its client set',
    source: 'RFC 7523 §3 item 5; RFC 7519 §4.1.5',
    alternatives: [['RFC7523-NBF']],
    profiles: ['rfc7523'],
  },
  {
    id: 'T-ASSERTION-KEY-CONFUSION',
    title: "A private_key_jwt client's assertion is verified as its header says: an HMAC keyed with the client's public key, or a key the assertion embeds, so anyone can authenticate as the client",
    source: 'RFC 8725 §2.1 (RS256 changed into HS256, the public key as the HMAC secret), §3.1 (one key, one algorithm); RFC 7515 §4.1.3',
    alternatives: [['RFC7523-ALG-CONFUSION']],
    profiles: ['rfc7523'],
  },
  // ── The seeds' failure modes ──
  {
    id: 'T-SEED-UNREGISTERED-CLIENT',
    title: 'A client that was never registered, or whose registration is gone, is not refused as invalid_client',
    source: 'seed 001 (the client was not in the database); RFC 6819 §5.2.3.6 (revoke client secrets)',
    alternatives: [['AUTH-UNREGISTERED']],
  },
  {
    id: 'T-SEED-RAW-SECRET',
    title: 'The raw stored secret is accepted as client_secret, so the long-lived secret itself travels as a bearer credential',
    source: 'seeds 000 and 002; RFC 6819 §4.3.3 (use means that do not send plaintext credentials)',
    alternatives: [['AUTH-MALFORMED-JWT']],
  },
  {
    id: 'T-SEED-HEX-KEY',
    title: "The server keys the HMAC differently from its clients (the secret's hex decoding, not its text), so correctly signed requests are refused",
    source: 'seeds 000 and 002 (the key is the client_secret as stored); SPEC §1',
    alternatives: [['RESP-SUCCESS']],
  },
  {
    id: 'T-SEED-EXPIRED-JWT',
    title: 'An expired client_secret JWT, or one without a usable exp, is accepted, a live one is taken for expired, or expiry is not told apart (client_secret_expired)',
    source: 'seeds 000 and 002; RFC 6819 §5.1.5.3 (short expiration time); RFC 7519 §4.1.4',
    alternatives: [['AUTH-EXP-PAST', 'AUTH-EXP-MISSING', 'AUTH-EXP-INVALID', 'PROP-EXP-WINDOW']],
  },
  // ── The authorization code: RFC 6819 §4.4.1, RFC 9700 §4 ──
  {
    id: 'T-CODE-REPLAY',
    title: 'A leaked or intercepted authorization code is redeemed again, concurrently, or after it expired',
    source: 'RFC 6819 §4.4.1.1; RFC 6819 §5.1.5.3, §5.1.5.4 (short expiry, one-time use); RFC 6749 §4.1.2',
    alternatives: [['CODE-REUSED', 'CODE-CONCURRENT', 'CODE-EXPIRED', 'PROP-SINGLE-USE']],
  },
  {
    id: 'T-CODE-OTHER-CLIENT',
    title: 'An authorization code issued to one client is redeemed by another (a counterfeit client, code injection)',
    source: 'RFC 6819 §4.4.1.7; RFC 6819 §5.2.4.4 (bind the code to client_id); RFC 9700 §4.5',
    alternatives: [['CODE-OTHER-CLIENT']],
  },
  {
    id: 'T-CODE-GUESSING',
    title: 'Codes are probed online: an unauthenticated caller learns whether a code is valid, or a near miss of a code redeems',
    source: 'RFC 6819 §4.4.1.3 (online guessing of codes); RFC 6819 §4.4.1.1 (require client authentication)',
    alternatives: [['ORDER-CLIENT-FIRST', 'CODE-UNKNOWN', 'PROP-ONLY-VALID-ACCEPTED']],
  },
  {
    id: 'T-REDIRECT-URI-MANIPULATION',
    title: 'A code obtained through a manipulated redirect_uri is redeemed, because the token request\'s redirect_uri is not compared exactly',
    source: 'RFC 9700 §4.1; RFC 6819 §4.4.1.7; RFC 6819 §5.2.4.5 (bind the code to redirect_uri)',
    alternatives: [['REDIRECT-MISMATCH']],
  },
  {
    id: 'T-CODE-WITHOUT-VERIFIER',
    title: 'An intercepted or injected code is redeemed without the PKCE verifier it was issued for, or with a verifier for a code issued without a challenge (PKCE downgrade)',
    source: 'RFC 7636 §1, §4.6; RFC 9700 §2.1.1, §4.5 (authorization code injection), §4.8 (PKCE downgrade)',
    alternatives: [['PKCE-VERIFIER', 'PKCE-DOWNGRADE']],
    profiles: ['rfc7523'],
  },
  {
    id: 'T-CODE-REUSE-TOKEN-KEPT',
    title: "Whoever redeemed a stolen code first keeps its access token after the code's reuse shows the theft",
    source: 'RFC 6749 §4.1.2, §10.5; RFC 6819 §5.2.1.1 (revoke derived tokens when abuse is detected)',
    alternatives: [['CODE-REUSE-REVOKES']],
    profiles: ['rfc7523'],
  },
  {
    id: 'T-PARAMETER-POLLUTION',
    title: 'A parameter sent twice is read as one value by a component in front of the token endpoint and as the other by the endpoint itself',
    source: 'RFC 6749 §3.2 ("parameters MUST NOT be included more than once")',
    alternatives: [['REQ-DUPLICATE-PARAM']],
    profiles: ['rfc7523'],
  },
  {
    id: 'T-CLIENT-CREDENTIAL-GUESSING',
    title: 'Client credentials are guessed online: failed client authentications go on without limit, or the limit is lifted by naming another client address in a forwarded header',
    source: 'RFC 6819 §4.3.2 (obtaining client secrets), §5.1.4.2.3 (lock accounts), §5.1.4.2.2 (high entropy); RFC 6749 §10.10; RFC 7239 §8.1',
    alternatives: [['ABUSE-RATE-LIMIT', 'ABUSE-RATE-LIMIT-SPOOF']],
  },
  // ── The answers ──
  {
    id: 'T-CREDENTIAL-ECHOED',
    title: 'A secret, client_secret JWT or passphrase of a request comes back in an answer, where proxies, logs and browsers keep it',
    source: 'RFC 6819 §4.3.3 (disclosure of client credentials); seed 002 ("never log the JWT or client_secret")',
    alternatives: [['RESP-NO-LEAK', 'PROP-NO-LEAK']],
  },
  {
    id: 'T-CREDENTIAL-LOGGED',
    title: 'A stored secret, client_secret JWT, passphrase or access grant is written to the server\'s own log, where operators, log pipelines and backups keep it',
    source: 'RFC 6819 §5.1.4.1.3 (no cleartext storage of credentials); RFC 6749 §10.3 (access tokens confidential in storage); seed 002 ("never log the JWT or client_secret")',
    alternatives: [['LOG-NO-SECRET']],
  },
  {
    id: 'T-CROSS-ORIGIN-READ',
    title: 'A page of any origin sends token requests with the user\'s cookies and reads the answers, because CORS grants every origin credentialed access',
    source: 'RFC 6454 §3 (the same-origin policy, which CORS relaxes); Fetch standard, CORS protocol (credentialed requests name one origin); SPEC §3 (StorX binds a code to the consenting user\'s session cookie)',
    alternatives: [['RESP-CORS-CREDENTIALS']],
  },
  {
    id: 'T-ENDPOINT-CRASH',
    title: 'A crafted request crashes the endpoint (5xx): a denial-of-service lever, and a path no validation step covered',
    source: 'RFC 6819 §4.4.1.11 (DoS attacks that exhaust resources)',
    alternatives: [['RESP-NO-5XX', 'PROP-NO-5XX']],
  },
];

/**
 * MUST requirements that counter no threat, each with why: they are about interoperability
 * (a conforming client must be understood, a refusal must be readable), not security. Every
 * other MUST counters at least one threat (test/results/threats.test.ts).
 */
export const NOT_SECURITY_REQUIREMENTS: Readonly<Record<string, string>> = {
  'AUTH-HEADER-IGNORED': 'a header parameter the server does not use must not lock a conforming client out',
  'REQ-UNKNOWN-IGNORED': 'an extra member must not lock a conforming client out (RFC 6749 §3.2)',
  'REQ-CONTENT-TYPE': 'a body of another media type is refused, so clients learn the wire format',
  'REQ-MALFORMED-JSON': 'a broken body is a client bug, answered in a way it can read',
  'REQ-MISSING-FIELD': 'a missing field is a client bug, answered in a way it can read',
  'REQ-FIELD-TYPES': 'a field of the wrong type is a client bug, answered in a way it can read',
  'REQ-GRANT-TYPE': 'a missing or other grant_type is a client bug or another grant, answered in a way the client can read (RFC 6749 §5.2)',
  'RESP-ERROR-SHAPE': 'an error a client cannot parse is an interoperability failure',
  'PROP-ERROR-SHAPE': 'an error a client cannot parse is an interoperability failure',
  'REQ-PASSPHRASE-EMPTY': 'a user without a passphrase must not be locked out (SPEC §1: passphrase may be empty)',
  'RFC7523-ASSERTION-TYPE': 'the assertion is verified the same whatever type is declared; refusing another type tells clients the wire format (RFC 7521 §4.2)',
  'CONTRACT-PACT': 'the consumers\' pacts record interoperability; their security cases are judged by the conformance stage',
};

/** The threats a requirement counters: the IDs of every threat one of whose alternatives names it. */
export function threatsCounteredBy(requirementId: string): string[] {
  return threats.filter((threat) => threat.alternatives.some((alternative) => alternative.includes(requirementId))).map((threat) => threat.id);
}
