import { createPrivateKey } from 'node:crypto';
import type { JWK } from 'jose';
import { requirementById } from '../../catalogue/index.js';
import { algConfusion, encodeSegment, joinSegments, OTHER_SERVER_AUDIENCE, signParts, type JwsAlg, type SigningKey } from '../../jwt/index.js';
import { STATES } from '../../client/states.js';
import { refusalCodesOf } from '../../vocabulary/expectation.js';
import type { Rfc6749ErrorCode } from '../../vocabulary/error-codes.js';
import type { AuthMethod } from '../../vocabulary/profile.js';
import { EXAMPLE_VALUES, payloadChangedAfterSigning, TAMPERED_EXP_SHIFT_SECONDS, UNREGISTERED_CLIENT_ID, type ExampleValues, type ProviderStateUse } from '../interactions.js';

/**
 * The token-endpoint interactions of profile rfc7523 (SPEC §5) a consumer can rely on: one form
 * request, set up by SPEC §5's provider states, with one expected grant or refusal. Where RFC
 * 6749 §5.2 lets two codes fit, the interaction records both (`NOT_PACT_EXPRESSIBLE_RFC7523`
 * lists the requirements with no pact form, each with its reason).
 */
export interface Rfc7523ContractInteraction {
  readonly requirementId: Rfc7523InteractionId;
  /** SPEC §5 provider states, in the order the verifier sets them up; their params depend on the client's method. */
  readonly states: readonly Rfc7523StateUse[];
  readonly change: Rfc7523Change;
  /** The requirement's rfc7523 expectation: a grant, or the error codes any of which conforms. */
  readonly answer: Rfc7523Answer;
  /** The methods the canonical pact records it for (SPEC §5: `client_secret_jwt`, `private_key_jwt`). */
  readonly methods: readonly AuthMethod[];
}

export type Rfc7523Answer = { readonly grant: true } | { readonly errors: readonly [Rfc6749ErrorCode, ...Rfc6749ErrorCode[]] };

export interface Rfc7523StateUse {
  readonly state: ProviderStateUse['state'];
  readonly params: (example: Rfc7523ExampleValues, method: AuthMethod) => Record<string, string | string[]>;
}

export type Rfc7523InteractionId =
  | 'RESP-SUCCESS'
  | 'AUTH-UNREGISTERED'
  | 'AUTH-WRONG-KEY'
  | 'AUTH-ALG-NONE'
  | 'AUTH-ALG-OTHER'
  | 'AUTH-HEADER-CRIT'
  | 'AUTH-SIG-TAMPERED'
  | 'AUTH-MALFORMED-JWT'
  | 'AUTH-CLIENT-ID-MISMATCH'
  | 'AUTH-EXP-MISSING'
  | 'AUTH-EXP-INVALID'
  | 'AUTH-EXP-PAST'
  | 'CODE-UNKNOWN'
  | 'CODE-EXPIRED'
  | 'CODE-OTHER-CLIENT'
  | 'REDIRECT-MISMATCH'
  | 'REQ-MISSING-FIELD'
  | 'REQ-UNKNOWN-IGNORED'
  | 'ORDER-CLIENT-FIRST'
  | 'RFC7523-ISS-SUB'
  | 'RFC7523-AUD'
  | 'RFC7523-NBF'
  | 'RFC7523-ASSERTION-TYPE'
  | 'RFC7523-ALG-CONFUSION';

/**
 * How the form differs from the fully valid one (SPEC §2: one change; two for ORDER-CLIENT-FIRST):
 * - `none`: the fully valid request;
 * - `unregistered-client`: an assertion whose iss and sub no state registered;
 * - `another-key`: an assertion signed with a key that is not the client's;
 * - `alg-none`: an unsecured assertion, `{"alg":"none"}` and an empty signature part;
 * - `alg-hs384`: for a client pinned to HS256, an assertion signed HS384 with its secret;
 * - `crit-header`: a well-signed assertion whose header marks `b64` critical (RFC 7797);
 * - `payload-changed-after-signing`: a well-signed assertion whose exp was then moved a minute on;
 * - `not-a-jws`: an assertion that is random text, no JWS;
 * - `client-id-not-sub`: the first client's well-signed assertion, the body's `client_id` naming a second client;
 * - `assertion-without-exp`, `exp-a-string`, `expired-assertion`: a well-signed assertion without exp, with a numeric-string exp, with an exp a day past;
 * - `unknown-code`: a code never issued;
 * - `code-of-other-client`: a valid request of a second client, with the first client's code;
 * - `other-redirect-uri`: the registered redirect URI with a trailing slash;
 * - `without-redirect-uri`: the redirect_uri parameter left out;
 * - `extra-param`: an unrecognized parameter besides the grant's;
 * - `another-key-and-unknown-code`: a key that is not the client's, and a code never issued;
 * - `sub-other-client`: the client's well-signed assertion whose sub is another registered client's id, iss its own;
 * - `aud-other-server`: a well-signed assertion whose aud is another server's token endpoint (`OTHER_SERVER_AUDIENCE`);
 * - `nbf-in-future`: a well-signed assertion not valid before an nbf far beyond any leeway;
 * - `saml2-assertion-type`: `client_assertion_type` the SAML 2.0 bearer URN (RFC 7522 §2.2), the assertion valid;
 * - `public-key-as-hmac-secret`: for a `private_key_jwt` client, an assertion signed HS256 keyed with its public key as SPKI PEM text (the one text form a PEM key has, so a server that keys HMAC with it is caught).
 */
