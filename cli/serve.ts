import { isIP } from 'node:net';
import { startReferenceServer, type RateLimit, type ReferenceServerOptions, type Rfc7523ServerOptions } from '../reference-server/index.js';
import { UsageError } from './errors.js';

/** The profiles the reference server speaks (SPEC §4 `--profile`). */
const profiles = ['storx', 'rfc7523'] as const;

export interface ServeFlags {
  port: string;
  host: string;
  leeway: string;
  maxLifetime: string;
  enableStates?: boolean;
  profile: string;
  issuer?: string;
  rateLimit?: string;
  /** False with `--no-retry-after` (commander's default: true). */
  retryAfter?: boolean;
  trustedProxy?: string[];
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
  const profileOptions = serverProfile(flags);
  const rateLimit = parseRateLimit(flags.rateLimit, flags.retryAfter !== false);
  const trustedProxies = parseTrustedProxies(flags.trustedProxy ?? []);
  const limitOptions = rateLimit === null ? {} : { rateLimit, trustedProxies };
  const server = await startReferenceServer({ host: flags.host, port, leewaySeconds, maxLifetimeSeconds, enableStates, ...limitOptions, ...profileOptions }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new UsageError(`port ${port} on ${flags.host} is in use: pick another with --port`);
    if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') throw new UsageError(`cannot listen on ${flags.host}: give an address of this machine with --host`);
    throw error;
  });
  print(`grantproof reference server, profile ${flags.profile} (leeway ${leewaySeconds} s, max lifetime ${maxLifetimeSeconds} s)`);
  print(`  token endpoint: ${server.tokenUrl}`);
  print(`  state endpoint: ${enableStates ? server.stateUrl : 'off (start with --enable-states to serve it)'}`);
  print(`  rate limit: ${rateLimit === null ? 'none (start with --rate-limit B/P to have one)' : rateLimitLine(flags.rateLimit!, rateLimit, trustedProxies)}`);
  print('Ctrl-C stops it.');
  await new Promise<void>((resolve) => {
    const stop = () => void server.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** `--profile` and, for rfc7523, `--issuer`: the options of the server they name. */
function serverProfile(flags: ServeFlags): ReferenceServerOptions | Rfc7523ServerOptions {
  const { profile, issuer } = flags;
  if (!(profiles as readonly string[]).includes(profile)) throw new UsageError(`--profile takes ${profiles.join(' or ')}, not "${profile}"`);
  if (profile === 'storx') {
    if (issuer !== undefined) throw new UsageError('--issuer is for --profile rfc7523 only');
    return {};
  }
  if (issuer !== undefined && !URL.canParse(issuer)) throw new UsageError(`--issuer takes an absolute URL, e.g. http://localhost:10100, not "${issuer}"`);
  return { profile: 'rfc7523', ...(issuer === undefined ? {} : { issuer }) };
}

/**
 * `--rate-limit B/P`: a burst of B token requests per client address, refilled at B every P
 * seconds (StorX: 5/300); `--no-retry-after` answers its 429s without `Retry-After`, as StorX does.
 */
function parseRateLimit(value: string | undefined, retryAfter: boolean): RateLimit | null {
  if (value === undefined) {
    if (!retryAfter) throw new UsageError('--no-retry-after is about the 429s of a rate limit: give --rate-limit B/P too, e.g. --rate-limit 5/300');
    return null;
  }
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(value.trim());
  const burst = Number(match?.[1]);
  const periodSeconds = Number(match?.[2]);
  if (!match || burst < 1 || !(periodSeconds > 0)) throw new UsageError(`--rate-limit takes B/P, a burst of B requests per client address refilled every P seconds (both above 0), e.g. 5/300; got "${value}"`);
  return { burst, refillPerSecond: burst / periodSeconds, retryAfter };
}

/** `--trusted-proxy ADDR` (repeatable): an IP address whose forwarded headers the rate limit believes (RFC 7239 §8.1). */
function parseTrustedProxies(addresses: readonly string[]): string[] {
  for (const address of addresses) {
    if (isIP(address) === 0) throw new UsageError(`--trusted-proxy takes the IP address of a proxy in front of the server, e.g. 10.0.0.2; got "${address}"`);
  }
  return [...addresses];
}

function rateLimitLine(given: string, limit: RateLimit, trustedProxies: readonly string[]): string {
  const proxies = trustedProxies.length ? `forwarded headers believed from ${trustedProxies.join(', ')}` : 'forwarded headers believed from nobody';
  return `${given} per client address, ${limit.retryAfter === false ? 'without' : 'with'} Retry-After, ${proxies}`;
}
