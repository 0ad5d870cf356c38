import type { AnswerRules, StatusOverrides } from '../vocabulary/error-codes.js';
import type { Exchange } from '../vocabulary/exchange.js';
import type { Judgement } from '../vocabulary/outcome.js';
import type { AuthMethod, ProfileName } from '../vocabulary/profile.js';
import type { JwsInput, SigningKey } from '../jwt/index.js';

/** A client the target registered for this case (SPEC §3 `a registered client`, §5 for rfc7523). */
export interface RegisteredClient {
  readonly clientId: string;
  /**
   * The client's secret as text: storx's stored secret (SPEC §1) or an rfc7523
   * `client_secret_jwt` client's secret, whose UTF-8 bytes key its JWTs; null for a
   * `private_key_jwt` client, which has none.
   */
  readonly secret: string | null;
  /** What signs the client's JWTs: the secret, or the private JWK the state answer gave (SPEC §5). */
  readonly key: SigningKey;
  readonly redirectUri: string;
  /** rfc7523: how the client authenticates; null in storx. */
  readonly method: AuthMethod | null;
  /** rfc7523: the alg the client is pinned to (`token_endpoint_auth_signing_alg` in the state answer), or null. */
  readonly pinnedAlg: string | null;
  /** rfc7523: the `aud` its assertions carry (SPEC §4 `--audience`); null in storx. */
  readonly audience: string | null;
}

/** A code the target issued (SPEC §3 `an authorization code`). */
export interface IssuedCode {
  readonly code: string;
  /** Headers every token request that redeems this code must carry (SPEC §3). */
  readonly headers: Readonly<Record<string, string>>;
  /** The scopes a success must echo. */
  readonly scopes: readonly string[];
  /** rfc7523: the PKCE verifier of the code's S256 challenge (SPEC §5), null for a code issued without one. */
  readonly codeVerifier: string | null;
}

/** Everything a fully valid request needs: a fresh client, a fresh code, a passphrase. */
export interface Fixture {
  readonly client: RegisteredClient;
  readonly code: IssuedCode;
  readonly passphrase: string;
}

/** The five fields of SPEC §1's request body, each of any JSON type so a case can break it. */
export type TokenBody = Record<string, unknown>;

/** One request to the token endpoint, as a case describes it. */
export interface TokenRequest {
  readonly method?: string;
  /** Sent with the request and treated as secrets (a code's session cookie, SPEC §3): redacted wherever they appear. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent with the request and recorded as they are: headers that carry no secret, e.g. an `Origin`. */
  readonly openHeaders?: Readonly<Record<string, string>>;
  /** Sent as JSON with `Content-Type: application/json` (storx, SPEC §1). */
  readonly body?: TokenBody;
  /**
   * Sent as `application/x-www-form-urlencoded` (rfc7523, SPEC §5): each string value once, an
   * array's values as the parameter repeated (REQ-DUPLICATE-PARAM), any other value as its text.
   */
  readonly form?: TokenBody;
  /**
   * Sent byte for byte instead of `body`, with its own content type (or none). `carries`
   * names the fields the text holds, so that their secrets are redacted and scanned for.
   */
  readonly raw?: { readonly text: string; readonly contentType?: string; readonly carries?: TokenBody };
}

/** A kit's options are the run's answer rules too: what `rejectedWith` and the shape checks judge by. */
export interface KitOptions extends AnswerRules {
  readonly leewaySeconds: number;
  readonly maxLifetimeSeconds: number;
  readonly statuses: StatusOverrides;
  /** The property stage's seed and examples per property (SPEC §4 `--seed`, `--runs`). */
  readonly seed: number;
  readonly runs: number;
  /** SPEC §4 `--scopes`: the scopes the target can grant; codes are asked for subsets of them. */
  readonly scopes: readonly string[];
  /** SPEC §7 `--abuse-burst`: the most failed client authentications the abuse stage sends for a 429. */
  readonly abuseBurst: number;
  /**
   * `grantproof repro` (SPEC §4): the fast-check path of a property's recorded counterexample,
   * whose one example a property sends instead of exploring; absent in a run.
   */
  readonly replayPath?: string;
}

/**
 * One burst of the abuse stage (SPEC §7: "every burst is bounded in count and time"): up to
 * `count` requests, one after another, never retried after a 429.
 */
export interface BurstPlan {
  /** The most requests sent. */
  readonly count: number;
  /** The request to send `index`-th (from 0). */
  readonly build: (index: number) => TokenRequest | Promise<TokenRequest>;
  /** The answer that ends the burst early (a 429). */
  readonly until: (exchange: Exchange) => boolean;
}

/** What a burst sent, and what ended it: `until` held for its last exchange, `count` were sent, or its time bound came first. */
export interface Burst {
  readonly exchanges: readonly Exchange[];
  readonly stoppedBy: 'answer' | 'count' | 'time';
}

/** What a code is issued with: expired or not (SPEC §3's two code states), the scopes asked for, and in rfc7523 its PKCE challenge. */
export interface CodeRequest {
  readonly expired?: boolean;
  /** Default: a draw of `CaseKit.drawScopes`. */
  readonly scopes?: readonly string[];
  /**
   * rfc7523: the state param `code_challenge_method` (SPEC §5): `none` asks for a code issued
   * without a challenge (PKCE-DOWNGRADE); absent, the target's default, S256. Never sent in storx.
   */
  readonly challenge?: 'S256' | 'none';
}

