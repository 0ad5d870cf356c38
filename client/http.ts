import { Agent, request } from 'undici';

export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type HttpResult =
  | { readonly answer: HttpAnswer; readonly failure?: undefined; readonly ms: number }
  | { readonly answer: null; readonly failure: string; readonly ms: number };

/** A response body longer than this is cut: no conforming answer comes near it. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The one HTTP client of the harness: keep-alive connections (undici's pool), a timeout
 * over the whole exchange, and failures turned into words a report can show.
 */
export class HttpClient {
  private readonly agent = new Agent({ keepAliveTimeout: 10_000, pipelining: 1 });

  /** `--timeout`: the longest an exchange may take; fixture modules are bounded by it too. */
  constructor(readonly timeoutMs: number) {}

  async send(req: HttpRequest): Promise<HttpResult> {
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
      const body = await readCapped(res.body);
      return { answer: { status: res.statusCode, headers: flattenHeaders(res.headers), body }, ms: ms() };
    } catch (error) {
      return { answer: null, failure: describeFailure(error, this.timeoutMs, req.url), ms: ms() };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

async function readCapped(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) break;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
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
