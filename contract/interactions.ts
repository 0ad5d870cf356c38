import { signCompact } from '../jwt/compact.js';
import type { ErrorCode } from '../vocabulary/error-codes.js';
import { STATES } from '../client/states.js';
import { requirementById } from '../catalogue/index.js';

/**
 * The token-endpoint interactions a consumer can rely on, each carrying the catalogue
 * requirement it stands for: the success of SPEC §1 step 9 and one refusal per error code
 * of SPEC §1's table. This table is what the Pact builders (`contract/consumer.ts`), the
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
  | 'REQ-MISSING-FIELD';

export interface ProviderStateUse {
  readonly state: (typeof STATES)[keyof typeof STATES];
  /** Params as SPEC §3 names them; `client_id` of a code state names the client set up before it. */
  readonly params: (example: ExampleValues) => Record<string, string | string[]>;
}

/**
 * - `none`: the fully valid request;
 * - `unregistered-client`: a client_id no state set up;
 * - `expired-jwt`: a client_secret signed with the stored secret whose exp has passed;
 * - `unknown-code`: a code never issued;
 * - `other-redirect-uri`: the registered redirect URI with a trailing slash;
 * - `without-passphrase`: the passphrase field left out.
 */
export type RequestChange = 'none' | 'unregistered-client' | 'expired-jwt' | 'unknown-code' | 'other-redirect-uri' | 'without-passphrase';

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

const clientState: ProviderStateUse = { state: STATES.client, params: (ex) => ({ redirect_uri: ex.redirectUri }) };
const codeState = (state: ProviderStateUse['state']): ProviderStateUse => ({
  state,
  params: (ex) => ({ client_id: ex.clientId, redirect_uri: ex.redirectUri, scopes: [...ex.scopes] }),
});

export const CONTRACT_INTERACTIONS: readonly ContractInteraction[] = [
  interaction('RESP-SUCCESS', [clientState, codeState(STATES.code)], 'none'),
  interaction('AUTH-UNREGISTERED', [], 'unregistered-client'),
  interaction('AUTH-EXP-PAST', [clientState, codeState(STATES.code)], 'expired-jwt'),
  interaction('CODE-UNKNOWN', [clientState], 'unknown-code'),
  interaction('CODE-EXPIRED', [clientState, codeState(STATES.expiredCode)], 'none'),
  interaction('REDIRECT-MISMATCH', [clientState, codeState(STATES.code)], 'other-redirect-uri'),
  interaction('REQ-MISSING-FIELD', [clientState, codeState(STATES.code)], 'without-passphrase'),
];

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

/** The client_secret JWT a pact records for an interaction (HS256, `{client_id, exp}`, SPEC §1). */
export function exampleClientSecret(interaction: ContractInteraction, example: ExampleValues): string {
  const index = CONTRACT_INTERACTIONS.findIndex((i) => i.requirementId === interaction.requirementId);
  const exp = interaction.change === 'expired-jwt' ? SEEDS_EXPIRY : FAR_FUTURE_EXP + index;
  const clientId = interaction.change === 'unregistered-client' ? UNREGISTERED_CLIENT_ID : example.clientId;
  return signCompact({ alg: 'HS256', typ: 'JWT' }, { client_id: clientId, exp }, example.storedSecret);
}

export function contractInteraction(id: ContractInteractionId): ContractInteraction {
  const found = CONTRACT_INTERACTIONS.find((i) => i.requirementId === id);
  if (!found) throw new RangeError(`no contract interaction for ${id}; one of ${CONTRACT_INTERACTIONS.map((i) => i.requirementId).join(', ')}`);
  return found;
}