/**
 * What a case may do with the target: provision fixtures over the state-change protocol,
 * mint JWTs, and send requests. Every request is recorded (redacted) for the run-wide
 * checks; fixtures are torn down when the case ends.
 */
export interface CaseKit {
  /** The requirement whose case this kit serves. */
  readonly requirementId: string;
  /** The run's profile (SPEC §4 `--profile`): how requests are encoded and credentials made. */
  readonly profile: ProfileName;
  /** The request field that carries the client's JWT: `client_secret` (storx) or `client_assertion` (rfc7523). */
  readonly credentialField: string;
  /** rfc7523: the client authentication methods the run exercises (SPEC §4 `--auth-method`), each case once per method; storx: none. */
  readonly authMethods: readonly (AuthMethod | null)[];
  readonly options: KitOptions;
  /** The server-independent clock, seconds since the epoch. */
  now(): number;
  /** An `exp` well inside the lifetime and distinct from every other the run minted (SPEC §3). */
  freshExp(): number;
  /** A fresh client; in rfc7523 of `method` (default: the first of `authMethods`). */
  registerClient(method?: AuthMethod | null): Promise<RegisteredClient>;
  issueCode(client: RegisteredClient, request?: CodeRequest): Promise<IssuedCode>;
  /** A fresh client (of `method`, in rfc7523) with a fresh code for it, asked for `scopes` (default: a draw of `drawScopes`). */
  fixture(scopes?: readonly string[], method?: AuthMethod | null): Promise<Fixture>;
  /** A fresh code and passphrase for a client already registered, the code asked for `scopes` (default: a draw of `drawScopes`). */
  codeFixture(client: RegisteredClient, scopes?: readonly string[]): Promise<Fixture>;
  /**
   * The next scopes to ask a code for (SPEC §2): a non-empty subset of `--scopes` in random
   * order, drawn from the run's seed, the requirement and the number of draws before, so a
   * run replays; given `differentFrom`, a set other than it where `--scopes` has one.
   */
  drawScopes(differentFrom?: readonly string[]): string[];
  /**
   * A valid JWT for `client`'s credential field (fresh exp), unless claims say otherwise: a
   * client_secret (storx) naming `clientId`, or a client assertion (rfc7523) whose iss and sub
   * are `clientId`.
   */
  mint(client: RegisteredClient, claims?: { clientId?: string; exp?: number }): Promise<string>;
  /**
   * What the forgers start from (jwt/forge-jws.ts, jwt/forge-assertion.ts): the header, the
   * claims and the key of `client`'s valid JWT with a fresh exp (or the given one), in the
   * run's profile.
   */
  forgeInput(client: RegisteredClient, exp?: number): JwsInput;
  /**
   * An answer judged by the requirement's typed expectation (its `expect`), with the run's
   * `--status` overrides: how a case checks the answer its requirement names, never
   * restating the code. Only for requirements that expect an answer.
   */
  judge(exchange: Exchange): Judgement;
  /**
   * The value `compute` gives, computed once per run for `key` and shared by every case that
   * asks for it (the per-answer properties' one exploration; the abuse stage's one burst to a
   * 429, which each of its requirements judges); a harness error it threw is thrown to each.
   */
  once<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /** A fully valid request for the fixture, with a fresh JWT. */
  validRequest(fixture: Fixture): Promise<TokenRequest>;
  /**
   * rfc7523: the `access_token` of a success this kit sent and recorded, as the target issued
   * it (the exchange itself keeps it redacted), or null when the exchange carries none. Only
   * for handing back to the target in a state param (CODE-REUSE-REVOKES): never to be put in
   * a check's words, a note or a log.
   */
  accessTokenOf(exchange: Exchange): string | null;
  /**
   * rfc7523: whether the target holds `accessToken` active, asked through the state `an access
   * token's status` (SPEC §5); a target without that state skips the case (SPEC §3: 404 or 501).
   */
  accessTokenActive(accessToken: string): Promise<boolean>;
  /**
   * Sends one request and records it. `build` is called again for each retry after a 429,
   * so a retried request carries a fresh JWT.
   */
  send(label: string, build: () => TokenRequest | Promise<TokenRequest>): Promise<Exchange>;
  /**
   * Sends a burst (SPEC §7), announced on the terminal before it starts, bounded by its count
   * and by the kit's time bound; its 429s are what it looks for, so none is waited on or
   * counted as the run's rate limit.
   */
  burst(label: string, plan: BurstPlan): Promise<Burst>;
  /**
   * A fresh URL of the harness's own listener for a JWT header parameter (`jku`, `x5u`).
   * A target that fetches a listener URL a request's header named fails AUTH-HEADER-URL-FETCH.
   */
  callbackUrl(kind: 'jwks' | 'x5u'): Promise<string>;
  /** The listener's base URL, under which generated requests may name URLs of their own. */
  callbackBase(): Promise<string>;
}
