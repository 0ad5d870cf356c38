import pLimit from 'p-limit';
import { randomBytes } from 'node:crypto';
import type { Burst, BurstPlan, CaseKit, CodeRequest, Fixture, IssuedCode, KitOptions, RegisteredClient, TokenRequest } from '../catalogue/case-kit.js';
import { clientAssertionInput, JWT_BEARER_ASSERTION_TYPE, mintClientAssertion, mintClientSecret, storxJws, type JwsAlg, type JwsInput } from '../jwt/index.js';
import { CREDENTIAL_FIELD, type AuthMethod, type ProfileName } from '../vocabulary/profile.js';
import { privateJwkOf } from './private-jwk.js';
import { judgeAnswer } from '../checks/expectation.js';
import type { Exchange } from '../vocabulary/exchange.js';
import { isAnswerExpectation, type Expectation } from '../vocabulary/expectation.js';
import type { AnyErrorCode } from '../vocabulary/error-codes.js';
import type { Judgement } from '../vocabulary/outcome.js';
import { propertySeed } from '../catalogue/properties/check-property.js';
import { drawScopes } from '../catalogue/requested-scopes.js';
import { STATES, StateFailed, type StateName, type StateParams } from './states.js';
import type { TargetClient } from './target.js';
import { stateAnswerHeaders } from './state-headers.js';

/** The redirect URI the harness registers its clients with. */
const REDIRECT_URI = 'https://myapp.com/callback';

/** The run's source of distinct exp values (SPEC §3: "vary exp between requests"). */
let expCounter = 0;

/** The longest a burst of the abuse stage goes on, whatever its count (SPEC §7: bounded in count and time). */
export const BURST_TIME_LIMIT_MS = 60_000;

/** Teardowns in flight at once: as many as the property stage has examples in flight (PROPERTY_PARALLELISM). */
const TEARDOWN_PARALLELISM = 16;

/** One case's view of the target; `close` tears its fixtures down (SPEC §3, best effort). */
export class TargetKit implements CaseKit {
  private readonly teardowns: { state: StateName; params: StateParams }[] = [];
  /** How many scope sets this kit has drawn: each draw has a seed of its own. */
  private scopeDraws = 0;

  constructor(
    private readonly target: TargetClient,
    /** The requirement this kit serves: every exchange's label starts with it. */
    readonly requirementId: string,
    private readonly log: (message: string) => void,
    /** The requirement's typed expectation, which `judge` applies; none for the preflight's kit. */
    private readonly expectation: Expectation<AnyErrorCode> | null = null,
    /** `grantproof repro`: the property counterexample's fast-check path to replay alone. */
    private readonly replayPath: string | null = null,
  ) {}

  get options(): KitOptions {
    const { profile, leewaySeconds, maxLifetimeSeconds, statuses, seed, runs, scopes, abuseBurst } = this.target.config;
    return { profile, leewaySeconds, maxLifetimeSeconds, statuses, seed, runs, scopes, abuseBurst, ...(this.replayPath === null ? {} : { replayPath: this.replayPath }) };
  }

  get profile(): ProfileName {
    return this.target.config.profile;
  }

  get credentialField(): string {
    return CREDENTIAL_FIELD[this.profile];
  }

  get authMethods(): readonly (AuthMethod | null)[] {
    return this.profile === 'rfc7523' ? this.target.config.authMethods : [null];
  }

  now(): number {
    return Math.floor(Date.now() / 1000);
  }

  /**
   * An exp at least 5 s inside both ends of the accepted window (now, now + max lifetime],
   * so clock skew never decides a verdict (SPEC §1 "expiry boundary").
   */
  freshExp(): number {
    const lifetime = this.target.config.maxLifetimeSeconds;
    const earliest = Math.min(60, Math.floor(lifetime / 2));
    const span = Math.max(1, lifetime - 5 - earliest);
    expCounter += 1;
    return this.now() + earliest + (expCounter % span);
  }

  judge(exchange: Exchange): Judgement {
    const expectation = this.expectation;
    if (expectation === null || !isAnswerExpectation(expectation)) throw new Error(`${this.requirementId} expects no single answer, so no answer can be judged by its expectation`);
    return judgeAnswer(expectation, exchange, this.options);
  }

  once<T>(key: string, compute: () => Promise<T>): Promise<T> {
    return this.target.once(key, compute);
  }

