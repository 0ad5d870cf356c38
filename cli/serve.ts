import { startReferenceServer } from '../reference-server/index.js';
import { UsageError } from './errors.js';

export interface ServeFlags {
  port: string;
  host: string;
  leeway: string;
  maxLifetime: string;
  enableStates?: boolean;
}

/** `grantproof serve`: the reference server in the foreground until Ctrl-C. */
export async function serve(flags: ServeFlags, print: (line: string) => void): Promise<void> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a port number (0–65535), not "${flags.port}"`);
  const leewaySeconds = Number(flags.leeway);
  if (!Number.isFinite(leewaySeconds) || leewaySeconds < 0) throw new UsageError(`--leeway takes seconds (0 or more), not "${flags.leeway}"`);
  const maxLifetimeSeconds = Number(flags.maxLifetime);
  if (!Number.isFinite(maxLifetimeSeconds) || maxLifetimeSeconds <= 0) throw new UsageError(`--max-lifetime takes seconds (more than 0), not "${flags.maxLifetime}"`);
  const enableStates = flags.enableStates === true;
  const server = await startReferenceServer({ host: flags.host, port, leewaySeconds, maxLifetimeSeconds, enableStates }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new UsageError(`port ${port} on ${flags.host} is in use: pick another with --port`);
    if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') throw new UsageError(`cannot listen on ${flags.host}: give an address of this machine with --host`);
    throw error;
  });
  print(`grantproof reference server (leeway ${leewaySeconds} s, max lifetime ${maxLifetimeSeconds} s)`);
  print(`  token endpoint: ${server.tokenUrl}`);
  print(`  state endpoint: ${enableStates ? server.stateUrl : 'off (start with --enable-states to serve it)'}`);
  print('Ctrl-C stops it.');
  await new Promise<void>((resolve) => {
    const stop = () => void server.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
