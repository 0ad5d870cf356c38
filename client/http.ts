import { Agent, request } from 'undici';
import type { HttpRequest } from '../vocabulary/exchange.js';
import { readBody, type ReadBody } from './body.js';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The whole body, or its beginning when `beyond` is set. */
  readonly body: string;
  /** Bytes and SHA-256 of the body as received; absent for an answer not read from the wire (a proxy's). */
  readonly bytes?: number;
  readonly sha256?: string;
  /** Set when `body` is not the whole body: whether reading stopped, and what the rest told as JSON. */
  readonly beyond?: ReadBody['beyond'];
}

/** How a body is read: how much of it to keep, and who sees every piece of it as it arrives. */
export interface ReadOptions {
  /** Characters of the body kept in the answer; the rest is streamed past (default: DEFAULT_KEEP_CHARS). */
  readonly keepChars?: number;
  /** Called with every decoded piece of the body, in order (the streamed leak scan). */
  readonly onText?: (text: string) => void;
}

export type HttpResult =
  | { readonly answer: HttpAnswer; readonly failure?: undefined; readonly ms: number }
  | { readonly answer: null; readonly failure: string; readonly ms: number };

/** What an answer keeps of its body unless told otherwise: a state answer or a doctor's is far shorter. */
const DEFAULT_KEEP_CHARS = 1024 * 1024;

/**
 * The one HTTP client of the harness: keep-alive connections (undici's pool), a timeout
 * over the whole exchange, and failures turned into words a report can show.
 */
export class HttpClient {
  private readonly agent = new Agent({ keepAliveTimeout: 10_000, pipelining: 1 });

  /** `--timeout`: the longest an exchange may take; fixture modules are bounded by it too. */
  constructor(readonly timeoutMs: number) {}

  async send(req: HttpRequest, options: ReadOptions = {}): Promise<HttpResult> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    try {
      const res = await request(req.url, {
        method: req.method as 'POST',
        headers: req.headers,
        body: req.body,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const { text, bytes, sha256, beyond } = await readBody(res.body, options.keepChars ?? DEFAULT_KEEP_CHARS, options.onText);
      return { answer: { status: res.statusCode, headers: flattenHeaders(res.headers), body: text, bytes, sha256, ...(beyond ? { beyond } : {}) }, ms: ms() };
    } catch (error) {
      return { answer: null, failure: describeFailure(error, this.timeoutMs, req.url), ms: ms() };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Why no answer came, in words (SPEC §2: "no answer within N s"). */
export function describeFailure(error: unknown, timeoutMs: number, url: string): string {
  const err = error as { name?: string; code?: string; cause?: { code?: string }; message?: string };
  const code = err.code ?? err.cause?.code;
  if (err.name === 'TimeoutError' || err.name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const host = safeHost(url);
  if (code === 'ECONNREFUSED') return `connection refused by ${host}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `host ${host} not found`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `connection to ${host} closed before an answer`;
  return `request to ${host} failed: ${code ?? err.message ?? String(error)}`;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the target';
  }
}