export type Rfc7523Change =
  | 'none'
  | 'unregistered-client'
  | 'another-key'
  | 'alg-none'
  | 'alg-hs384'
  | 'crit-header'
  | 'payload-changed-after-signing'
  | 'not-a-jws'
  | 'client-id-not-sub'
  | 'assertion-without-exp'
  | 'exp-a-string'
  | 'expired-assertion'
  | 'unknown-code'
  | 'code-of-other-client'
  | 'other-redirect-uri'
  | 'without-redirect-uri'
  | 'extra-param'
  | 'another-key-and-unknown-code'
  | 'sub-other-client'
  | 'aud-other-server'
  | 'nbf-in-future'
  | 'saml2-assertion-type'
  | 'public-key-as-hmac-secret';

/**
 * The example values an rfc7523 pact records: placeholders, never credentials. Verification
 * re-signs every recorded assertion with the key the provider state hands out (contract/verify/).
 */
export interface Rfc7523ExampleValues extends Pick<ExampleValues, 'clientId' | 'redirectUri' | 'code' | 'scopes'> {
  /** RFC 7636 §4.1: 43 characters of the unreserved set. */
  readonly codeVerifier: string;
  readonly clientSecret: string;
  /** The `aud` of the example assertions; verification sends the run's `--audience`. */
  readonly audience: string;
}

/** storx's example client, redirect URI, code and scopes (contract/interactions.ts), with rfc7523's own. */
export const RFC7523_EXAMPLE_VALUES: Rfc7523ExampleValues = {
  clientId: EXAMPLE_VALUES.clientId,
  redirectUri: EXAMPLE_VALUES.redirectUri,
  code: EXAMPLE_VALUES.code,
  codeVerifier: 'example-code-verifier-not-a-credential-0000',
  clientSecret: 'example-client-secret-not-a-credential',
  audience: 'https://as.example.com/oauth2/token',
  scopes: EXAMPLE_VALUES.scopes,
};

/** The text of `not-a-jws`: no dots, so no JWS (RFC 7515 §7.1). */
export const NOT_A_JWS = 'not-a-jws-assertion';
/** The parameter of `extra-param`: a name RFC 6749 does not define, which §3.2 says to ignore. */
export const EXTRA_PARAM = { x_grantproof: 'ignored' } as const;
/**
 * The client_id the example assertion of `client-id-not-sub` is for, and the sub of
 * `sub-other-client`'s: at verification, the interaction's first client.
 */
export const FIRST_EXAMPLE_CLIENT_ID = '7d3c1f0e-2b4a-4c5d-8e6f-a1b2c3d4e5f6';

const clientState: Rfc7523StateUse = {
  state: STATES.client,
  params: (ex, method) => ({ redirect_uri: ex.redirectUri, token_endpoint_auth_method: method }),
};
/** SPEC §5: a client pinned to HS256, so that another HMAC alg is judged (AUTH-ALG-OTHER). */
const pinnedClientState: Rfc7523StateUse = {
  state: STATES.client,
  params: (ex, method) => ({ redirect_uri: ex.redirectUri, token_endpoint_auth_method: method, token_endpoint_auth_signing_alg: 'HS256' }),
};
const codeState = (state: Rfc7523StateUse['state']): Rfc7523StateUse => ({
  state,
  params: (ex) => ({ client_id: ex.clientId, redirect_uri: ex.redirectUri, scopes: [...ex.scopes], code_challenge_method: 'S256' }),
});
const withCode = [clientState, codeState(STATES.code)];
/** Two clients, the code issued to the first; the request's values come from the second (see contract/interactions.ts). */
const twoClients = [clientState, codeState(STATES.code), clientState];
/** Two clients, the code issued to the second, whose assertion's sub names the first (RFC7523-ISS-SUB). */
const anotherClientThenCode = [clientState, clientState, codeState(STATES.code)];
const BOTH: readonly AuthMethod[] = ['client_secret_jwt', 'private_key_jwt'];
const SECRET: readonly AuthMethod[] = ['client_secret_jwt'];
/** SPEC §5: alg confusion is judged for private_key_jwt clients only. */
const PRIVATE_KEY: readonly AuthMethod[] = ['private_key_jwt'];

