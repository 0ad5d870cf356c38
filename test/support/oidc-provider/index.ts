import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider from 'oidc-provider';
import { listen } from '../servers.js';
import { emptyCodePolicy } from './code-policy.js';
import { newIntrospector, providerConfiguration, type OidcProviderOptions } from './configuration.js';
import { finishInteraction, INTERACTION_PATH } from './interaction.js';
import { discover } from './registration.js';
import { serveStates, STATE_PATH, type StateContext } from './states.js';

export type { OidcProviderOptions } from './configuration.js';

/** A running node-oidc-provider with SPEC §3's state endpoint beside it. */
export interface RunningOidcProvider {
  readonly issuer: string;
  /** The token endpoint, from the provider's discovery document. */
  readonly tokenUrl: string;
  readonly stateUrl: string;
  close(): Promise<void>;
}

/**
 * Starts node-oidc-provider on a free loopback port over plain http, configured for SPEC §5
 * (see providerConfiguration), with the interaction that logs the test account in at
 * `/interaction/:uid` and the state endpoint at `/provider-states` on the same origin.
 */
export async function startOidcProvider(options: OidcProviderOptions = {}): Promise<RunningOidcProvider> {
  let route: (req: IncomingMessage, res: ServerResponse) => Promise<void> = async (_, res) => void res.writeHead(503).end();
  const server = await listen((req, res) => void route(req, res));
  const policy = emptyCodePolicy();
  const introspector = newIntrospector();
  const provider = new Provider(server.origin, providerConfiguration(options, policy, introspector));
  const callback = provider.callback();
  route = async (req, res) => {
    if (req.url?.startsWith(INTERACTION_PATH)) return finishInteraction(provider, req, res).catch((error: Error) => void res.writeHead(500).end(error.message));
    if (req.url === STATE_PATH) return serveStates(context, req, res);
    return callback(req, res);
  };
  const context: StateContext = { provider, discovery: await discover(server.origin), policy, introspector, clients: new Map() };
  return {
    issuer: server.origin,
    tokenUrl: context.discovery.token_endpoint,
    stateUrl: `${server.origin}${STATE_PATH}`,
    close: () => server.close(),
  };
}
