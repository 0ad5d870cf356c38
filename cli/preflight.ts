import { connect } from 'node:net';
import type { RunConfig } from '../client/config.js';
import { TargetKit } from '../client/kit.js';
import { StateFailed, StateUnsupported } from '../client/states.js';
import { TargetClient } from '../client/target.js';
import { RunStopped } from './errors.js';

/**
 * Before any case: the target accepts connections, and the fixture source hands out a
 * client (SPEC §3: when `a registered client` cannot be set up the run stops with exit 2)
 * and a code whose headers can be sent (a state answer's bad `headers` is the state
 * endpoint's fault, found here before any token request). A TCP connect and the state
 * requests cost no token request, so a rate-limited target loses nothing to them.
 */
export async function preflight(config: RunConfig): Promise<void> {
  await reachable(config.tokenUrl, config.timeoutMs, '--target');
  if (config.fixtures.kind === 'state-url') await reachable(config.fixtures.url, config.timeoutMs, '--state-url');
  const target = new TargetClient(config);
  const kit = new TargetKit(target, 'preflight', () => undefined);
  try {
    const client = await kit.registerClient();
    await kit.issueCode(client).catch((error: unknown) => {
      // A target without codes is the cases' to skip, with the reason.
      if (!(error instanceof StateUnsupported)) throw error;
    });
  } catch (error) {
    if (error instanceof StateUnsupported) throw new RunStopped(`${error.message}: every case needs a fresh client; check --state-url or --fixtures`);
    if (error instanceof StateFailed) throw new RunStopped(`${error.message}; check --state-url or --fixtures`);
    throw error;
  } finally {
    await kit.close();
    await target.close();
  }
}

function reachable(url: string, timeoutMs: number, flag: string): Promise<void> {
  const { hostname, port, protocol } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '');
  const portNumber = Number(port || (protocol === 'https:' ? 443 : 80));
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port: portNumber, timeout: timeoutMs });
    const fail = (why: string) => {
      socket.destroy();
      reject(new RunStopped(`the ${flag} host ${hostname}:${portNumber} is unreachable (${why}): check ${flag} and that the server is running`));
    };
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
    socket.once('timeout', () => fail(`no connection within ${timeoutMs / 1000} s`));
    socket.once('error', (error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
  });
}
