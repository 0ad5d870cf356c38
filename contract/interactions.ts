import { encodeSegment, joinSegments, signCompact } from '../jwt/compact.js';
import type { ErrorCode } from '../vocabulary/error-codes.js';
import { STATES } from '../client/states.js';
import { requirementById } from '../catalogue/index.js';

/**
 * The token-endpoint interactions a consumer can rely on, each carrying the catalogue
 * requirement it stands for: every requirement whose case is one request, set up by SPEC §3's
 * provider states, with one expected grant or refusal (`NOT_PACT_EXPRESSIBLE` lists the
 * others, each with its reason). This table is what the Pact builders (`contract/consumer.ts`), the
 * canonical pact under `pacts/` and the example consumer project are all made from.
 */
export interface ContractInteraction {
  /** The catalogue requirement whose expected answer this interaction records. */
  readonly requirementId: ContractInteractionId;
  /** SPEC §3 provider states, in the order the verifier sets them up. */
  readonly states: readonly ProviderStateUse[];
  /** How the request differs from the fully valid one (SPEC §2: one change). */
  readonly change: RequestChange;
  /**
   * SPEC §1's answer: a grant, or an error code (its status from SPEC §1's table unless
   * overridden). Read from the requirement's typed expectation, never stated here.
   */
  readonly answer: ContractAnswer;
}

export type ContractAnswer = { readonly grant: true } | { readonly error: ErrorCode };

export type ContractInteractionId =
  | 'RESP-SUCCESS'
  | 'AUTH-UNREGISTERED'
  | 'AUTH-EXP-PAST'
  | 'CODE-UNKNOWN'
  | 'CODE-EXPIRED'
  | 'REDIRECT-MISMATCH'
  | 'REQ-MISSING-FIELD'
  | 'AUTH-WRONG-KEY'
  | 'AUTH-ALG-NONE'
  | 'AUTH-ALG-OTHER'
  | 'AUTH-HEADER-CRIT'
  | 'AUTH-SIG-TAMPERED'
  | 'AUTH-MALFORMED-JWT'
  | 'AUTH-CLIENT-ID-MISMATCH'
  | 'AUTH-CLIENT-ID-MISSING'
  | 'AUTH-EXP-MISSING'
  | 'AUTH-EXP-INVALID'
  | 'AUTH-EXP-PRECEDENCE'
  | 'CODE-OTHER-CLIENT'
  | 'ORDER-CLIENT-FIRST'
  | 'REQ-FIELD-TYPES'
  | 'REQ-PASSPHRASE-EMPTY'
  | 'REQ-UNKNOWN-IGNORED';

export interface ProviderStateUse {
  readonly state: (typeof STATES)[keyof typeof STATES];
  /** Params as SPEC §3 names them; `client_id` of a code state names the client set up before it. */
  readonly params: (example: ExampleValues) => Record<string, string | string[]>;
}

/**
 * How the request differs from the fully valid one: one change (SPEC §2), two for the
 * requirements about which of two faults is judged first.
 * - `none`: the fully valid request;
 * - `unregistered-client`: a client_id no state set up;
 * - `expired-jwt`: a client_secret signed with the stored secret whose exp has passed;
 * - `unknown-code`: a code never issued;
 * - `other-redirect-uri`: the registered redirect URI with a trailing slash;
 * - `without-passphrase`: the passphrase field left out;
 * - `another-key`: a client_secret signed with a key that is not the stored secret;
 * - `alg-none`: an unsecured JWT, `{"alg":"none"}` and an empty signature part;
 * - `alg-hs384`: a JWT whose alg is HS384, signed with HS384 and the stored secret;
 * - `crit-header`: a well-signed JWT whose header marks `b64` critical (RFC 7797);
 * - `payload-changed-after-signing`: a well-signed JWT whose exp was then moved a minute on;
 * - `raw-stored-secret`: the stored secret itself as client_secret, instead of a JWT;
 * - `jwt-of-other-client`: a well-signed JWT of another registered client, the body naming this one;
 * - `jwt-without-client-id`, `jwt-without-exp`: a well-signed JWT without that claim;
 * - `exp-a-string`: a well-signed JWT whose exp is a numeric string;
 * - `expired-and-another-key`: an exp past and a key that is not the stored secret;
 * - `code-of-other-client`: a valid request of a second client, with the first client's code;
 * - `another-key-and-unknown-code`: a key that is not the stored secret, and a code never issued;
 * - `passphrase-a-number`: the passphrase a JSON number;
 * - `empty-passphrase`: the passphrase `""`, matched exactly;
 * - `extra-field`: an unrecognized field (`grant_type`) besides the five.
 */
