import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VerifierOptions } from '@pact-foundation/pact';
import type { Exchange } from '../../vocabulary/exchange.js';
import type { ExchangeRecorder } from '../../client/recorder.js';
import { STATES, StateFailed, type StateName, type StateSource } from '../../client/states.js';
import { privateJwkOf } from '../../client/private-jwk.js';
import type { JwsAlg } from '../../jwt/index.js';
import { resignedClientSecret, type RecordedSecret, type RegisteredClient } from './client-secret.js';
import { resignedAssertion, type AssertingClient, type RecordedAssertion } from './client-assertion.js';

/** The path pact-js's verification proxy takes provider-state changes on. */
const STATE_CHANGE_PATH = '/_pactSetup';
/** Set by the proxy on its way to the target, not part of the request a reader would reproduce. */
const PROXY_HEADERS = new Set(['host', 'content-length', 'connection', 'accept-encoding']);

type StateHandlers = NonNullable<VerifierOptions['stateHandlers']>;

/**
 * SPEC §4 `--audience`, as verification applies it to rfc7523 assertions: a URL (the token
 * endpoint's, or one given), or the `issuer` each client's state answer names.
 */
export type AudienceTarget = { readonly kind: 'url'; readonly url: string } | { readonly kind: 'issuer' };

/**
 * The provider states of the pacts, served from the run's fixture source (SPEC §3): every
 * state change is forwarded as `{action, state, params}`. What the states of one interaction
 * hand each other is the client: `client_id` in the params of a code state names the
 * consumer's example client, so it is replaced by the client registered just before. The
 * stored secret stays here (for the request filter) and is never handed to the verifier.
 */
export class StateBridge {
  private readonly storedSecrets = new Map<string, string>();
  /** SPEC §5: each rfc7523 client's signing key, and the aud its assertions carry. */
  private readonly assertingClients = new Map<string, { readonly client: AssertingClient; readonly audience: string }>();
  private lastClientId: string | undefined;
  /** The clients set up for the interaction under way, in order; each client teardown takes the first. */
  private readonly interactionClients: string[] = [];
  /** SPEC §3 `headers` of the code set up for the interaction under way. */
  private codeHeaders: Record<string, string> = {};
  /** SPEC §5: the code set up for the interaction under way, and the `code_verifier` it came with. */
  private issuedCode: { readonly code: string; readonly codeVerifier: string } | null = null;

  constructor(
    private readonly source: StateSource,
    private readonly recorder: ExchangeRecorder,
    /** The aud of rfc7523 assertions; null when the run is storx's, whose pacts carry none. */
    private readonly audience: AudienceTarget | null,
  ) {}

  handlers(stateNames: Iterable<string>): StateHandlers {
    const handlers: StateHandlers = {};
    for (const name of stateNames) {
      handlers[name] = {
        setup: async (params: unknown) => this.setup(name, asParams(params)),
        teardown: async (params: unknown) => {
          await this.source.teardown(name as StateName, this.teardownParams(name, asParams(params)));
          if (isCodeState(name)) {
            this.codeHeaders = {};
            this.issuedCode = null;
          }
          return undefined;
        },
      };
    }
    return handlers;
  }

  /** A client a state of the run registered, with its stored secret. */
  registeredClient(clientId: string): RegisteredClient | undefined {
    const storedSecret = this.storedSecrets.get(clientId);
    return storedSecret === undefined ? undefined : { clientId, storedSecret };
  }

  /** The first client the interaction under way set up besides `clientId` (AUTH-CLIENT-ID-MISMATCH's JWT names it). */
  otherClientOf(clientId: string): RegisteredClient | undefined {
    const other = this.interactionClients.find((id) => id !== clientId);
    return other === undefined ? undefined : this.registeredClient(other);
  }

  headersForRequest(): Readonly<Record<string, string>> {
    return this.codeHeaders;
  }

  /**
   * The rfc7523 client whose assertion the request under way carries: the last the interaction
   * set up (a code state's client is the one before it, and the request's values come from the
   * last client's state), and the first other one, with the aud of its assertions.
   */
  assertingClient(): { readonly client: AssertingClient; readonly otherClient?: AssertingClient; readonly audience: string } | undefined {
    const last = this.interactionClients.at(-1);
    const found = last === undefined ? undefined : this.assertingClients.get(last);
    if (found === undefined) return undefined;
    const other = this.interactionClients.find((id) => id !== last);
    const otherClient = other === undefined ? undefined : this.assertingClients.get(other)?.client;
    return { ...found, ...(otherClient ? { otherClient } : {}) };
  }

  /** SPEC §5: the `code_verifier` of `code`, when the interaction's code state issued that code with one. */
  codeVerifierFor(code: unknown): string | undefined {
    return this.issuedCode !== null && this.issuedCode.code === code ? this.issuedCode.codeVerifier : undefined;
  }

