import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReferenceServerOptions } from './options.js';
import { resolveRfc7523Options, type Rfc7523ServerOptions } from './rfc7523/options.js';
import { createRfc7523Server } from './rfc7523/server.js';
import { createReferenceServer } from './server.js';
import { statePath } from './state-endpoint.js';
import { tokenPath } from './token-endpoint.js';

export interface ListenOptions {
  /** Default 127.0.0.1: the reference server is for local test runs. */
  host?: string;
  /** Default 0: a free port chosen by the system. */
  port?: number;
}

export interface RunningReferenceServer {
  /** `http://host:port` */
  readonly origin: string;
  /** The token endpoint, `{origin}/api/v0/oauth2/token` (SPEC §1). */
  readonly tokenUrl: string;
  /** The state-change endpoint, `{origin}/provider-states` (SPEC §3); 404 unless `enableStates`. */
  readonly stateUrl: string;
  /** Stops listening and closes every connection, keep-alive ones included. */
  close(): Promise<void>;
}

/**
 * Starts the reference server of `options.profile` (storx by default) on `host` and `port`. An
 * rfc7523 server's issuer is, unless given, the origin it listens on. Throws a RangeError for an
 * option out of range, before listening.
 */
export function startReferenceServer(options: (ReferenceServerOptions | Rfc7523ServerOptions) & ListenOptions = {}): Promise<RunningReferenceServer> {
  const { host = '127.0.0.1', port = 0, ...serverOptions } = options;
  const listenerAt = listenerOnceListening(serverOptions);
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const { address, port: boundPort } = server.address() as AddressInfo;
      const origin = `http://${address.includes(':') ? `[${address}]` : address}:${boundPort}`;
      server.on('request', listenerAt(origin));
      resolve({
        origin,
        tokenUrl: `${origin}${tokenPath}`,
        stateUrl: `${origin}${statePath}`,
        close: () =>
          new Promise<void>((closed, failed) => {
            server.close((error) => (error ? failed(error) : closed()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** The listener of the server `options` describe, given the origin it listens on; the options are checked at once. */
function listenerOnceListening(options: ReferenceServerOptions | Rfc7523ServerOptions): (origin: string) => RequestListener {
  if (options.profile !== 'rfc7523') {
    const { listener } = createReferenceServer(options);
    return () => listener;
  }
  resolveRfc7523Options(options);
  return (origin) => createRfc7523Server({ ...options, issuer: options.issuer ?? origin }).listener;
}