  async registerClient(method: AuthMethod | null = this.authMethods[0] ?? null): Promise<RegisteredClient> {
    const params = method === null ? { redirect_uri: REDIRECT_URI } : { redirect_uri: REDIRECT_URI, token_endpoint_auth_method: method };
    const answer = await this.setup(STATES.client, params);
    const clientId = requireString(answer, 'client_id', STATES.client);
    const redirectUri = typeof answer.redirect_uri === 'string' ? answer.redirect_uri : REDIRECT_URI;
    if (method === null) {
      const secret = requireString(answer, 'client_secret', STATES.client);
      this.target.sensitive.add(secret, 'stored secret');
      return { clientId, secret, key: { kind: 'secret', secret }, redirectUri, method, pinnedAlg: null, audience: null };
    }
    const pinnedAlg = typeof answer.token_endpoint_auth_signing_alg === 'string' ? answer.token_endpoint_auth_signing_alg : null;
    const audience = this.audienceOf(answer);
    if (method === 'client_secret_jwt') {
      const secret = requireString(answer, 'client_secret', STATES.client);
      this.target.sensitive.add(secret, 'stored secret');
      return { clientId, secret, key: { kind: 'secret', secret }, redirectUri, method, pinnedAlg, audience };
    }
    const jwk = privateJwkOf(answer.private_jwk, STATES.client);
    this.target.sensitive.add(jwk.d, 'stored secret');
    return { clientId, secret: null, key: { kind: 'private-jwk', jwk }, redirectUri, method, pinnedAlg, audience };
  }

  /**
   * SPEC §4 `--audience`: the `aud` of the client's assertions. `issuer` needs an `issuer` in
   * the state answer: without one the run stops before any case is sent (SPEC §5 bad input).
   */
  private audienceOf(answer: Readonly<Record<string, unknown>>): string {
    const audience = this.target.config.audience;
    if (audience.kind === 'url') return audience.url;
    if (audience.kind === 'token-endpoint') return this.target.config.tokenUrl;
    if (typeof answer.issuer === 'string' && answer.issuer !== '') return answer.issuer;
    throw new StateFailed(STATES.client, 'the answer has no "issuer", which --audience issuer takes the aud from: add the issuer to the answer, or give --audience token-endpoint or the URL the target expects');
  }

  drawScopes(differentFrom?: readonly string[]): string[] {
    this.scopeDraws += 1;
    return drawScopes(propertySeed(this.options.seed, `${this.requirementId} scopes ${this.scopeDraws}`), this.options.scopes, differentFrom);
  }

  /** SPEC §3: `scopes` in the answer are the scopes granted, which a success must echo; otherwise the requested ones. */
  async issueCode(client: RegisteredClient, request: CodeRequest = {}): Promise<IssuedCode> {
    const state = request.expired ? STATES.expiredCode : STATES.code;
    const requested = request.scopes ?? this.drawScopes();
    // SPEC §5: `code_challenge_method` is a state param of rfc7523 only, sent when a case asks for one.
    const challenge = this.profile === 'rfc7523' && request.challenge !== undefined ? { code_challenge_method: request.challenge } : {};
    const params = { client_id: client.clientId, redirect_uri: client.redirectUri, scopes: requested, ...challenge };
    const answer = await this.setup(state, params);
    const code = requireString(answer, 'code', state);
    const headers = stateAnswerHeaders(answer.headers, state);
    for (const [name, value] of Object.entries(headers)) this.target.addSecretHeader(name, value);
    const scopes = Array.isArray(answer.scopes) && answer.scopes.every((s) => typeof s === 'string') ? (answer.scopes as string[]) : requested;
    const codeVerifier = typeof answer.code_verifier === 'string' && answer.code_verifier !== '' ? answer.code_verifier : null;
    if (codeVerifier !== null) this.target.sensitive.add(codeVerifier, 'code_verifier');
    return { code, headers, scopes, codeVerifier };
  }

  async fixture(scopes?: readonly string[], method?: AuthMethod | null): Promise<Fixture> {
    const requested = scopes ?? this.drawScopes();
    return this.codeFixture(await this.registerClient(method), requested);
  }

  async codeFixture(client: RegisteredClient, scopes?: readonly string[]): Promise<Fixture> {
    const code = await this.issueCode(client, { scopes: scopes ?? this.drawScopes() });
    const passphrase = randomBytes(18).toString('base64url');
    this.target.sensitive.add(passphrase, 'passphrase');
    return { client, code, passphrase };
  }

  async mint(client: RegisteredClient, claims: { clientId?: string; exp?: number } = {}): Promise<string> {
    const clientId = claims.clientId ?? client.clientId;
    const jwt =
      client.audience === null
        ? await mintClientSecret({ clientId, exp: claims.exp ?? this.freshExp(), secret: client.secret ?? '' })
        : await mintClientAssertion({ ...this.assertionParams(client, clientId), ...(claims.exp === undefined ? {} : { lifetimeSeconds: claims.exp - this.now() }) });
    this.target.sensitive.add(jwt, 'JWT');
    return jwt;
  }

  forgeInput(client: RegisteredClient, exp?: number): JwsInput {
    if (client.audience === null) return storxJws({ clientId: client.clientId, exp: exp ?? this.freshExp(), secret: client.secret ?? '' });
    const input = clientAssertionInput(this.assertionParams(client, client.clientId));
    return exp === undefined ? input : { ...input, claims: { ...input.claims, exp } };
  }