export const RFC7523_CONTRACT_INTERACTIONS: readonly Rfc7523ContractInteraction[] = [
  interaction('RESP-SUCCESS', withCode, 'none', BOTH),
  interaction('AUTH-UNREGISTERED', [], 'unregistered-client', SECRET),
  interaction('AUTH-WRONG-KEY', withCode, 'another-key', BOTH),
  interaction('AUTH-ALG-NONE', withCode, 'alg-none', SECRET),
  interaction('AUTH-ALG-OTHER', [pinnedClientState, codeState(STATES.code)], 'alg-hs384', SECRET),
  interaction('AUTH-HEADER-CRIT', withCode, 'crit-header', SECRET),
  interaction('AUTH-SIG-TAMPERED', withCode, 'payload-changed-after-signing', BOTH),
  interaction('AUTH-MALFORMED-JWT', withCode, 'not-a-jws', SECRET),
  interaction('AUTH-CLIENT-ID-MISMATCH', twoClients, 'client-id-not-sub', SECRET),
  interaction('AUTH-EXP-MISSING', withCode, 'assertion-without-exp', SECRET),
  interaction('AUTH-EXP-INVALID', withCode, 'exp-a-string', SECRET),
  interaction('AUTH-EXP-PAST', withCode, 'expired-assertion', BOTH),
  interaction('CODE-UNKNOWN', [clientState], 'unknown-code', SECRET),
  interaction('CODE-EXPIRED', [clientState, codeState(STATES.expiredCode)], 'none', SECRET),
  interaction('CODE-OTHER-CLIENT', twoClients, 'code-of-other-client', SECRET),
  interaction('REDIRECT-MISMATCH', withCode, 'other-redirect-uri', SECRET),
  interaction('REQ-MISSING-FIELD', withCode, 'without-redirect-uri', SECRET),
  interaction('REQ-UNKNOWN-IGNORED', withCode, 'extra-param', SECRET),
  interaction('ORDER-CLIENT-FIRST', [clientState], 'another-key-and-unknown-code', SECRET),
  interaction('RFC7523-ISS-SUB', anotherClientThenCode, 'sub-other-client', SECRET),
  interaction('RFC7523-AUD', withCode, 'aud-other-server', SECRET),
  interaction('RFC7523-NBF', withCode, 'nbf-in-future', SECRET),
  interaction('RFC7523-ASSERTION-TYPE', withCode, 'saml2-assertion-type', SECRET),
  interaction('RFC7523-ALG-CONFUSION', withCode, 'public-key-as-hmac-secret', PRIVATE_KEY),
];

const SHOULD = 'a SHOULD (SPEC §5): every interaction of a pact must hold, so recording it would make a recommendation part of the contract';
const RULE = 'its expectation is a rule over every exchange of a run, not the answer to one request: the harness judges it';
const PROPERTY = 'a property over generated requests, with an oracle deciding each answer: a pact records fixed examples';

/**
 * The rfc7523 requirements no pact interaction stands for, each with the reason (see
 * `NOT_PACT_EXPRESSIBLE` for storx's, whose reasons several share).
 */
