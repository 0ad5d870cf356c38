import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { catalogue } from '../catalogue/index.js';
import { isErrorCode, type ErrorCode } from '../catalogue/error-codes.js';
import type { FixtureSource } from '../client/config.js';
import { redactUrl } from '../client/redact-url.js';
import type { ContainerTargetOptions } from '../containers/options.js';
import { STAGES } from '../suites/selection.js';
import { parseContainerFlags, recordedContainerOptions, type ContainerFlags } from './container-flags.js';
import { UsageError } from './errors.js';

/** The flags of `grantproof run` as commander hands them over (SPEC §4 flag table). */
export interface RunFlags extends ContainerFlags {
  target?: string;
  stateUrl?: string;
  fixtures?: string;
  leeway: string;
  maxLifetime: string;
  status: string[];
  header: string[];
  headerEnv: string[];
  timeout: string;
  rate?: string;
  maxWait: string;
  only?: string;
  seed?: string;
  runs: string;
  callbackHost: string;
  out: string;
}

/** A run's settings, checked; with neither target nor container, the embedded server is started. */
export interface RunPlan {
  readonly target: { readonly tokenUrl: string; readonly fixtures: FixtureSource } | null;
  /** `--target-image`: a container to start as the target, and remove after. */
  readonly container: ContainerTargetOptions | null;
  readonly leewaySeconds: number;
  readonly maxLifetimeSeconds: number;
  readonly statuses: Partial<Record<ErrorCode, number>>;
  readonly headers: Record<string, string>;
  readonly timeoutMs: number;
  readonly ratePerSecond: number | null;
  readonly maxWaitMs: number;
  readonly only: string[] | null;
  readonly seed: number;
  readonly runs: number;
  readonly callbackHost: string;
  readonly outDir: string;
  /** The options as results.json records them: header values and URL secrets redacted. */
  readonly recorded: Readonly<Record<string, unknown>>;
}

/**
 * Examples per property by default: enough for the hunts to find the catalogue's blind
 * spots, few enough that the whole property stage stays under 10 s against the embedded
 * server (see the README's figures).
 */
export const DEFAULT_RUNS = 200;

