import { resolveServerOptions, type ResolvedServerOptions, type ServerOptions } from '../options.js';
import { tokenPath } from '../token-endpoint.js';
import { defaultRfc7523Seams, type Rfc7523Seams } from './seams.js';

/** The options of the reference server of profile rfc7523 (SPEC §5). */
export interface Rfc7523ServerOptions extends ServerOptions {
  /** The wire format and its rules: `rfc7523` (SPEC §5). */
  profile: 'rfc7523';
  /**
   * The server's issuer identifier, an absolute URL: the assertion's `aud` must be it or the
   * token endpoint beneath it (RFC 7523 §3 item 3). Default: the origin `startReferenceServer`
   * listens on, or `http://localhost` for a server from `createReferenceServer` alone.
   */
  issuer?: string;
  /**
   * For building deliberately broken servers in self-tests: replaces parts of the correct
   * server (see `Rfc7523Seams`). Never set it for a server meant to conform.
   */
  faults?: Partial<Rfc7523Seams>;
}

/** The options of profile rfc7523, with every default applied. */
export interface ResolvedRfc7523Options extends ResolvedServerOptions {
  readonly issuer: string;
  /** The token endpoint's URL: the issuer's origin and `/api/v0/oauth2/token`. */
  readonly tokenEndpoint: string;
  readonly seams: Rfc7523Seams;
}

/** The issuer of a server whose address is not known (`createReferenceServer` alone). */
export const defaultIssuer = 'http://localhost';

/** The options of profile rfc7523 with their defaults. Throws a RangeError for one out of range. */
export function resolveRfc7523Options(options: Rfc7523ServerOptions): ResolvedRfc7523Options {
  const issuer = options.issuer ?? defaultIssuer;
  if (!URL.canParse(issuer)) throw new RangeError(`issuer must be an absolute URL, not "${issuer}"`);
  return {
    ...resolveServerOptions(options),
    issuer,
    tokenEndpoint: new URL(tokenPath, issuer).href,
    seams: { ...defaultRfc7523Seams, ...options.faults },
  };
}