export type RequestChange =
  | 'none'
  | 'unregistered-client'
  | 'expired-jwt'
  | 'unknown-code'
  | 'other-redirect-uri'
  | 'without-passphrase'
  | 'another-key'
  | 'alg-none'
  | 'alg-hs384'
  | 'crit-header'
  | 'payload-changed-after-signing'
  | 'raw-stored-secret'
  | 'jwt-of-other-client'
  | 'jwt-without-client-id'
  | 'jwt-without-exp'
  | 'exp-a-string'
  | 'expired-and-another-key'
  | 'code-of-other-client'
  | 'another-key-and-unknown-code'
  | 'passphrase-a-number'
  | 'empty-passphrase'
  | 'extra-field';

/**
 * The example values a pact records. They come from the seeds and are not credentials:
 * the example stored secret is a placeholder, and every JWT a verification sends is minted
 * afresh from the secret the provider state hands out (see `contract/verify/`).
 */
export interface ExampleValues {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly code: string;
  readonly passphrase: string;
  readonly storedSecret: string;
  readonly scopes: readonly string[];
}

export const EXAMPLE_VALUES: ExampleValues = {
  clientId: 'e45fa79a-05f5-4f00-bbfe-bd0a14aead0a',
  redirectUri: 'https://myapp.com/callback',
  code: '84feaa9c-6782-417b-b77c-f9642b5562ff',
  passphrase: '',
  storedSecret: 'example-stored-secret-not-a-credential',
  scopes: ['read', 'write'],
};

/** A client_id that no state registers: the first UUID v4 a careful reader would not issue. */
export const UNREGISTERED_CLIENT_ID = '00000000-0000-4000-8000-000000000000';
/** A code never issued (SPEC §1 step 7). */
export const UNKNOWN_CODE = '00000000-0000-4000-8000-00000000c0de';
/** The client_id a pact's `jwt-of-other-client` JWT names: at verification, the interaction's other registered client. */
export const OTHER_EXAMPLE_CLIENT_ID = '7d3c1f0e-2b4a-4c5d-8e6f-a1b2c3d4e5f6';
/** The key a pact's `another-key` JWTs are signed with: anything but the stored secret. */
export const ANOTHER_KEY = 'another-key-not-the-stored-secret';
/**
 * How far `payload-changed-after-signing` moves exp on: a minute, so that the changed JWT is
 * still inside any maximum lifetime and only its signature can refuse it.
 */
export const TAMPERED_EXP_SHIFT_SECONDS = 60;
/** The passphrase of `passphrase-a-number`: a JSON number where SPEC §1 requires a string. */
export const PASSPHRASE_AS_NUMBER = 12345;
/** The unrecognized field of `extra-field`: RFC 6749 §4.1.3's grant_type, which SPEC §1 does not name. */
export const EXTRA_FIELD = { grant_type: 'authorization_code' } as const;

const clientState: ProviderStateUse = { state: STATES.client, params: (ex) => ({ redirect_uri: ex.redirectUri }) };
const codeState = (state: ProviderStateUse['state']): ProviderStateUse => ({
  state,
  params: (ex) => ({ client_id: ex.clientId, redirect_uri: ex.redirectUri, scopes: [...ex.scopes] }),
});
const withCode = [clientState, codeState(STATES.code)];
/**
 * Two clients: the first with a code issued to it, then a second. The request comes from the
 * second (a code state's client is the client set up before it, and `fromProviderState` reads
 * the last client's values), so the code is the other client's.
 */
const twoClients = [clientState, codeState(STATES.code), clientState];