  private async setup(state: string, params: Record<string, unknown>): Promise<Record<string, string>> {
    const answer = await this.source.setup(state as StateName, this.withClient(state, params));
    if (state === STATES.client) {
      const clientId = String(answer.client_id);
      this.rememberKey(clientId, answer);
      this.lastClientId = clientId;
      this.interactionClients.push(clientId);
    }
    if (isCodeState(state) && typeof answer.code === 'string' && typeof answer.code_verifier === 'string') {
      this.recorder.sensitive.add(answer.code_verifier, 'code_verifier');
      this.issuedCode = { code: answer.code, codeVerifier: answer.code_verifier };
    }
    if (isCodeState(state) && answer.headers && typeof answer.headers === 'object') {
      this.codeHeaders = Object.fromEntries(Object.entries(answer.headers).map(([name, value]) => [name, String(value)]));
      for (const [name, value] of Object.entries(this.codeHeaders)) this.recorder.addSecretHeader(name, value);
    }
    // Values for `fromProviderState`: every string the state answered, the stored secret excepted.
    return Object.fromEntries(Object.entries(answer).filter(([key, value]) => typeof value === 'string' && !(state === STATES.client && key === 'client_secret'))) as Record<string, string>;
  }

  /**
   * What a client state handed out to sign with: SPEC §3's stored secret (storx, and rfc7523's
   * `client_secret_jwt`), or SPEC §5's `private_jwk` (`private_key_jwt`); with the alg the client
   * is pinned to (`token_endpoint_auth_signing_alg`) and the aud its assertions carry.
   */
  private rememberKey(clientId: string, answer: Readonly<Record<string, unknown>>): void {
    if (typeof answer.client_secret === 'string') {
      this.recorder.sensitive.add(answer.client_secret, 'stored secret');
      this.storedSecrets.set(clientId, answer.client_secret);
    }
    if (this.audience === null) return;
    const pinned = typeof answer.token_endpoint_auth_signing_alg === 'string' ? (answer.token_endpoint_auth_signing_alg as JwsAlg) : undefined;
    let client: AssertingClient;
    if (typeof answer.client_secret === 'string') {
      client = { clientId, key: { kind: 'secret', secret: answer.client_secret }, alg: pinned ?? 'HS256' };
    } else {
      const jwk = privateJwkOf(answer.private_jwk, STATES.client);
      this.recorder.sensitive.add(jwk.d, 'stored secret');
      client = { clientId, key: { kind: 'private-jwk', jwk }, alg: pinned ?? (jwk.alg as JwsAlg), kid: String(jwk.kid) };
    }
    this.assertingClients.set(clientId, { client, audience: this.audienceOf(answer, this.audience) });
  }

  /** SPEC §4 `--audience issuer`: the state answer's `issuer`, which it must then name. */
  private audienceOf(answer: Readonly<Record<string, unknown>>, audience: AudienceTarget): string {
    if (audience.kind === 'url') return audience.url;
    if (typeof answer.issuer === 'string' && answer.issuer !== '') return answer.issuer;
    throw new StateFailed(STATES.client, 'the answer has no "issuer", which --audience issuer takes the aud from: add the issuer to the answer, or give --audience token-endpoint or the URL the target expects');
  }

  /**
   * SPEC §3: the setup's params, and the `client_id` of a client the interaction set up when
   * that is torn down, so that the target removes the interaction's clients and no other.
   */
  private teardownParams(state: string, params: Record<string, unknown>): Record<string, unknown> {
    if (state !== STATES.client) return this.withClient(state, params);
    const clientId = this.interactionClients.shift() ?? this.lastClientId;
    return clientId === undefined ? params : { ...params, client_id: clientId };
  }

  private withClient(state: string, params: Record<string, unknown>): Record<string, unknown> {
    if (!isCodeState(state) || this.lastClientId === undefined || this.storedSecrets.has(String(params.client_id))) return params;
    return { ...params, client_id: this.lastClientId };
  }
}

function isCodeState(state: string): boolean {
  return state === STATES.code || state === STATES.expiredCode;
}

function asParams(params: unknown): Record<string, unknown> {
  return params && typeof params === 'object' && !Array.isArray(params) ? (params as Record<string, unknown>) : {};
}

export interface FilterOptions {
  readonly providerBaseUrl: string;
  readonly bridge: StateBridge;
  readonly recorder: ExchangeRecorder;
  readonly recordedSecrets: ReadonlyMap<string, RecordedSecret>;
  readonly recordedAssertions: ReadonlyMap<string, RecordedAssertion>;
  /** `--header` and `--header-env`: sent with every request, never recorded. */
  readonly headers: Readonly<Record<string, string>>;
  /** Each token request and its answer as they pass, keyed `consumer: description`. */
  readonly exchanges: Map<string, Exchange>;
  now(): number;
}

type ParsedRequest = IncomingMessage & { body?: unknown; originalUrl?: string };

/**
 * pact-js's `requestFilter`: the one change made to a recorded request is its client
 * credential, the client_secret (see client-secret.ts) or the rfc7523 client_assertion (see
 * client-assertion.ts), with, for a code the state issued, its code_verifier (SPEC §5); the SPEC §3 code headers and the run's `--header`s are added, as
 * for every request of a run. The request and the answer are recorded, redacted, for the
 * report.
 */
