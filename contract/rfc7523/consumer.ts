import { MatchersV3, type PactV4, type TemplateHeaders } from '@pact-foundation/pact';
import { requirementById } from '../../catalogue/index.js';
import { JWT_BEARER_ASSERTION_TYPE } from '../../jwt/index.js';
import { conformingStatuses, type StatusOverrides } from '../../vocabulary/error-codes.js';
import type { AuthMethod } from '../../vocabulary/profile.js';
import { UNKNOWN_CODE } from '../interactions.js';
import {
  EXTRA_PARAM,
  exampleClientAssertion,
  rfc7523ContractInteraction,
  type Rfc7523ContractInteraction,
  type Rfc7523ExampleValues,
  type Rfc7523InteractionId,
} from './interactions.js';

const { equal, fromProviderState, like, matchStatus, regex } = MatchersV3;

/** A compact JWS: three base64url segments, the last may be empty (RFC 7515 §7.1). */
const COMPACT_JWS = '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*$';
/** RFC 6749 Appendix B: the token request's media type. */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
/** RFC 6749 §5.1, §5.2: answers are JSON; a charset parameter may follow. */
const JSON_CONTENT_TYPE = regex('^application/json(;.*)?$', 'application/json');
/** RFC 6749 §7.1: the token type is compared case-insensitively. */
const BEARER = regex('^[Bb][Ee][Aa][Rr][Ee][Rr]$', 'Bearer');

export interface Rfc7523InteractionOptions {
  readonly path: string;
  /** The client's method, which the client state asks for (SPEC §5 `token_endpoint_auth_method`). */
  readonly authMethod: AuthMethod;
  readonly example: Rfc7523ExampleValues;
  readonly statuses: StatusOverrides;
}

/**
 * The SPEC §5 token request's parameters, with matchers: exact where the contract is exact
 * (grant_type, client_assertion_type), the compact-JWS shape for client_assertion,
 * `fromProviderState` for what the states hand out (code, redirect_uri, code_verifier).
 */
function formParams(interaction: Rfc7523ContractInteraction, options: Rfc7523InteractionOptions): Record<string, unknown> {
  const { change } = interaction;
  const { example } = options;
  const hasCode = interaction.states.length > 1;
  const registered = interaction.states.length > 0;
  const neverIssued = change === 'unknown-code' || change === 'another-key-and-unknown-code';
  const assertion = exampleClientAssertion(interaction, options.authMethod, example);
  const redirectUri = change === 'other-redirect-uri' ? like(`${example.redirectUri}/`) : registered ? fromProviderState('${redirect_uri}', example.redirectUri) : like(example.redirectUri);
  return {
    grant_type: equal('authorization_code'),
    code: hasCode ? fromProviderState('${code}', example.code) : like(neverIssued ? UNKNOWN_CODE : example.code),
    ...(change === 'without-redirect-uri' ? {} : { redirect_uri: redirectUri }),
    code_verifier: hasCode ? fromProviderState('${code_verifier}', example.codeVerifier) : like(example.codeVerifier),
    client_assertion_type: equal(JWT_BEARER_ASSERTION_TYPE),
    // An assertion that is no JWS is matched by type.
    client_assertion: change === 'not-a-jws' ? like(assertion) : regex(COMPACT_JWS, assertion),
    ...(change === 'client-id-not-sub' ? { client_id: fromProviderState('${client_id}', example.clientId) } : {}),
    ...(change === 'extra-param' ? { x_grantproof: like(EXTRA_PARAM.x_grantproof) } : {}),
  };
}

/**
 * The form body with its matchers. pact-js's V4 builder writes matchers and provider-state
 * generators only into a JSON body (`jsonBody`), and its `body(contentType, bytes)` takes none;
 * Pact's core reads the same matcher JSON for a form body when it is given the form's content
 * type (pact_ffi `pactffi_with_body`; pact-js issue #767), which the builder's interaction passes on.
 */
function withFormBody(request: unknown, params: Record<string, unknown>): void {
  const core = (request as { interaction?: { withRequestBody?: (body: string, contentType: string) => boolean } }).interaction;
  if (typeof core?.withRequestBody !== 'function') throw new Error("pact-js's V4 request builder no longer exposes its interaction: a form body with matchers cannot be recorded");
  core.withRequestBody(JSON.stringify(params), FORM_CONTENT_TYPE);
}

/**
 * The status of an answer: 200 for a grant; for a refusal, every status one of its codes
 * conforms with (SPEC §5: invalid_client with 401 or 400, the others 400), after the
 * provider's pinned statuses; a status matcher where more than one conforms.
 */
function statusOf(interaction: Rfc7523ContractInteraction, statuses: StatusOverrides) {
  if ('grant' in interaction.answer) return 200;
  const allowed = [...new Set(interaction.answer.errors.flatMap((code) => conformingStatuses(code, { profile: 'rfc7523', statuses })))];
  return allowed.length === 1 ? allowed[0]! : matchStatus(allowed[0]!, [...allowed].sort());
}

/** SPEC §5 "Success": `Cache-Control: no-store` (RFC 6749 §5.1); Pragma is a SHOULD, so not part of the contract. */
function responseHeaders(interaction: Rfc7523ContractInteraction): TemplateHeaders {
  return 'grant' in interaction.answer ? { 'Content-Type': JSON_CONTENT_TYPE, 'Cache-Control': equal('no-store') } : { 'Content-Type': JSON_CONTENT_TYPE };
}

/**
 * RFC 6749 §5.1: `access_token` and `token_type` Bearer; `scope` may be absent when it equals
 * the requested scope, and a pact cannot make a member optional, so it is left out. RFC 6749
 * §5.2: `{"error"}`, exactly the code, or any of the codes SPEC §5 accepts.
 */
function responseBody(interaction: Rfc7523ContractInteraction): Record<string, unknown> {
  if ('grant' in interaction.answer) return { access_token: like('example-access-token'), token_type: BEARER };
  const [first, ...rest] = interaction.answer.errors;
  return { error: rest.length === 0 ? equal(first) : regex(`^(${[first, ...rest].join('|')})$`, first) };
}

/** The description of an rfc7523 interaction: `ID: title (method)`, the ID first as in storx's, which verification reads. */
export function rfc7523Description(id: Rfc7523InteractionId, method: AuthMethod): string {
  return `${id}: ${requirementById(id)?.title ?? id} (${method})`;
}

/** `tokenInteraction(pact, id, { profile: 'rfc7523' })`: the interaction of SPEC §5's form for requirement `id`. */
export function rfc7523TokenInteraction(pact: PactV4, id: Rfc7523InteractionId, options: Rfc7523InteractionOptions) {
  const interaction = rfc7523ContractInteraction(id);
  let builder = pact.addInteraction();
  for (const use of interaction.states) builder = builder.given(use.state, { ...use.params(options.example, options.authMethod) });
  return builder
    .uponReceiving(rfc7523Description(id, options.authMethod))
    .withRequest('POST', options.path, (request) => {
      request.headers({ 'Content-Type': FORM_CONTENT_TYPE });
      withFormBody(request, formParams(interaction, options));
    })
    .willRespondWith(statusOf(interaction, options.statuses), (response) => {
      response.headers(responseHeaders(interaction)).jsonBody(responseBody(interaction));
    });
}