export const CONTRACT_INTERACTIONS: readonly ContractInteraction[] = [
  interaction('RESP-SUCCESS', withCode, 'none'),
  interaction('AUTH-UNREGISTERED', [], 'unregistered-client'),
  interaction('AUTH-EXP-PAST', withCode, 'expired-jwt'),
  interaction('CODE-UNKNOWN', [clientState], 'unknown-code'),
  interaction('CODE-EXPIRED', [clientState, codeState(STATES.expiredCode)], 'none'),
  interaction('REDIRECT-MISMATCH', withCode, 'other-redirect-uri'),
  interaction('REQ-MISSING-FIELD', withCode, 'without-passphrase'),
  interaction('AUTH-WRONG-KEY', withCode, 'another-key'),
  interaction('AUTH-ALG-NONE', withCode, 'alg-none'),
  interaction('AUTH-ALG-OTHER', withCode, 'alg-hs384'),
  interaction('AUTH-HEADER-CRIT', withCode, 'crit-header'),
  interaction('AUTH-SIG-TAMPERED', withCode, 'payload-changed-after-signing'),
  interaction('AUTH-MALFORMED-JWT', withCode, 'raw-stored-secret'),
  interaction('AUTH-CLIENT-ID-MISMATCH', twoClients, 'jwt-of-other-client'),
  interaction('AUTH-CLIENT-ID-MISSING', withCode, 'jwt-without-client-id'),
  interaction('AUTH-EXP-MISSING', withCode, 'jwt-without-exp'),
  interaction('AUTH-EXP-INVALID', withCode, 'exp-a-string'),
  interaction('AUTH-EXP-PRECEDENCE', withCode, 'expired-and-another-key'),
  interaction('CODE-OTHER-CLIENT', twoClients, 'code-of-other-client'),
  interaction('ORDER-CLIENT-FIRST', [clientState], 'another-key-and-unknown-code'),
  interaction('REQ-FIELD-TYPES', withCode, 'passphrase-a-number'),
  interaction('REQ-PASSPHRASE-EMPTY', withCode, 'empty-passphrase'),
  interaction('REQ-UNKNOWN-IGNORED', withCode, 'extra-field'),
];

/** The reasons several requirements share for having no pact interaction. */
const SHARED_REASONS = {
  rule: 'its expectation is a rule over every exchange of a run, not the answer to one request: the harness judges it',
  property: 'a property over generated requests, with an oracle deciding each answer: a pact records fixed examples',
  should: "a SHOULD (SPEC §1 recommendations): every interaction of a pact must hold, so recording it would make a recommendation part of the contract",
} as const;

/**
 * The storx requirements no pact interaction stands for, each with the reason. A pact records
 * one request, set up by SPEC §3's provider states, and the one answer it expects; the Pact
 * verifier replays each interaction on its own, in no guaranteed order, with fresh states.
 */
export const NOT_PACT_EXPRESSIBLE: Readonly<Record<string, string>> = {
  'CODE-REUSED':
    'needs a code already redeemed: interactions are independent and their order is not guaranteed, so none can redeem a code for another, and SPEC §3 has no state "a redeemed authorization code" to start from',
  'CODE-CONCURRENT': 'many requests in flight at once: a pact replays one request at a time',
  'AUTH-REPLAY': `the same JWT twice within one exchange sequence, which a pact cannot order; and ${SHARED_REASONS.should}`,
  'AUTH-EXP-TOO-FAR': SHARED_REASONS.should,
  'AUTH-JWT-NOT-UTF8': `${SHARED_REASONS.should}; and verification re-signs a recorded JWT by decoding its JSON, which a part that is not UTF-8 does not have`,
  'AUTH-HEADER-IGNORED': 'its variants conform with different answers (a kid: 200; a jku or x5u: 200 or invalid_client, and the URL never fetched): a pact records one answer, and cannot see a fetch',
  'AUTH-HEADER-URL-FETCH': "the harness's own listener must see no request: a pact sees only the token endpoint's answer",
  'REQ-CONTENT-TYPE': 'two answers conform (400 invalid_request, or 415): a pact records one, and would fail a conforming target',
  'REQ-MALFORMED-JSON': "a body that is not JSON: pact-js's verification proxy parses every application/json body and answers a syntax error itself, so the target never sees the request",
  'REQ-CONTENT-TYPE-PARAMS': `near variants of one header (letter case, parameters) that only make sense generated; and ${SHARED_REASONS.should}`,
  'REQ-METHOD': `${SHARED_REASONS.should}; and its answer is a bare 405, with no error code a consumer relies on`,
  'RESP-CORS-CREDENTIALS': 'passing means a header pair is absent: a pact matches the headers an answer has, it cannot state that one is missing',
  'RESP-ERROR-SHAPE': SHARED_REASONS.rule,
  'RESP-NO-LEAK': SHARED_REASONS.rule,
  'RESP-NO-5XX': SHARED_REASONS.rule,
  'PROP-ONLY-VALID-ACCEPTED': SHARED_REASONS.property,
  'PROP-NO-5XX': SHARED_REASONS.property,
  'PROP-ERROR-SHAPE': SHARED_REASONS.property,
  'PROP-NO-LEAK': SHARED_REASONS.property,
  'PROP-SINGLE-USE': SHARED_REASONS.property,
  'PROP-EXP-WINDOW': SHARED_REASONS.property,
  'CONTRACT-PACT': 'it is the verification of the pacts themselves',
  'LOG-NO-SECRET': "it is judged over the target's own log, which a pact never sees",
  'ABUSE-RATE-LIMIT': 'it sends a burst until a 429: a pact replays each interaction once, and every one must hold whatever ran before it',
  'ABUSE-RATE-LIMIT-SPOOF': 'it sends bursts with forged client addresses until a 429: a pact replays each interaction once, in no guaranteed order',
  'ABUSE-RETRY-AFTER': 'the 429 it judges comes only at the end of a burst, which a pact cannot send',
};

