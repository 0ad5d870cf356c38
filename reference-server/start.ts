import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReferenceServerOptions } from './options.js';
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

export function startReferenceServer(options: ReferenceServerOptions & ListenOptions = {}): Promise<RunningReferenceServer> {
  const { host = '127.0.0.1', port = 0, ...serverOptions } = options;
  const server = createServer(createReferenceServer(serverOptions).listener);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const { address, port: boundPort } = server.address() as AddressInfo;
      const origin = `http://${address.includes(':') ? `[${address}]` : address}:${boundPort}`;
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
