import { createHash } from 'node:crypto';
import { jsonMembersOf } from './body.js';
import type { HttpRequest, StreamedJson } from '../vocabulary/exchange.js';
import { BODY_EXCERPT_CHARS, type Exchange, type RecordedRequest, type RecordedResponse } from '../vocabulary/exchange.js';
import type { HttpAnswer, HttpResult, ReadOptions } from './http.js';
import { redactUrl } from './redact-url.js';
import { shellWord } from '../vocabulary/shell-word.js';
import { SensitiveValues, type StreamedScan } from './redaction.js';

/** Shown instead of the value of a header the user or the target's state gave. */
const REDACTED_HEADER = '[redacted header value]';

/**
 * Turns what was sent and what came back into an Exchange, redacted at the point of
 * recording: every secret, JWT, passphrase, access grant and secret header value it has
 * been told of, and every access grant it sees, never reaches a report (SPEC §4 "Output").
 */
export class ExchangeRecorder {
  readonly sensitive = new SensitiveValues();
  private readonly secretHeaderNames = new Set<string>();
  /** The raw `access_token` of each recorded answer that carried one, for `accessTokenOf` alone. */
  private readonly accessTokens = new WeakMap<Exchange, string>();

  /** A header whose value must never be recorded (a gateway key, a session cookie). */
  addSecretHeader(name: string, value: string): void {
    this.secretHeaderNames.add(name.toLowerCase());
    this.sensitive.addHeaderValue(value);
  }

  /** The secret-bearing fields of SPEC §1's body or §5's form, whatever a case put in them (each value of a repeated parameter). */
  registerBody(body: Record<string, unknown>): void {
    for (const name of ['client_secret', 'client_assertion', 'code_verifier', 'passphrase'] as const) {
      for (const value of [body[name]].flat()) if (typeof value === 'string') this.sensitive.add(value, name);
    }
  }

  /**
   * How an answer's body is to be read for this recorder: enough of it kept to cut the
   * evidence's excerpt after redaction (a value straddling the cut is redacted whole), and
   * every piece through `scan`, the streamed leak scan (RESP-NO-LEAK) over the whole body.
   */
  readOptions(scan: StreamedScan): ReadOptions {
    return { keepChars: BODY_EXCERPT_CHARS + this.sensitive.overlap, onText: (text: string) => scan.push(text) };
  }

  /**
   * One exchange, redacted; its leaks are found before redaction (RESP-NO-LEAK): in the
   * body by `scan` as it streamed, or in the body at hand when no scan saw it.
   */
  record(label: string, request: HttpRequest, result: HttpResult, scan?: StreamedScan): Exchange {
    const answer = result.answer;
    const leaks = answer ? this.sensitive.leaksIn(scan ? scan.kinds() : this.sensitive.kindsIn(answer.body), answer.headers) : [];
    const json = answer && this.isCut(answer) ? (answer.beyond?.json ?? jsonMembersOf(answer.body)) : null;
    const accessToken = answer ? this.registerGrant(json ? json.members : answer.body) : undefined;
    const recorded = this.redactRequest(request);
    const exchange: Exchange = {
      label,
      request: recorded,
      response: answer ? this.redactResponse(answer, json !== null) : null,
      ...(result.failure !== undefined ? { failure: result.failure } : {}),
      ms: result.ms,
      leaks,
      curl: curlCommand(recorded),
      ...(json ? { cutJson: { kind: json.kind, members: this.redactValue(json.members) as StreamedJson['members'] } } : {}),
    };
    if (accessToken !== undefined) this.accessTokens.set(exchange, accessToken);
    return exchange;
  }

  /**
   * The `access_token` the answer of `exchange` carried, unredacted, or null: for a case that
   * hands it back to the target (SPEC §5 `an access token's status`), never for recording.
   */
  accessTokenOf(exchange: Exchange): string | null {
    return this.accessTokens.get(exchange) ?? null;
  }

  private isCut(answer: HttpAnswer): boolean {
    return answer.beyond !== undefined || answer.body.length > BODY_EXCERPT_CHARS;
  }

  /** The response as evidence keeps it: a cut body as its redacted beginning, its length and SHA-256 (SPEC §4, fields only added). */
  private redactResponse(answer: HttpAnswer, cut: boolean): RecordedResponse {
    const headers = this.redactHeaders(answer.headers);
    if (!cut) return { status: answer.status, headers, body: this.sensitive.redact(answer.body) };
    return {
      status: answer.status,
      headers,
      body: this.sensitive.redact(answer.body).slice(0, BODY_EXCERPT_CHARS),
      bodyCut: true,
      bodyBytes: answer.bytes ?? Buffer.byteLength(answer.body),
      bodySha256: answer.sha256 ?? createHash('sha256').update(answer.body).digest('hex'),
      ...(answer.beyond?.unread ? { bodyUnread: true as const } : {}),
    };
  }

  /**
   * An access grant (storx `access_grant`, rfc7523 `access_token` and `refresh_token`) is a
   * credential: redacted from here on (SPEC §4 "Output"). Returns the `access_token`, if any.
   */
  private registerGrant(body: string | Readonly<Record<string, unknown>>): string | undefined {
    const members = typeof body === 'string' ? jsonObjectIn(body) : body;
    for (const name of GRANT_MEMBERS) {
      const grant = members?.[name];
      if (typeof grant === 'string') this.sensitive.add(grant, 'access grant');
    }
    const accessToken = members?.access_token;
    return typeof accessToken === 'string' ? accessToken : undefined;
  }

  /** Every string inside a JSON value, redacted. */
  private redactValue(value: unknown): unknown {
    if (typeof value === 'string') return this.sensitive.redact(value);
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.sensitive.redact(key), this.redactValue(item)]));
    return value;
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

/** The members of an answer that carry a grant, in either profile. */
const GRANT_MEMBERS = ['access_grant', 'access_token', 'refresh_token'] as const;

function jsonObjectIn(body: string): Readonly<Record<string, unknown>> | undefined {
  try {
    const json: unknown = JSON.parse(body);
    return json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A curl command line for a request: as recorded (redacted), or as sent for `grantproof repro --show-secrets`. */
export function curlCommand(request: RecordedRequest): string {
  const args = ['curl', '-sS', '-X', request.method, request.url];
  for (const [name, value] of Object.entries(request.headers)) args.push('-H', `${name}: ${value}`);
  if (request.body !== null) args.push('--data-raw', request.body);
  return args.map(shellWord).join(' ');
}