export function requestFilter(options: FilterOptions) {
  return (req: ParsedRequest, res: ServerResponse, next: () => void): void => {
    if (req.url?.startsWith(STATE_CHANGE_PATH)) return next();
    const body = req.body;
    let label = `unidentified request ${req.method} ${req.url}`;
    if (body && typeof body === 'object' && !Buffer.isBuffer(body)) {
      const fields = body as Record<string, unknown>;
      const recorded = typeof fields.client_secret === 'string' ? fields.client_secret : undefined;
      const known = recorded === undefined ? undefined : options.recordedSecrets.get(recorded);
      if (known) label = `${known.consumer}: ${known.description}`;
      if (recorded !== undefined) {
        options.recorder.sensitive.add(recorded, 'client_secret');
        const fresh = refreshed(recorded, fields.client_id, known?.treatment ?? 'fresh', options);
        if (fresh) {
          fields.client_secret = fresh;
          options.recorder.sensitive.add(fresh, 'JWT');
        }
      }
      if (typeof fields.client_assertion === 'string') label = refreshAssertion(fields, options) ?? label;
      if (typeof fields.passphrase === 'string') options.recorder.sensitive.add(fields.passphrase, 'passphrase');
      // pact-js forwards a parsed body as JSON; a form body must go out as the form it was.
      const isForm = /^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '');
      req.body = isForm ? Buffer.from(new URLSearchParams(fields as Record<string, string>).toString()) : fields;
    }
    for (const [name, value] of Object.entries({ ...options.headers, ...options.bridge.headersForRequest() })) req.headers[name.toLowerCase()] = value;
    const sent = serialized(req.body);
    if (sent !== null) req.headers['content-length'] = String(Buffer.byteLength(sent));
    recordAnswer(req, res, label, sent, options);
    next();
  };
}

/**
 * The recorded client_assertion made current for the client the state registered, keeping its
 * fault (client-assertion.ts); and the code's `code_verifier` put in where the form carries one
 * for the code the state issued (RFC 7636 §4.5). Returns the interaction's label when the
 * assertion is one the pacts record.
 */
function refreshAssertion(fields: Record<string, unknown>, options: FilterOptions): string | undefined {
  const recorded = String(fields.client_assertion);
  const known = options.recordedAssertions.get(recorded);
  options.recorder.sensitive.add(recorded, 'client_assertion');
  const signer = options.bridge.assertingClient();
  const fresh = signer === undefined ? null : resignedAssertion(recorded, known?.treatment ?? 'fresh', { ...signer, nowSeconds: options.now() });
  if (fresh !== null) {
    fields.client_assertion = fresh;
    options.recorder.sensitive.add(fresh, 'JWT');
  }
  const verifier = 'code_verifier' in fields ? options.bridge.codeVerifierFor(fields.code) : undefined;
  if (verifier !== undefined) fields.code_verifier = verifier;
  return known ? `${known.consumer}: ${known.description}` : undefined;
}

/** The recorded client_secret made current for the body's client, keeping its fault (client-secret.ts); null to send it as recorded. */
function refreshed(recorded: string, clientId: unknown, treatment: RecordedSecret['treatment'], options: FilterOptions): string | null {
  const client = typeof clientId === 'string' ? options.bridge.registeredClient(clientId) : undefined;
  if (client === undefined) return null;
  const otherClient = options.bridge.otherClientOf(client.clientId);
  return resignedClientSecret(recorded, treatment, { client, ...(otherClient ? { otherClient } : {}), nowSeconds: options.now() });
}

function serialized(body: unknown): string | null {
  if (body === undefined || body === null) return null;
  if (Buffer.isBuffer(body)) return body.length ? body.toString('utf8') : null;
  return typeof body === 'object' ? JSON.stringify(body) : null;
}

/** Records the request as the target gets it and the answer as it passes back through the proxy. */
function recordAnswer(req: ParsedRequest, res: ServerResponse, label: string, body: string | null, options: FilterOptions): void {
  const started = performance.now();
  const chunks: Buffer[] = [];
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  const keep = (chunk: unknown) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(Buffer.from(chunk as string | Uint8Array));
  };
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk);
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk);
    return (end as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
  }) as typeof res.end;
  res.once('finish', () => {
    const headers = Object.fromEntries(Object.entries(res.getHeaders()).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]));
    const request = {
      method: req.method ?? 'POST',
      url: `${options.providerBaseUrl.replace(/\/+$/, '')}${req.originalUrl ?? req.url ?? '/'}`,
      headers: Object.fromEntries(
        Object.entries(req.headers)
          .filter(([name]) => !PROXY_HEADERS.has(name))
          .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]),
      ),
      body,
    };
    const answer = { status: res.statusCode, headers, body: Buffer.concat(chunks).toString('utf8') };
    options.exchanges.set(label, options.recorder.record(label, request, { answer, ms: Math.round(performance.now() - started) }));
  });
}
