import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createReferenceServer, type ReferenceServerOptions } from '../../reference-server/index.js';

export interface Listening {
  readonly origin: string;
  readonly tokenUrl: string;
  readonly stateUrl: string;
  close(): Promise<void>;
}

/** Serves `listener` on a free loopback port, with SPEC's token and state paths. */
export async function listen(listener: RequestListener): Promise<Listening> {
  const server: Server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    tokenUrl: `${origin}/api/v0/oauth2/token`,
    stateUrl: `${origin}/provider-states`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The reference server with its state endpoint, and `--target`/`--state-url` arguments for it. */
export async function referenceTarget(options: ReferenceServerOptions = {}) {
  const server = await listen(createReferenceServer({ enableStates: true, ...options }).listener);
  return { ...server, args: ['--target', server.tokenUrl, '--state-url', server.stateUrl] };
}

/**
 * The reference server whose token endpoint is replaced by `token` (the state endpoint
 * keeps working), for targets that hang or misbehave.
 */
export async function withTokenEndpoint(token: RequestListener) {
  const reference = createReferenceServer({ enableStates: true }).listener;
  const server = await listen((req, res) => (req.url?.startsWith('/api/v0/oauth2/token') ? token(req, res) : reference(req, res)));
  return { ...server, args: ['--target', server.tokenUrl, '--state-url', server.stateUrl] };
}

/** A server whose every answer is `status` with `body`: a state endpoint that errors. */
export function answering(status: number, body: string, contentType = 'application/json') {
  return listen((_, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  });
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<string> {
  const server = await listen(() => undefined);
  await server.close();
  return server.origin;
}
