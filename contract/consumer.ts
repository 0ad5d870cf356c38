import { MatchersV3, type PactV4, type TemplateHeaders, type V3MockServer } from '@pact-foundation/pact';
import { requirementById } from '../catalogue/index.js';
import { DEFAULT_ERROR_STATUS, type ErrorCode, type Rfc6749ErrorCode } from '../vocabulary/error-codes.js';
import type { AuthMethod } from '../vocabulary/profile.js';
import { rfc7523TokenInteraction } from './rfc7523/consumer.js';
import { RFC7523_EXAMPLE_VALUES, type Rfc7523ExampleValues, type Rfc7523InteractionId } from './rfc7523/interactions.js';
import {
  contractInteraction,
  EXAMPLE_VALUES,
  exampleClientSecret,
  EXTRA_FIELD,
  PASSPHRASE_AS_NUMBER,
  UNKNOWN_CODE,
  UNREGISTERED_CLIENT_ID,
  type ContractInteraction,
  type ContractInteractionId,
  type ExampleValues,
} from './interactions.js';

const { equal, fromProviderState, like, regex } = MatchersV3;

/** SPEC §1's token path, where the canonical pact sends its requests. */
export const TOKEN_PATH = '/api/v0/oauth2/token';
/** A compact JWS: three base64url segments, the last may be empty (RFC 7515 §7.1). */
export const COMPACT_JWS_PATTERN = '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*$';
/** RFC 6749 §5.2: errors are JSON; a charset parameter may follow. */
const JSON_CONTENT_TYPE = regex('^application/json(;.*)?$', 'application/json');

/** An interaction with its request and response recorded, to be run against Pact's mock server. */
export interface ReadyInteraction {
  executeTest<T>(testFn: (mockServer: V3MockServer) => Promise<T>): Promise<T | undefined>;
}

export interface TokenInteractionOptions {
  /** The wire format (SPEC §1 `storx`, the default; SPEC §5 `rfc7523` in `Rfc7523TokenInteractionOptions`). */
  readonly profile?: 'storx';
  /** Where the consumer's client posts token requests (default SPEC §1's path). */
  readonly path?: string;
  /** Example values the pact records (default: the seeds'). */
  readonly example?: Partial<ExampleValues>;
  /** The statuses this provider answers error codes with, when not SPEC §1's defaults. */
  readonly statuses?: Partial<Record<ErrorCode, number>>;
}

/** SPEC §5: a form request whose client authenticates with a JWT assertion. */
export interface Rfc7523TokenInteractionOptions {
  readonly profile: 'rfc7523';
  /** Where the consumer's client posts token requests (default SPEC §1's path, where the reference server serves both profiles). */
  readonly path?: string;
  /** The client's method, asked of the client state (default `client_secret_jwt`). */
  readonly authMethod?: AuthMethod;
  /** Example values the pact records (placeholders by default). */
  readonly example?: Partial<Rfc7523ExampleValues>;
  /** The one status this provider answers a code with, where SPEC §5 allows more (invalid_client: 401 or 400). */
  readonly statuses?: Partial<Record<Rfc6749ErrorCode, number>>;
}

/**
 * Adds the token-endpoint interaction that stands for catalogue requirement `id` to `pact`,
 * ready for `.executeTest(…)` with the consumer's own client:
 *
 * ```ts
 * await tokenInteraction(pact, 'AUTH-EXP-PAST').executeTest(async (mock) => { … });
 * ```
 *
 * Exact where the contract is exact (status, `error`, `Cache-Control: no-store`, the scopes
 * granted); a type or regex matcher where values vary (access_grant, the compact-JWS shape
 * of client_secret); `fromProviderState` for what the provider state hands out (SPEC §3).
 */
export function tokenInteraction(pact: PactV4, id: ContractInteractionId, options?: TokenInteractionOptions): ReadyInteraction;
/**
 * The same for profile rfc7523 (SPEC §5): a form request with a client assertion, the states'
 * params naming the client's method and the code's PKCE challenge method:
 *
 * ```ts
 * await tokenInteraction(pact, 'AUTH-EXP-PAST', { profile: 'rfc7523' }).executeTest(async (mock) => { … });
 * ```
 */
