import { Agent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { listen } from './servers.js';

/** One request that passed through the proxy, with the answer it got, bodies as text. */
export interface ProxiedExchange {
  readonly method: string;
  readonly path: string;
  readonly requestHeaders: IncomingHttpHeaders;
  readonly requestBody: string;
  readonly status: number;
  readonly responseBody: string;
}

/**
 * An HTTP proxy in front of `upstream` that records every exchange whole, before anything of
 * the harness sees it: what the target and its state endpoint really handed out and were
 * sent, so a self-test knows every secret of a run without asking the harness.
 */
export async function recordingProxy(upstream: string) {
  const exchanges: ProxiedExchange[] = [];
  const agent = new Agent({ keepAlive: true });
  const server = await listen(async (req, res) => {
    const requestBody = await readAll(req);
    try {
      const answer = await forward(upstream, req, requestBody, agent);
      const responseBody = await readAll(answer);
      exchanges.push({ method: req.method ?? 'GET', path: req.url ?? '/', requestHeaders: req.headers, requestBody: requestBody.toString('utf8'), status: answer.statusCode ?? 0, responseBody: responseBody.toString('utf8') });
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      res.end(responseBody);
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`recording proxy: ${(error as Error).message}`);
    }
  });
  return {
    ...server,
    args: ['--target', server.tokenUrl, '--state-url', server.stateUrl],
    exchanges,
    close: async () => {
      await server.close();
      agent.destroy();
    },
  };
}

function forward(upstream: string, req: IncomingMessage, body: Buffer, agent: Agent): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const out = httpRequest(new URL(req.url ?? '/', upstream), { method: req.method, headers: req.headers, agent }, resolve);
    out.on('error', reject);
    out.end(body);
  });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
