import type { Exchange, RecordedRequest } from './exchange.js';
import type { HttpRequest, HttpResult } from './http.js';
import { redactUrl } from './redact-url.js';
import { SensitiveValues } from './redaction.js';

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

  /** A header whose value must never be recorded (a gateway key, a session cookie). */
  addSecretHeader(name: string, value: string): void {
    this.secretHeaderNames.add(name.toLowerCase());
    this.sensitive.addHeaderValue(value);
  }

  /** The secret-bearing fields of SPEC §1's body, whatever a case put in them. */
  registerBody(body: Record<string, unknown>): void {
    if (typeof body.client_secret === 'string') this.sensitive.add(body.client_secret, 'client_secret');
    if (typeof body.passphrase === 'string') this.sensitive.add(body.passphrase, 'passphrase');
  }

  /** One exchange, redacted; its leaks are found before redaction (RESP-NO-LEAK). */
  record(label: string, request: HttpRequest, result: HttpResult): Exchange {
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