export const NOT_PACT_EXPRESSIBLE_RFC7523: Readonly<Record<string, string>> = {
  'CODE-REUSED': 'needs a code already redeemed: interactions are independent and their order is not guaranteed, and SPEC §5 has no state "a redeemed authorization code"',
  'CODE-CONCURRENT': 'many requests in flight at once: a pact replays one request at a time',
  'AUTH-REPLAY': `the same assertion twice within one exchange sequence, which a pact cannot order; and ${SHOULD}`,
  'AUTH-EXP-TOO-FAR': SHOULD,
  'AUTH-JWT-NOT-UTF8': `${SHOULD}; and verification re-signs a recorded assertion by decoding its JSON, which a part that is not UTF-8 does not have`,
  'AUTH-HEADER-IGNORED': 'its variants conform with different answers (a kid: 200; a jku or x5u: 200 or invalid_client, and the URL never fetched): a pact records one answer, and cannot see a fetch',
  'AUTH-HEADER-URL-FETCH': "the harness's own listener must see no request: a pact sees only the token endpoint's answer",
  'REQ-CONTENT-TYPE': 'its answer is a status (400 or 415) with no error code a consumer relies on; and pact-js\'s verification proxy parses an application/json body itself before the target sees it',
  'REQ-CONTENT-TYPE-PARAMS': `near variants of one header that only make sense generated; and ${SHOULD}`,
  'REQ-METHOD': `${SHOULD}; and its answer is a bare 405`,
  'RESP-CORS-CREDENTIALS': 'passing means a header pair is absent: a pact matches the headers an answer has, it cannot state that one is missing',
  'RESP-ERROR-SHAPE': RULE,
  'RESP-NO-LEAK': RULE,
  'RESP-NO-5XX': RULE,
  'PROP-ONLY-VALID-ACCEPTED': PROPERTY,
  'PROP-NO-5XX': PROPERTY,
  'PROP-ERROR-SHAPE': PROPERTY,
  'PROP-NO-LEAK': PROPERTY,
  'PROP-SINGLE-USE': PROPERTY,
  'PROP-EXP-WINDOW': PROPERTY,
  'CONTRACT-PACT': 'it is the verification of the pacts themselves',
  'LOG-NO-SECRET': "it is judged over the target's own log, which a pact never sees",
  'ABUSE-RATE-LIMIT': 'it sends a burst until a 429: a pact replays each interaction once',
  'ABUSE-RATE-LIMIT-SPOOF': 'it sends bursts with forged client addresses until a 429: a pact replays each interaction once',
  'ABUSE-RETRY-AFTER': 'the 429 it judges comes only at the end of a burst, which a pact cannot send',
  'RFC7523-JTI-MISSING': SHOULD,
  'RFC7523-JTI-REPLAY': `an assertion accepted, then its jti again with a fresh code: two ordered requests, which a pact cannot order; and ${SHOULD}`,
  'RFC7523-ONE-METHOD': SHOULD,
  'CODE-REUSE-REVOKES': `a redemption, the code's second redemption, then the first grant's token status: three ordered requests, which a pact cannot order; and ${SHOULD}`,
};

/**
 * The rfc7523 requirements one request with provider states could state, but the canonical pact
 * does not record yet, each with what recording it needs: gaps of the contract stage, not limits
 * of Pact. A test keeps every rfc7523 requirement an interaction, not expressible, or here.
 */
export const NOT_YET_IN_RFC7523_PACT: Readonly<Record<string, string>> = {
  'PKCE-VERIFIER': "verification puts the provider state's code_verifier into every request for the code it issued (so that a consumer's pact needs no verifier generator): a wrong verifier needs a treatment that keeps it",
  'PKCE-DOWNGRADE': 'a code state issued with code_challenge_method none and a recorded verifier that verification keeps: the treatment is not written',
  'REQ-DUPLICATE-PARAM': 'a form with a repeated parameter: the form-body matchers of withFormBody take one value per name',
  'REQ-GRANT-TYPE': 'its two variants expect different codes (missing: invalid_request or unsupported_grant_type; password: unsupported_grant_type): the interaction for grant_type=password is not written',
};

function interaction(requirementId: Rfc7523InteractionId, states: readonly Rfc7523StateUse[], change: Rfc7523Change, methods: readonly AuthMethod[]): Rfc7523ContractInteraction {
  return { requirementId, states, change, methods, answer: rfc7523AnswerOf(requirementId) };
}

/**
 * The answer an rfc7523 pact records for a requirement: its typed expectation in SPEC §5's
 * table when that is a grant or a refusal with one or more codes; any other has no pact form.
 */
export function rfc7523AnswerOf(id: string): Rfc7523Answer {
  const expectation = requirementById(id)?.expect.rfc7523;
  if (expectation && 'grant' in expectation) return { grant: true };
  if (expectation && 'error' in expectation && expectation.orStatus === undefined) {
    const [first, ...rest] = refusalCodesOf(expectation);
    if (first !== undefined) return { errors: [first, ...rest] };
  }
  throw new RangeError(`${id} expects no grant or refusal in profile rfc7523, so no pact interaction can record it`);
}