function interaction(requirementId: ContractInteractionId, states: readonly ProviderStateUse[], change: RequestChange): ContractInteraction {
  return { requirementId, states, change, answer: recordedAnswerOf(requirementId) };
}

/**
 * The answer a pact records for a requirement: its typed expectation (SPEC §2) when that is
 * one grant or one refusal a consumer can rely on; any other expectation has no pact form.
 */
export function recordedAnswerOf(id: string): ContractAnswer {
  const expectation = requirementById(id)?.expect.storx;
  if (expectation && 'grant' in expectation) return { grant: true };
  if (expectation && 'error' in expectation && expectation.orStatus === undefined && typeof expectation.error === 'string') return { error: expectation.error };
  throw new RangeError(`${id} expects no single grant or refusal, so no pact interaction can record it`);
}

/**
 * The exp of an example JWT. A pact must not change each time it is written, so a valid
 * example expires at a fixed far-future instant (one second apart per interaction, so that
 * each example JWT is distinct); an expired one at the seeds' expiry, 2025-06-27.
 */
const FAR_FUTURE_EXP = 4_102_444_800;
const SEEDS_EXPIRY = 1_751_019_553;

/** The client_secret a pact records for an interaction (HS256, `{client_id, exp}`, SPEC §1), with its one fault. */
export function exampleClientSecret(interaction: ContractInteraction, example: ExampleValues): string {
  const index = CONTRACT_INTERACTIONS.findIndex((i) => i.requirementId === interaction.requirementId);
  const { change } = interaction;
  const expired = change === 'expired-jwt' || change === 'expired-and-another-key';
  const exp = expired ? SEEDS_EXPIRY : FAR_FUTURE_EXP + index;
  const clientId = change === 'unregistered-client' ? UNREGISTERED_CLIENT_ID : change === 'jwt-of-other-client' ? OTHER_EXAMPLE_CLIENT_ID : example.clientId;
  const header = { alg: 'HS256', typ: 'JWT' };
  const claims = { client_id: clientId, exp };
  const signed = (key: string) => signCompact(header, claims, key);
  switch (change) {
    case 'another-key':
    case 'expired-and-another-key':
    case 'another-key-and-unknown-code':
      return signed(ANOTHER_KEY);
    case 'alg-none':
      return joinSegments(encodeSegment({ alg: 'none', typ: 'JWT' }), encodeSegment(claims), '');
    case 'alg-hs384':
      return signCompact({ alg: 'HS384', typ: 'JWT' }, claims, example.storedSecret, 'HS384');
    case 'crit-header':
      return signCompact({ ...header, b64: true, crit: ['b64'] }, claims, example.storedSecret);
    case 'payload-changed-after-signing':
      return payloadChangedAfterSigning(signed(example.storedSecret), { ...claims, exp: exp + TAMPERED_EXP_SHIFT_SECONDS });
    case 'raw-stored-secret':
      return example.storedSecret;
    case 'jwt-without-client-id':
      return signCompact(header, { exp }, example.storedSecret);
    case 'jwt-without-exp':
      return signCompact(header, { client_id: clientId }, example.storedSecret);
    case 'exp-a-string':
      return signCompact(header, { client_id: clientId, exp: String(exp) }, example.storedSecret);
    default:
      return signed(example.storedSecret);
  }
}

/** A compact JWS whose payload segment is replaced by `claims`, its signature kept (RFC 7515 §5.2: it no longer verifies). */
export function payloadChangedAfterSigning(jws: string, claims: Record<string, unknown>): string {
  const [header = '', , signature = ''] = jws.split('.');
  return joinSegments(header, encodeSegment(claims), signature);
}

export function contractInteraction(id: ContractInteractionId): ContractInteraction {
  const found = CONTRACT_INTERACTIONS.find((i) => i.requirementId === id);
  if (!found) throw new RangeError(`no contract interaction for ${id}; one of ${CONTRACT_INTERACTIONS.map((i) => i.requirementId).join(', ')}`);
  return found;
}