export function tokenInteraction(pact: PactV4, id: Rfc7523InteractionId, options: Rfc7523TokenInteractionOptions): ReadyInteraction;
export function tokenInteraction(pact: PactV4, id: ContractInteractionId | Rfc7523InteractionId, options: TokenInteractionOptions | Rfc7523TokenInteractionOptions = {}): ReadyInteraction {
  if (options.profile === 'rfc7523') {
    return rfc7523TokenInteraction(pact, id as Rfc7523InteractionId, {
      path: options.path ?? TOKEN_PATH,
      authMethod: options.authMethod ?? 'client_secret_jwt',
      example: { ...RFC7523_EXAMPLE_VALUES, ...options.example },
      statuses: options.statuses ?? {},
    });
  }
  return storxTokenInteraction(pact, id as ContractInteractionId, options);
}

function storxTokenInteraction(pact: PactV4, id: ContractInteractionId, options: TokenInteractionOptions): ReadyInteraction {
  const interaction = contractInteraction(id);
  const example = { ...EXAMPLE_VALUES, ...options.example };
  const requirement = requirementById(id);
  let builder = pact.addInteraction();
  for (const use of interaction.states) builder = builder.given(use.state, { ...use.params(example) });
  return builder
    .uponReceiving(`${id}: ${requirement?.title ?? id}`)
    .withRequest('POST', options.path ?? TOKEN_PATH, (request) => {
      request.headers({ 'Content-Type': 'application/json' }).jsonBody(requestBody(interaction, example));
    })
    .willRespondWith(statusOf(interaction, options.statuses), (response) => {
      response.headers(responseHeaders(interaction)).jsonBody(responseBody(interaction, example));
    });
}

/** The request body with matchers: SPEC §1's five fields, changed as the interaction says. */
function requestBody(interaction: ContractInteraction, example: ExampleValues): Record<string, unknown> {
  const { change } = interaction;
  const registered = interaction.states.length > 0;
  const fromClientState = (name: string, value: string) => (registered ? fromProviderState(`\${${name}}`, value) : like(value));
  const hasCode = interaction.states.length > 1;
  const neverIssued = change === 'unknown-code' || change === 'another-key-and-unknown-code';
  const secret = exampleClientSecret(interaction, example);
  const body: Record<string, unknown> = {
    client_id: change === 'unregistered-client' ? like(UNREGISTERED_CLIENT_ID) : fromClientState('client_id', example.clientId),
    // The raw stored secret is no JWS, so it is matched by type.
    client_secret: change === 'raw-stored-secret' ? like(secret) : regex(COMPACT_JWS_PATTERN, secret),
    redirect_uri: change === 'other-redirect-uri' ? like(`${example.redirectUri}/`) : fromClientState('redirect_uri', example.redirectUri),
    code: hasCode ? fromProviderState('${code}', example.code) : like(neverIssued ? UNKNOWN_CODE : example.code),
    passphrase: passphraseOf(change, example),
    ...(change === 'extra-field' ? { grant_type: like(EXTRA_FIELD.grant_type) } : {}),
  };
  if (change === 'without-passphrase') delete body.passphrase;
  return body;
}

/** The passphrase: any string by type, except where its value or its type is the change. */
function passphraseOf(change: ContractInteraction['change'], example: ExampleValues): unknown {
  if (change === 'passphrase-a-number') return like(PASSPHRASE_AS_NUMBER);
  if (change === 'empty-passphrase') return equal('');
  return like(example.passphrase);
}

function statusOf(interaction: ContractInteraction, statuses: TokenInteractionOptions['statuses']): number {
  if ('grant' in interaction.answer) return 200;
  return statuses?.[interaction.answer.error] ?? DEFAULT_ERROR_STATUS[interaction.answer.error];
}

/** SPEC §1 step 9: a success carries `Cache-Control: no-store` (RFC 6749 §5.1). */
function responseHeaders(interaction: ContractInteraction): TemplateHeaders {
  return 'grant' in interaction.answer ? { 'Content-Type': JSON_CONTENT_TYPE, 'Cache-Control': equal('no-store') } : { 'Content-Type': JSON_CONTENT_TYPE };
}

/** SPEC §1: `{"access_grant", "scopes"}` on success, `{"error": code}` otherwise (extra members such as error_description allowed). */
function responseBody(interaction: ContractInteraction, example: ExampleValues): Record<string, unknown> {
  if ('grant' in interaction.answer) return { access_grant: like('example-access-grant'), scopes: equal([...example.scopes]) };
  return { error: equal(interaction.answer.error) };
}