export function rfc7523ContractInteraction(id: Rfc7523InteractionId): Rfc7523ContractInteraction {
  const found = RFC7523_CONTRACT_INTERACTIONS.find((i) => i.requirementId === id);
  if (!found) throw new RangeError(`no rfc7523 contract interaction for ${id}; one of ${RFC7523_CONTRACT_INTERACTIONS.map((i) => i.requirementId).join(', ')}`);
  return found;
}

/**
 * The example assertions' instants. A pact must not change each time it is written: a valid
 * example is issued at a fixed instant and expires at a fixed far-future one (one second apart
 * per interaction and method, so that each example assertion is distinct); an expired one at
 * the seeds' expiry, 2025-06-27; a not-yet-valid one is valid from that far-future instant on.
 */
const EXAMPLE_IAT = 1_751_019_493;
const FAR_FUTURE_EXP = 4_102_444_800;
const SEEDS_EXPIRY = 1_751_019_553;
/** RFC 8032 §5.1.5: an Ed25519 private key is any 32 bytes; this one is a placeholder, so its signatures are reproducible. */
const EXAMPLE_ED25519_SEED = Buffer.from('grantproof example key, no cred.', 'utf8');
/** PKCS #8 (RFC 8410 §7) around an Ed25519 seed. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The private JWK the example `private_key_jwt` assertions are signed with: Ed25519, whose
 * signatures are deterministic (RFC 8032 §5.1.6), so the pact is the same every time it is written.
 */
export function examplePrivateJwk(): JWK {
  const key = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, EXAMPLE_ED25519_SEED]), format: 'der', type: 'pkcs8' });
  return { ...(key.export({ format: 'jwk' }) as JWK), alg: 'EdDSA', kid: 'example-key' };
}

/** The client_assertion a pact records for an interaction and method (SPEC §5's header and claims), with its one fault. */
export function exampleClientAssertion(interaction: Rfc7523ContractInteraction, method: AuthMethod, example: Rfc7523ExampleValues): string {
  const { change } = interaction;
  if (change === 'not-a-jws') return NOT_A_JWS;
  const index = RFC7523_CONTRACT_INTERACTIONS.indexOf(interaction) * 2 + (method === 'private_key_jwt' ? 1 : 0);
  const key: SigningKey = method === 'client_secret_jwt' ? { kind: 'secret', secret: example.clientSecret } : { kind: 'private-jwk', jwk: examplePrivateJwk() };
  const alg: JwsAlg = method === 'client_secret_jwt' ? 'HS256' : 'EdDSA';
  const header = method === 'client_secret_jwt' ? { alg } : { alg, kid: 'example-key' };
  const clientId = change === 'unregistered-client' ? UNREGISTERED_CLIENT_ID : change === 'client-id-not-sub' ? FIRST_EXAMPLE_CLIENT_ID : example.clientId;
  const exp = change === 'expired-assertion' ? SEEDS_EXPIRY : FAR_FUTURE_EXP + index;
  const claims = {
    iss: clientId,
    sub: change === 'sub-other-client' ? FIRST_EXAMPLE_CLIENT_ID : clientId,
    aud: change === 'aud-other-server' ? OTHER_SERVER_AUDIENCE : example.audience,
    jti: `example-jti-${index}`,
    iat: EXAMPLE_IAT,
    exp,
    ...(change === 'nbf-in-future' ? { nbf: FAR_FUTURE_EXP } : {}),
  };
  const otherKey: SigningKey = { kind: 'secret', secret: 'another-key-not-the-client-secret' };
  switch (change) {
    case 'another-key':
    case 'another-key-and-unknown-code':
      return signParts({ alg: 'HS256' }, claims, otherKey, 'HS256');
    case 'alg-none':
      return joinSegments(encodeSegment({ alg: 'none' }), encodeSegment(claims), '');
    case 'alg-hs384':
      return signParts({ alg: 'HS384' }, claims, key, 'HS384');
    case 'crit-header':
      return signParts({ ...header, b64: true, crit: ['b64'] }, claims, key, alg);
    case 'payload-changed-after-signing':
      return payloadChangedAfterSigning(signParts(header, claims, key, alg), { ...claims, exp: exp + TAMPERED_EXP_SHIFT_SECONDS });
    case 'assertion-without-exp':
      return signParts(header, Object.fromEntries(Object.entries(claims).filter(([name]) => name !== 'exp')), key, alg);
    case 'exp-a-string':
      return signParts(header, { ...claims, exp: String(exp) }, key, alg);
    case 'public-key-as-hmac-secret':
      return algConfusion({ header, claims, key }, 'spki-pem');
    default:
      return signParts(header, claims, key, alg);
  }
}
