import type { TokenRequest } from '../catalogue/case-kit.js';
import type { RunConfig } from './config.js';
import type { Exchange, RecordedRequest } from './exchange.js';
import { HttpClient, type HttpRequest, type HttpResult } from './http.js';
import { RateLimited, rateLimiter, retryDelay, sleep } from './rate-limit.js';
import { SensitiveValues } from './redaction.js';
import { redactUrl } from './redact-url.js';
import { stateSource, type StateSource } from './states.js';
import { CallbackListener } from './callback-listener.js';
import { decodeCompact } from '../jwt/index.js';
import type { RunRecord } from '../checks/run-wide.js';

/** Shown instead of the value of a header the user or the target's state gave. */
const REDACTED_HEADER = '[redacted header value]';

/**
 * The only code that talks to a target. It sends token requests (rate, timeout, 429),
 * records every exchange redacted at the point of recording, and keeps the log the
 * run-wide checks read.
 */
export class TargetClient {
  readonly sensitive = new SensitiveValues();
  readonly exchanges: Exchange[] = [];
  readonly states: StateSource;
  readonly callbacks: CallbackListener;
  /** Header URLs handed to the target, with the exchange that carried each. */
  private readonly handedOut: { token: string; carrier: Exchange }[] = [];
  private readonly http: HttpClient;
  private readonly throttle: ReturnType<typeof rateLimiter>;
  private readonly secretHeaderNames = new Set<string>();

  constructor(readonly config: RunConfig) {
    this.http = new HttpClient(config.timeoutMs);
    this.throttle = rateLimiter(config.ratePerSecond);
    this.states = stateSource(config.fixtures, this.http, config.headers);
    this.callbacks = new CallbackListener(config.callbackHost);
    for (const [name, value] of Object.entries(config.headers)) this.addSecretHeader(name, value);
  }

  /** A header whose value must never be recorded (a gateway key, a session cookie). */
  addSecretHeader(name: string, value: string): void {
    this.secretHeaderNames.add(name.toLowerCase());
    this.sensitive.add(value, 'header value');
  }

  /**
   * Sends a token request built by `build`, retried with a fresh build after a 429 until
   * `--max-wait` is used up; then throws RateLimited (the case is skipped, SPEC §4).
   */
  async send(label: string, build: () => TokenRequest | Promise<TokenRequest>): Promise<Exchange> {
    let waitedMs = 0;
    for (let attempt = 0; ; attempt += 1) {
      const built = await build();
      const request = this.toHttp(built);
      const result = await this.throttle(() => this.http.send(request));
      const exchange = this.recordExchange(label, request, result);
      await this.noteHeaderUrls(built, exchange);
      if (result.answer?.status !== 429) return exchange;
      const delay = retryDelay(result.answer, attempt, this.config.maxWaitMs - waitedMs);
      if (delay === null) throw new RateLimited(waitedMs);
      await sleep(delay);
      waitedMs += delay;
    }
  }

  /**
   * Notes every `jku`/`x5u` in the request's client_secret header that names the harness's
   * listener, so that a fetch of it is traced to the exchange that handed it out.
   */
  private async noteHeaderUrls(request: TokenRequest, carrier: Exchange): Promise<void> {
    const secret = (request.body ?? request.raw?.carries)?.client_secret;
    if (typeof secret !== 'string' || !this.callbacks.started) return;
    const decoded = decodeCompact(secret);
    if (!decoded.ok) return;
    const base = await this.callbacks.base();
    for (const value of [decoded.header.jku, decoded.header.x5u]) {
      const token = typeof value === 'string' ? this.callbacks.tokenOf(value, base) : null;
      if (token) this.handedOut.push({ token, carrier });
    }
  }

  /** Everything the run-wide checks judge. */
  record(): RunRecord {
    return { exchanges: this.exchanges, handedOut: this.handedOut, hits: this.callbacks.hits };
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
      if (request.raw.carries) this.registerBody(request.raw.carries);
    } else if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
      this.registerBody(request.body);
    }
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      headers[name] = value;
      this.addSecretHeader(name, value);
    }
    return { method: request.method ?? 'POST', url: this.config.tokenUrl, headers, body };
  }

  /** The secret-bearing fields of SPEC §1's body, whatever a case put in them. */
  private registerBody(body: Record<string, unknown>): void {
    if (typeof body.client_secret === 'string') this.sensitive.add(body.client_secret, 'client_secret');
    if (typeof body.passphrase === 'string') this.sensitive.add(body.passphrase, 'passphrase');
  }

  private recordExchange(label: string, request: HttpRequest, result: HttpResult): Exchange {
    const answer = result.answer;
    const leaks = answer ? this.sensitive.findLeaks(answer.body, answer.headers) : [];
    if (answer) this.registerGrant(answer.body);
    const recorded = this.redactRequest(request);
    const exchange: Exchange = {
      label,
      request: recorded,
      response: answer
        ? { status: answer.status, headers: this.redactHeaders(answer.headers), body: this.sensitive.redact(answer.body) }
        : null,
      ...(result.failure !== undefined ? { failure: result.failure } : {}),
      ms: result.ms,
      leaks,
      curl: curlCommand(recorded),
    };
    this.exchanges.push(exchange);
    return exchange;
  }

  /** An access grant is a credential: redacted from here on (SPEC §4 "Output"). */
  private registerGrant(body: string): void {
    try {
      const json = JSON.parse(body) as { access_grant?: unknown };
      if (typeof json.access_grant === 'string') this.sensitive.add(json.access_grant, 'access grant');
    } catch {
      // not JSON: nothing to register
    }
  }

  private redactRequest(request: HttpRequest): RecordedRequest {
    return {
      method: request.method,
      url: redactUrl(request.url),
      headers: this.redactHeaders(request.headers),
      body: request.body === null ? null : this.sensitive.redact(request.body),
    };
  }

  private redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      out[name] = this.secretHeaderNames.has(name.toLowerCase()) ? REDACTED_HEADER : this.sensitive.redact(value);
    }
    return out;
  }
}

/** A curl command line reproducing a recorded (already redacted) request. */
export function curlCommand(request: RecordedRequest): string {
  const args = ['curl', '-sS', '-X', request.method, request.url];
  for (const [name, value] of Object.entries(request.headers)) args.push('-H', `${name}: ${value}`);
  if (request.body !== null) args.push('--data-raw', request.body);
  return args.map(shellWord).join(' ');
}

/** POSIX shell quoting: bare when safe, otherwise single quotes (a `'` inside becomes `'\''`). */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
