import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type Provider from 'oidc-provider';
import { newState, obtainCode } from './authorization.js';
import type { CodePolicy } from './code-policy.js';
import type { Introspector } from './configuration.js';
import { isActive } from './introspection.js';
import { deleteClient, registerClient, type Discovery, type JwtAuthMethod, type RegisteredClient } from './registration.js';

/** The path of the state endpoint beside the provider (SPEC §3). */
export const STATE_PATH = '/provider-states';

/** The redirect URI a client is registered with when the state does not name one. */
const DEFAULT_REDIRECT_URI = 'https://client.grantproof.test/callback';

/** The scopes a code is asked for when the state does not name them (SPEC §3). */
const DEFAULT_SCOPES = ['read', 'write'];

type Params = Readonly<Record<string, unknown>>;

/** An answer of the state endpoint: a status and, for a 2xx with values, a JSON object. */
interface StateAnswer {
  readonly status: number;
  readonly body?: Record<string, unknown>;
}

/** What the state handlers work with: the provider, its endpoints and the adapter's own records. */
export interface StateContext {
  readonly provider: Provider;
  readonly discovery: Discovery;
  readonly policy: CodePolicy;
  readonly introspector: Introspector;
  /** The clients this endpoint registered, by client_id, for their teardown. */
  readonly clients: Map<string, RegisteredClient>;
}

/**
 * Serves SPEC §3's protocol for §5's rfc7523 states: `POST` a JSON `{"action", "state",
 * "params"}`; a setup answers its values, a teardown an empty 204, an unknown state 404.
 */
export async function serveStates(context: StateContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const answer = await answerState(context, req).catch((error: Error) => ({ status: 500, body: { error: error.message } }));
  if (answer.body === undefined) {
    res.writeHead(answer.status).end();
    return;
  }
  res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
}

/** Reads one state request and hands it to the handler of its action and state. */
async function answerState(context: StateContext, req: IncomingMessage): Promise<StateAnswer> {
  if (req.method !== 'POST') return { status: 405 };
  const { action, state, params = {} } = JSON.parse(await readBody(req)) as { action?: unknown; state?: unknown; params?: Params };
  if (typeof state !== 'string' || !(state in SETUPS)) return { status: 404, body: { error: `unknown state ${String(state)}` } };
  if (action === 'teardown') return tearDown(context, state, params);
  if (action !== 'setup') return { status: 400, body: { error: `unknown action ${String(action)}` } };
  return { status: 200, body: await SETUPS[state as keyof typeof SETUPS](context, params) };
}

/** The setup of each state of SPEC §5's rfc7523 state table. */
const SETUPS = {
  'a registered client': setUpClient,
  'an authorization code': (context: StateContext, params: Params) => setUpCode(context, params, false),
  'an expired authorization code': (context: StateContext, params: Params) => setUpCode(context, params, true),
  "an access token's status": setUpTokenStatus,
} satisfies Record<string, (context: StateContext, params: Params) => Promise<Record<string, unknown>>>;

/** `a registered client`: registered through the provider's own registration endpoint. */
async function setUpClient(context: StateContext, params: Params): Promise<Record<string, unknown>> {
  const signingAlg = optionalString(params, 'token_endpoint_auth_signing_alg');
  const client = await registerClient(context.discovery, {
    redirectUri: optionalString(params, 'redirect_uri') ?? DEFAULT_REDIRECT_URI,
    method: authMethod(params),
    ...(signingAlg === undefined ? {} : { signingAlg }),
  });
  context.clients.set(String(client.answer['client_id']), client);
  return client.answer;
}

/**
 * `an authorization code` and `an expired authorization code`: a real code from the
 * authorization endpoint, with an S256 challenge unless `code_challenge_method` is `none`;
 * the expired one is issued with the short lifetime and its expiry waited out.
 */
async function setUpCode(context: StateContext, params: Params, expired: boolean): Promise<Record<string, unknown>> {
  const scopes = Array.isArray(params['scopes']) ? params['scopes'].map(String) : DEFAULT_SCOPES;
  const withChallenge = optionalString(params, 'code_challenge_method') !== 'none';
  const state = newState();
  const marks = [...(withChallenge ? [] : [context.policy.withoutChallenge]), ...(expired ? [context.policy.shortLived] : [])];
  marks.forEach((mark) => mark.add(state));
  try {
    const issued = await obtainCode({
      authorizationEndpoint: context.discovery.authorization_endpoint,
      clientId: requiredString(params, 'client_id'),
      redirectUri: requiredString(params, 'redirect_uri'),
      scopes,
      state,
      withChallenge,
    });
    if (expired) await waitForExpiry(context.provider, issued.code);
    return { code: issued.code, ...(issued.codeVerifier === undefined ? {} : { code_verifier: issued.codeVerifier }), scopes };
  } finally {
    marks.forEach((mark) => mark.delete(state));
  }
}

/** Waits until the provider holds `code` expired: its `exp` is in whole seconds, expired once reached. */
async function waitForExpiry(provider: Provider, code: string): Promise<void> {
  const stored = await provider.AuthorizationCode.find(code, { ignoreExpiration: true });
  if (stored?.exp === undefined) throw new Error('the issued code is not in the provider\'s storage');
  await sleep(Math.max(0, stored.exp * 1000 - Date.now()) + 10);
}

/** `an access token's status`: the token's `active` by the provider's introspection (RFC 7662). */
async function setUpTokenStatus(context: StateContext, params: Params): Promise<Record<string, unknown>> {
  const active = await isActive(context.discovery.introspection_endpoint, context.introspector, requiredString(params, 'access_token'));
  return { active };
}

/** A teardown: a client this endpoint registered is deleted (RFC 7592 §2.3); the rest leave nothing. */
async function tearDown(context: StateContext, state: string, params: Params): Promise<StateAnswer> {
  const clientId = optionalString(params, 'client_id');
  const client = clientId === undefined ? undefined : context.clients.get(clientId);
  if (state === 'a registered client' && client !== undefined) {
    await deleteClient(client);
    context.clients.delete(String(clientId));
  }
  return { status: 204 };
}

/** The client authentication method a state asks for (SPEC §5: `client_secret_jwt` by default). */
function authMethod(params: Params): JwtAuthMethod {
  const method = optionalString(params, 'token_endpoint_auth_method') ?? 'client_secret_jwt';
  if (method !== 'client_secret_jwt' && method !== 'private_key_jwt') throw new Error(`unsupported token_endpoint_auth_method ${method}`);
  return method;
}

function optionalString(params: Params, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' ? value : undefined;
}

function requiredString(params: Params, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined) throw new Error(`the state needs a "${name}" string`);
  return value;
}

/** The request's body as text. */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