  /** SPEC §5: iss = sub = the client_id, the run's `aud`, now; the alg the client is pinned to, if any. */
  private assertionParams(client: RegisteredClient, clientId: string) {
    return { clientId, audience: client.audience ?? '', key: client.key, now: this.now(), ...(client.pinnedAlg === null ? {} : { alg: client.pinnedAlg as JwsAlg }) };
  }

  async validRequest(fixture: Fixture): Promise<TokenRequest> {
    const { client, code } = fixture;
    if (this.profile === 'storx') {
      return {
        headers: code.headers,
        body: { client_id: client.clientId, client_secret: await this.mint(client), redirect_uri: client.redirectUri, code: code.code, passphrase: fixture.passphrase },
      };
    }
    // SPEC §5: client_id only where a case is about it; code_verifier when the code came with one.
    return {
      headers: code.headers,
      form: {
        grant_type: 'authorization_code',
        code: code.code,
        redirect_uri: client.redirectUri,
        ...(code.codeVerifier === null ? {} : { code_verifier: code.codeVerifier }),
        client_assertion_type: JWT_BEARER_ASSERTION_TYPE,
        client_assertion: await this.mint(client),
      },
    };
  }

  accessTokenOf(exchange: Exchange): string | null {
    return this.target.recorder.accessTokenOf(exchange);
  }

  /**
   * SPEC §5 `an access token's status`: `{"active": boolean}` for the `access_token` given. The
   * token is a credential the state endpoint may echo in a refusal: the refusal's excerpt is
   * redacted before it becomes a case's reason.
   */
  async accessTokenActive(accessToken: string): Promise<boolean> {
    let answer: Readonly<Record<string, unknown>>;
    try {
      answer = await this.setup(STATES.accessTokenStatus, { access_token: accessToken });
    } catch (error) {
      if (error instanceof StateFailed) throw new StateFailed(error.state, this.target.sensitive.redact(error.detail));
      throw error;
    }
    if (typeof answer.active !== 'boolean') throw new StateFailed(STATES.accessTokenStatus, 'the answer has no "active" boolean');
    return answer.active;
  }

  send(label: string, build: () => TokenRequest | Promise<TokenRequest>) {
    return this.target.send(`${this.requirementId}: ${label}`, build);
  }

  async burst(label: string, plan: BurstPlan): Promise<Burst> {
    this.log(`${this.requirementId}: a burst of up to ${plan.count} requests, at most ${BURST_TIME_LIMIT_MS / 1000} s: ${label}`);
    const deadline = performance.now() + BURST_TIME_LIMIT_MS;
    const exchanges: Exchange[] = [];
    for (let index = 0; index < plan.count; index += 1) {
      if (performance.now() >= deadline) return { exchanges, stoppedBy: 'time' };
      const exchange = await this.target.sendOnce(`${this.requirementId}: ${label}, request ${index + 1}`, () => plan.build(index));
      exchanges.push(exchange);
      if (plan.until(exchange)) return { exchanges, stoppedBy: 'answer' };
    }
    return { exchanges, stoppedBy: 'count' };
  }

  callbackUrl(kind: 'jwks' | 'x5u'): Promise<string> {
    return this.target.callbacks.url(kind);
  }

  callbackBase(): Promise<string> {
    return this.target.callbacks.base();
  }

  /**
   * Tears down what the case set up (SPEC §3, best effort): codes first, then clients, each
   * group with `TEARDOWN_PARALLELISM` teardowns in flight, the next sent as soon as one ends.
   */
  async close(): Promise<void> {
    const teardowns = this.teardowns.splice(0);
    const clientsLast = [teardowns.filter((t) => t.state !== STATES.client), teardowns.filter((t) => t.state === STATES.client)];
    for (const group of clientsLast) {
      await pLimit(TEARDOWN_PARALLELISM).map(group, ({ state, params }) =>
        this.target.states.teardown(state, params).catch((error: Error) => this.log(`teardown of "${state}" failed: ${error.message}`)),
      );
    }
  }

  private async setup(state: StateName, params: StateParams) {
    const answer = await this.target.states.setup(state, params);
    this.teardowns.push({ state, params: { ...params, ...madeBySetup(state, answer) } });
    return answer;
  }
}

/**
 * SPEC §3: teardown comes with the setup's params, and with the value the setup answered that
 * names what it made (the `client_id` of a client, the `code` of a code): the setup's params
 * alone do not say which of many alike clients to remove, and a target may then remove
 * exactly that, nothing another case still uses.
 */
function madeBySetup(state: StateName, answer: Readonly<Record<string, unknown>>): StateParams {
  const name = state === STATES.client ? 'client_id' : 'code';
  const value = answer[name];
  return typeof value === 'string' ? { [name]: value } : {};
}

function requireString(answer: Readonly<Record<string, unknown>>, field: string, state: string): string {
  const value = answer[field];
  if (typeof value !== 'string' || value === '') throw new StateFailed(state, `the answer has no "${field}" string`);
  return value;
}
