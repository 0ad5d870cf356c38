import type { TokenRequest } from '../catalogue/case-kit.js';
import type { Exchange } from '../vocabulary/exchange.js';
import { ExchangeRecorder } from './recorder.js';
import { HttpClient } from './http.js';
import type { HttpRequest } from '../vocabulary/exchange.js';
import { RateLimitWatch, rateLimiter, sleep } from './rate-limit.js';
import { stateSource } from './state-source.js';
import type { StateSource } from './states.js';
import { CallbackListener } from './callback-listener.js';
import { decodeCompact } from '../jwt/index.js';
import type { RunRecord, TargetLogRead, TargetLogUnread } from '../vocabulary/run-record.js';
import { readTargetLog } from './target-log.js';
import type { RunConfig } from '../vocabulary/run-config.js';
import { CREDENTIAL_FIELD } from '../vocabulary/profile.js';
import { formEncoded } from '../vocabulary/form.js';

/**
 * The only code that talks to a target. It sends token requests (rate, timeout, 429),
 * records every exchange redacted at the point of recording, and keeps the log the
 * run-wide checks read.
 */
export class TargetClient {
  readonly recorder = new ExchangeRecorder();
  readonly sensitive = this.recorder.sensitive;
  readonly exchanges: Exchange[] = [];
  readonly states: StateSource;
  readonly callbacks: CallbackListener;
  /** What the run saw of the target's rate limit; once it is sustained, no token request is sent (SPEC §4). */
  readonly rateLimit: RateLimitWatch;
  /**
   * `grantproof repro --show-secrets` only: told each request as it was sent, before redaction,
   * beside the exchange that records it, to print to the terminal; a run never sets it.
   */
  onSent: ((exchange: Exchange, sent: HttpRequest) => void) | null = null;
  /** Header URLs handed to the target, with the exchange that carried each. */
  private readonly handedOut: { token: string; carrier: Exchange }[] = [];
  /** The target's log, read once, by the first run-wide check (after every case). */
  private targetLog: Promise<TargetLogRead | TargetLogUnread> | null = null;
  private readonly http: HttpClient;
  private readonly throttle: ReturnType<typeof rateLimiter>;

  constructor(readonly config: RunConfig) {
    this.http = new HttpClient(config.timeoutMs);
    this.throttle = rateLimiter(config.ratePerSecond);
    this.rateLimit = new RateLimitWatch(config.maxWaitMs);
    this.states = stateSource(config.fixtures, this.http, config.headers);
    this.callbacks = new CallbackListener(config.callbackHost);
    for (const [name, value] of Object.entries(config.headers)) this.addSecretHeader(name, value);
  }

  /** What `once` computed for each key, shared by the cases of the run. */
  private readonly computed = new Map<string, Promise<unknown>>();

  /** The value of `compute`, computed once per run for `key` (CaseKit.once). */
  once<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.computed.has(key)) this.computed.set(key, compute());
    return this.computed.get(key) as Promise<T>;
  }

  /** A header whose value must never be recorded (a gateway key, a session cookie). */
  addSecretHeader(name: string, value: string): void {
    this.recorder.addSecretHeader(name, value);
  }

  /**
   * Sends a token request built by `build`, retried with a fresh build after a 429 while the
   * streak of 429s has not waited `--max-wait`; then throws RateLimited, as it does for every
   * request after (the cases are skipped, SPEC §4).
   */
  async send(label: string, build: () => TokenRequest | Promise<TokenRequest>): Promise<Exchange> {
    for (;;) {
      this.rateLimit.refuseIfSustained();
      const exchange = await this.sendOnce(label, build);
      const answer = exchange.response;
      if (answer?.status !== 429) {
        if (answer) this.rateLimit.relieved();
        return exchange;
      }
      await sleep(this.rateLimit.waitAfter(answer));
    }
  }

  /**
   * Sends one token request and records it, whatever it is answered, a 429 included: the abuse
   * stage's bursts (SPEC §7), which provoke the rate limit on purpose and are never retried.
   */
  async sendOnce(label: string, build: () => TokenRequest | Promise<TokenRequest>): Promise<Exchange> {
    const built = await build();
    const request = this.toHttp(built);
    const scan = this.sensitive.scan();
    const result = await this.throttle(() => this.http.send(request, this.recorder.readOptions(scan)));
    const exchange = this.recorder.record(label, request, result, scan);
    this.exchanges.push(exchange);
    this.onSent?.(exchange, request);
    await this.noteHeaderUrls(built, exchange);
    return exchange;
  }

  /**
   * Notes every `jku`/`x5u` in the header of the request's JWT (client_secret or client_assertion) that names the harness's
   * listener, so that a fetch of it is traced to the exchange that handed it out.
   */
  private async noteHeaderUrls(request: TokenRequest, carrier: Exchange): Promise<void> {
    const secret = (request.body ?? request.form ?? request.raw?.carries)?.[CREDENTIAL_FIELD[this.config.profile]];
    if (typeof secret !== 'string' || !this.callbacks.started) return;
    const decoded = decodeCompact(secret);
    if (!decoded.ok) return;
    const base = await this.callbacks.base();
    for (const value of [decoded.header.jku, decoded.header.x5u]) {
      const token = typeof value === 'string' ? this.callbacks.tokenOf(value, base) : null;
      if (token) this.handedOut.push({ token, carrier });
    }
  }

  /**
   * Everything the run-wide checks judge. The target's log (SPEC §7) is read at the first
   * call, which the run makes after its last case: the target wrote it during the run.
   */
  async record(): Promise<RunRecord> {
    const log = this.config.targetLog;
    if (log !== null) this.targetLog ??= readTargetLog(log, this.sensitive);
    return { exchanges: this.exchanges, handedOut: this.handedOut, hits: this.callbacks.hits, targetLog: this.targetLog ? await this.targetLog : null };
  }

  async close(): Promise<void> {
    await Promise.all([this.http.close(), this.callbacks.close()]);
  }

  private toHttp(request: TokenRequest): HttpRequest {
    const headers: Record<string, string> = { ...this.config.headers };
    let body: string | null = null;
    if (request.raw) {
      body = request.raw.text;
      if (request.raw.contentType !== undefined) headers['content-type'] = request.raw.contentType;
      if (request.raw.carries) this.recorder.registerBody(request.raw.carries);
    } else if (request.form !== undefined) {
      body = formEncoded(request.form);
      headers['content-type'] = 'application/x-www-form-urlencoded';
      this.recorder.registerBody(request.form);
    } else if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
      this.recorder.registerBody(request.body);
    }
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      headers[name] = value;
      this.addSecretHeader(name, value);
    }
    Object.assign(headers, request.openHeaders);
    return { method: request.method ?? 'POST', url: this.config.tokenUrl, headers, body };
  }
}