/** RFC 9110 §5.1: a header name is a token. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function parseRunFlags(flags: RunFlags, env: NodeJS.ProcessEnv = process.env): RunPlan {
  const leewaySeconds = seconds('--leeway', flags.leeway, { min: 0 });
  const maxLifetimeSeconds = seconds('--max-lifetime', flags.maxLifetime, { min: 10 });
  const timeoutMs = seconds('--timeout', flags.timeout, { min: 0.001 }) * 1000;
  const maxWaitMs = seconds('--max-wait', flags.maxWait, { min: 0 }) * 1000;
  const ratePerSecond = flags.rate === undefined ? null : seconds('--rate', flags.rate, { min: 0.001 });
  const statuses = parseStatuses(flags.status);
  const headers = { ...parseHeaders(flags.header), ...parseHeaderEnv(flags.headerEnv, env) };
  const only = parseOnly(flags.only);
  const seed = flags.seed === undefined ? randomInt(2 ** 31 - 1) : integer('--seed', flags.seed, -(2 ** 31), 2 ** 31 - 1);
  const runs = integer('--runs', flags.runs, 1, 100_000);
  const callbackHost = flags.callbackHost.trim();
  if (!callbackHost || /[\s/]/.test(callbackHost)) throw new UsageError('--callback-host takes a host name or address the target can reach this machine at, e.g. 127.0.0.1');
  const container = parseContainerFlags(flags);
  const target = container ? null : parseTarget(flags);
  return {
    target,
    container,
    leewaySeconds,
    maxLifetimeSeconds,
    statuses,
    headers,
    timeoutMs,
    ratePerSecond,
    maxWaitMs,
    only,
    seed,
    runs,
    callbackHost,
    outDir: path.resolve(flags.out),
    recorded: {
      target: target ? redactUrl(target.tokenUrl) : container ? `container image ${container.image}` : 'embedded reference server',
      ...(container ? recordedContainerOptions(container) : {}),
      ...(flags.stateUrl !== undefined ? { stateUrl: redactUrl(flags.stateUrl) } : {}),
      ...(flags.fixtures !== undefined ? { fixtures: flags.fixtures } : {}),
      leeway: leewaySeconds,
      maxLifetime: maxLifetimeSeconds,
      status: statuses,
      headers: Object.fromEntries(Object.keys(headers).map((name) => [name, '[redacted]'])),
      timeout: timeoutMs / 1000,
      rate: ratePerSecond,
      maxWait: maxWaitMs / 1000,
      only,
      seed,
      runs,
      callbackHost,
      out: flags.out,
    },
  };
}

function seconds(flag: string, value: string, { min }: { min: number }): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < min) {
    throw new UsageError(`${flag} takes a number${min > 0 ? ` of at least ${min}` : ' of 0 or more'}, not "${value}"`);
  }
  return number;
}

function integer(flag: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || number < min || number > max) throw new UsageError(`${flag} takes a whole number from ${min} to ${max}, not "${value}"`);
  return number;
}

function parseTarget(flags: RunFlags): RunPlan['target'] {
  if (flags.target === undefined) {
    if (flags.stateUrl !== undefined || flags.fixtures !== undefined) {
      throw new UsageError('--state-url and --fixtures describe a target: give --target too, or neither to use the embedded reference server');
    }
    return null;
  }
  const tokenUrl = httpUrl('--target', flags.target, 'the full token endpoint URL, e.g. http://localhost:10100/api/v0/oauth2/token');
  if (flags.stateUrl !== undefined && flags.fixtures !== undefined) throw new UsageError('give --state-url or --fixtures, not both');
  if (flags.stateUrl !== undefined) {
    return { tokenUrl, fixtures: { kind: 'state-url', url: httpUrl('--state-url', flags.stateUrl, 'the state-change endpoint URL (SPEC §3), e.g. http://localhost:10100/provider-states') } };
  }
  if (flags.fixtures !== undefined) {
    if (!existsSync(flags.fixtures)) throw new UsageError(`--fixtures: no file at ${flags.fixtures}; give the path of a module exporting setup(state, params)`);
    return { tokenUrl, fixtures: { kind: 'module', path: path.resolve(flags.fixtures) } };
  }
  throw new UsageError('--target needs --state-url (the endpoint that hands out clients and codes) or --fixtures FILE.mjs; see `grantproof run --help`');
}

function httpUrl(flag: string, value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag} is not an absolute URL: give ${what}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${flag} must be an http or https URL: give ${what}`);
  return url.toString();
}

function parseStatuses(entries: readonly string[]): Partial<Record<ErrorCode, number>> {
  const statuses: Partial<Record<ErrorCode, number>> = {};
  for (const entry of entries) {
    const match = /^([a-z_]+)=(\d{3})$/.exec(entry.trim());
    if (!match || !isErrorCode(match[1])) {
      throw new UsageError(`--status takes CODE=NNN with CODE one of invalid_request, invalid_client, client_secret_expired, invalid_code, invalid_redirect_uri; got "${entry}"`);
    }
    const status = Number(match[2]);
    if (status < 400 || status > 499) throw new UsageError(`--status ${match[1]}=${status}: an error status must be a 4xx`);
    statuses[match[1]] = status;
  }
  return statuses;
}

function parseHeaders(entries: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    const name = colon > 0 ? entry.slice(0, colon).trim() : '';
    if (!HEADER_NAME.test(name)) throw new UsageError("--header takes 'Name: value' (the value is not shown here)");
    headers[name] = entry.slice(colon + 1).trim();
  }
  return headers;
}

function parseHeaderEnv(entries: readonly string[], env: NodeJS.ProcessEnv): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const entry of entries) {
    const match = /^([^=\s]+)=([A-Za-z_][A-Za-z0-9_]*)$/.exec(entry.trim());
    if (!match || !HEADER_NAME.test(match[1]!)) throw new UsageError(`--header-env takes 'Name=VARIABLE', got "${entry}"`);
    const value = env[match[2]!];
    if (value === undefined) throw new UsageError(`--header-env ${match[1]}: the environment variable ${match[2]} is not set`);
    headers[match[1]!] = value;
  }
  return headers;
}

function parseOnly(list: string | undefined): string[] | null {
  if (list === undefined) return null;
  const entries = list.split(',').map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) throw new UsageError('--only needs at least one requirement ID, ID prefix or stage');
  for (const entry of entries) {
    const known = (STAGES as readonly string[]).includes(entry) || catalogue.some((r) => r.id.startsWith(entry));
    if (!known) throw new UsageError(`--only: "${entry}" names no requirement ID, ID prefix or stage (${STAGES.join(', ')}); see the catalogue in the README`);
  }
  return entries;
}
