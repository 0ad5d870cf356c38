import { randomInt } from 'node:crypto';
import { accessSync, constants, existsSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { catalogue } from '../catalogue/index.js';
import { errorCodesOf, type AnyErrorCode, type StatusOverrides } from '../vocabulary/error-codes.js';
import { AUTH_METHODS, type AudienceSetting, type AuthMethod, type ProfileName } from '../vocabulary/profile.js';
import { parseProfile } from './catalogue.js';
import { redactUrl } from '../client/redact-url.js';
import { CANONICAL_PACT_DIR, CANONICAL_PROVIDER, CANONICAL_PROVIDER_RFC7523, CANONICAL_RFC7523_PACT_DIR } from '../contract/canonical.js';
import type { PublishOptions } from '../contract/publish.js';
import { SHARED_OUT, STAGES } from '../suites/selection.js';
import type { ContainerEndpoints } from '../containers/endpoints.js';
import type { ContainerTargetOptions } from '../containers/options.js';
import { parseContainerFlags, recordedContainerOptions, type ContainerFlags } from './container-flags.js';
import { UsageError } from './errors.js';
import { readExpectedFailures } from './expected-failures.js';
import { ensureWritableOut } from './out-dir.js';
import type { RunConfig, PactSource, RunSettings, RunTarget, TargetLogSource, VerificationPublishing, Shard } from '../vocabulary/run-config.js';

/** The flags of `grantproof run` as commander hands them over (SPEC §4 flag table). */
export interface RunFlags extends ContainerFlags {
  target?: string;
  stateUrl?: string;
  fixtures?: string;
  targetLog?: string;
  profile: string;
  audience: string;
  authMethod: string;
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
  concurrency: string;
  scopes: string;
  abuseBurst: string;
  callbackHost: string;
  shard?: string;
  expectedFailures?: string;
  out: string;
  pactDir?: string;
  brokerUrl?: string;
  /** The provider name a broker holds pacts for; by default the profile's canonical one. */
  provider?: string;
  brokerTokenEnv: string;
  consumerVersionSelector: string[];
  publishVerificationResults?: boolean;
  providerVersion?: string;
  providerBranch?: string;
}

/** A run's settings, checked; with neither target nor container, the embedded server is started. */
export interface RunPlan {
  readonly settings: RunSettings;
  /** `--target` with `--state-url` or `--fixtures`. */
  readonly target: RunTarget | null;
  /** `--target-image`: a container to start as the target, and remove after. */
  readonly container: ContainerTargetOptions | null;
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

/** The most cases `--concurrency` lets overlap: more would be a load test, not a conformance run. */
const MAX_CONCURRENCY = 32;

/** The largest `--abuse-burst`: a burst is meant to find a limit, not to load-test the target. */
const MAX_ABUSE_BURST = 10_000;

/** RFC 9110 §5.1: a header name is a token. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * The settings checked once the target is: the pact source's default depends on it, and
 * these flags have always been checked after the target's.
 */
type SettingsAfterTarget = 'pacts' | 'shard' | 'expectedFailures' | 'targetLog';

export function parseRunFlags(flags: RunFlags, env: NodeJS.ProcessEnv = process.env): RunPlan {
  const { settings, target, container } = parseRunSetup(flags, env);
  // Last: every other argument is good, so the folder it may create is the run's.
  const outDir = ensureWritableOut(flags.out);
  return { settings, target, container, outDir, recorded: recordedOptions(settings, flags, target, container) };
}

/**
 * The settings and the target of `flags`, checked as `grantproof run` checks them, and nothing
 * written: `grantproof repro` parses a finished run's recorded flags with it, so that its
 * defaults and checks are the run's.
 */
export function parseRunSetup(flags: RunFlags, env: NodeJS.ProcessEnv = process.env): Pick<RunPlan, 'settings' | 'target' | 'container'> {
  const profile = parseProfile(flags.profile);
  const beforeTarget: Omit<RunSettings, SettingsAfterTarget> = {
    profile,
    audience: parseAudience(flags.audience),
    authMethods: parseAuthMethod(flags.authMethod),
    leewaySeconds: seconds('--leeway', flags.leeway, { min: 0 }),
    maxLifetimeSeconds: seconds('--max-lifetime', flags.maxLifetime, { min: 10 }),
    timeoutMs: seconds('--timeout', flags.timeout, { min: 0.001 }) * 1000,
    maxWaitMs: seconds('--max-wait', flags.maxWait, { min: 0 }) * 1000,
    ratePerSecond: flags.rate === undefined ? null : seconds('--rate', flags.rate, { min: 0.001 }),
    statuses: parseStatuses(flags.status, profile),
    headers: { ...parseHeaders(flags.header), ...parseHeaderEnv(flags.headerEnv, env) },
    only: parseOnly(flags.only),
    seed: flags.seed === undefined ? randomInt(2 ** 31 - 1) : integer('--seed', flags.seed, -(2 ** 31), 2 ** 31 - 1),
    runs: integer('--runs', flags.runs, 1, 100_000),
    concurrency: integer('--concurrency', flags.concurrency, 1, MAX_CONCURRENCY),
    scopes: parseScopes(flags.scopes),
    abuseBurst: integer('--abuse-burst', flags.abuseBurst, 1, MAX_ABUSE_BURST),
    callbackHost: parseCallbackHost(flags.callbackHost),
  };
  const container = parseContainerFlags(flags);
  const target = container ? null : parseTarget(flags);
  const settings: RunSettings = {
    ...beforeTarget,
    // The embedded reference server is checked against its profile's canonical pact too, so the main job covers every stage.
    pacts: parsePactSource(!target && !container && flags.pactDir === undefined && flags.brokerUrl === undefined ? { ...flags, pactDir: canonicalPactDir(profile) } : flags, profile, env),
    shard: parseShard(flags.shard, flags.seed),
    expectedFailures: flags.expectedFailures === undefined ? null : readExpectedFailures(flags.expectedFailures),
    targetLog: parseTargetLog(flags.targetLog, target, container),
  };
  return { settings, target, container };
}

/** The folder of a profile's canonical pact (contract/canonical.ts). */
export function canonicalPactDir(profile: ProfileName): string {
  return profile === 'rfc7523' ? CANONICAL_RFC7523_PACT_DIR : CANONICAL_PACT_DIR;
}

/**
 * The options as results.json records them (SPEC §4 `options`): the settings, with header
 * values and URL secrets redacted, and the paths as they were given.
 */
export function recordedOptions(settings: RunSettings, flags: RunFlags, target: RunTarget | null, container: ContainerTargetOptions | null): Record<string, unknown> {
  const { pacts, shard, expectedFailures } = settings;
  return {
    target: target ? redactUrl(target.tokenUrl) : container ? `container image ${container.image}` : 'embedded reference server',
    ...(container ? recordedContainerOptions(container) : {}),
    ...(target?.fixtures.kind === 'state-url' ? { stateUrl: redactUrl(target.fixtures.url) } : {}),
    ...(flags.fixtures !== undefined ? { fixtures: flags.fixtures } : {}),
    ...(flags.targetLog !== undefined ? { targetLog: flags.targetLog } : {}),
    profile: settings.profile,
    ...(settings.profile === 'rfc7523' ? { audience: flags.audience, authMethod: flags.authMethod } : {}),
    leeway: settings.leewaySeconds,
    maxLifetime: settings.maxLifetimeSeconds,
    status: settings.statuses,
    headers: Object.fromEntries(Object.keys(settings.headers).map((name) => [name, '[redacted]'])),
    timeout: settings.timeoutMs / 1000,
    rate: settings.ratePerSecond,
    maxWait: settings.maxWaitMs / 1000,
    only: settings.only,
    seed: settings.seed,
    runs: settings.runs,
    concurrency: settings.concurrency,
    scopes: settings.scopes,
    abuseBurst: settings.abuseBurst,
    callbackHost: settings.callbackHost,
    ...(pacts?.kind === 'dir' ? { pactDir: flags.pactDir ?? canonicalPactDir(settings.profile) } : {}),
    ...(pacts?.kind === 'broker' ? { brokerUrl: redactUrl(pacts.url), provider: pacts.provider, consumerVersionSelectors: pacts.selectors, ...(pacts.publish ? { publishVerificationResults: pacts.publish } : {}) } : {}),
    ...(shard ? { shard: `${shard.index}/${shard.count}` } : {}),
    ...(expectedFailures ? { expectedFailures: expectedFailures.file } : {}),
    out: flags.out,
  };
}

/** `--callback-host`: a host name or address, so no whitespace and no slash (no scheme, no path). */
function parseCallbackHost(value: string): string {
  const host = value.trim();
  if (!host || /[\s/]/.test(host)) throw new UsageError('--callback-host takes a host name or address the target can reach this machine at, e.g. 127.0.0.1');
  return host;
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

/**
 * `--shard i/n`: the i-th of n runs that share the case requirements out (see
 * suites/selection.ts). Every shard must explore the same property examples, so the seed
 * is given, the same in each.
 */
function parseShard(value: string | undefined, seed: string | undefined): Shard | null {
  if (value === undefined) return null;
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > SHARED_OUT.length || index < 1 || index > count) {
    throw new UsageError(`--shard takes i/n with 1 ≤ i ≤ n ≤ ${SHARED_OUT.length}, e.g. --shard 2/3; got "${value}"`);
  }
  if (seed === undefined) throw new UsageError('--shard needs --seed N, the same in every shard (the CI pipeline number, say), so that the shards can be merged');
  return { index, count };
}

function parseTarget(flags: RunFlags): RunTarget | null {
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

/**
 * SPEC §4 `--target-log FILE`: the file a `--target` writes its log to, read after the run for
 * LOG-NO-SECRET (SPEC §7). It must be a file this user can read when the run begins; its length
 * then is where the run's lines start. A container's log, and the embedded server's, the run
 * reads by itself.
 */
function parseTargetLog(file: string | undefined, target: RunTarget | null, container: ContainerTargetOptions | null): TargetLogSource | null {
  if (file === undefined) return null;
  if (container) throw new UsageError("--target-log is for a target given by --target: a --target-image container's log is read by itself; drop --target-log");
  if (!target) throw new UsageError("--target-log is for a target given by --target: the embedded reference server's log is read by itself; give --target too, or drop --target-log");
  const stats = logFileStats(file);
  if (!stats.isFile()) throw new UsageError(`--target-log: ${file} is not a file; give the file the target writes its log to`);
  try {
    accessSync(file, constants.R_OK);
  } catch {
    throw new UsageError(`--target-log: ${file} cannot be read by this user; give it read permission (chmod a+r ${file}) or run grantproof as a user who can read it`);
  }
  return { path: path.resolve(file), source: `--target-log ${file}`, fromByte: stats.size };
}

function logFileStats(file: string): Stats {
  try {
    return statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    if (code === 'ENOENT') throw new UsageError(`--target-log: no file at ${file}; give the file the target writes its log to (create it empty first if the target has not written to it yet)`);
    throw new UsageError(`--target-log: ${file} cannot be read (${code}); give a file this user can read`);
  }
}

export function httpUrl(flag: string, value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag} is not an absolute URL: give ${what}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${flag} must be an http or https URL: give ${what}`);
  return url.toString();
}

function parseStatuses(entries: readonly string[], profile: ProfileName): StatusOverrides {
  const codes: readonly string[] = errorCodesOf(profile);
  const statuses: Partial<Record<AnyErrorCode, number>> = {};
  for (const entry of entries) {
    const match = /^([a-z_]+)=(\d{3})$/.exec(entry.trim());
    if (!match || !codes.includes(match[1]!)) {
      throw new UsageError(`--status takes CODE=NNN with CODE one of ${codes.join(', ')} (profile ${profile}); got "${entry}"`);
    }
    const status = Number(match[2]);
    if (status < 400 || status > 499) throw new UsageError(`--status ${match[1]}=${status}: an error status must be a 4xx`);
    statuses[match[1] as AnyErrorCode] = status;
  }
  return statuses;
}

/** SPEC §4 `--audience`: `token-endpoint`, `issuer`, or an http(s) URL. */
function parseAudience(value: string): AudienceSetting {
  if (value === 'token-endpoint' || value === 'issuer') return { kind: value };
  if (!/^https?:\/\//i.test(value)) throw new UsageError(`--audience takes token-endpoint, issuer or an http(s) URL, not "${value}"`);
  return { kind: 'url', url: httpUrl('--audience', value, 'the aud the target expects, e.g. https://auth.example.com/oauth2/token') };
}

/** SPEC §4 `--auth-method`: one method, or `both`. */
function parseAuthMethod(value: string): readonly AuthMethod[] {
  if (value === 'both') return AUTH_METHODS;
  const method = AUTH_METHODS.find((m) => m === value);
  if (method === undefined) throw new UsageError(`--auth-method takes ${AUTH_METHODS.join(', ')} or both, not "${value}"`);
  return [method];
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

/** SPEC §4 `--only`: IDs, ID prefixes and stages, read case-insensitively (IDs are upper case, stages lower). */
function parseOnly(list: string | undefined): string[] | null {
  if (list === undefined) return null;
  const entries = list.split(',').map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) throw new UsageError('--only needs at least one requirement ID, ID prefix or stage');
  return entries.map((entry) => {
    const stage = entry.toLowerCase();
    if ((STAGES as readonly string[]).includes(stage)) return stage;
    const id = entry.toUpperCase();
    if (catalogue.some((r) => r.id.startsWith(id))) return id;
    throw new UsageError(`--only: "${entry}" names no requirement ID, ID prefix or stage (${STAGES.join(', ')}); \`grantproof catalogue\` lists the IDs`);
  });
}

/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), printable ASCII but space, `"` and backslash. */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/** SPEC §4 `--scopes LIST`: the scopes the target can grant, comma-separated, each a scope token, none twice. */
function parseScopes(list: string): string[] {
  const scopes = list.split(',').map((scope) => scope.trim());
  if (scopes.every((scope) => scope === '')) throw new UsageError('--scopes needs at least one scope the target can grant, e.g. --scopes read,write');
  for (const scope of scopes) {
    if (scope === '') throw new UsageError(`--scopes "${list}" has an empty scope: give scope names separated by single commas, e.g. --scopes read,write`);
    if (!SCOPE_TOKEN.test(scope)) throw new UsageError(`--scopes: "${scope}" is not a scope token (RFC 6749 §3.3: printable ASCII without space, " or \\)`);
  }
  const repeated = scopes.find((scope, index) => scopes.indexOf(scope) !== index);
  if (repeated !== undefined) throw new UsageError(`--scopes names "${repeated}" twice: scopes are a set, give each once`);
  return scopes;
}

/**
 * The consumer versions a broker hands out by default: what is on each consumer's main
 * branch, and what is deployed or released (the Pact Broker's recommended selectors).
 */
const DEFAULT_SELECTORS = [{ mainBranch: true }, { deployedOrReleased: true }];

/** SPEC §4 `--pact-dir DIR` or `--broker-url URL`: the pacts CONTRACT-PACT verifies. */
function parsePactSource(flags: RunFlags, profile: ProfileName, env: NodeJS.ProcessEnv): PactSource | null {
  if (flags.pactDir !== undefined && flags.brokerUrl !== undefined) throw new UsageError('give --pact-dir or --broker-url, not both');
  if (flags.pactDir !== undefined) {
    if (flags.publishVerificationResults) throw new UsageError('--publish-verification-results needs --broker-url: only pacts fetched from a broker can have results published back');
    if (!existsSync(flags.pactDir)) throw new UsageError(`--pact-dir: no folder at ${flags.pactDir}; give the folder your consumer tests write pact files to`);
    return { kind: 'dir', dir: path.resolve(flags.pactDir) };
  }
  if (flags.brokerUrl === undefined) {
    if (flags.publishVerificationResults) throw new UsageError('--publish-verification-results needs --broker-url: only pacts fetched from a broker can have results published back');
    return null;
  }
  const url = httpUrl('--broker-url', flags.brokerUrl, 'the Pact Broker base URL, e.g. https://broker.example.com');
  const token = env[flags.brokerTokenEnv];
  const selectors = flags.consumerVersionSelector.map((entry) => {
    try {
      const value: unknown = JSON.parse(entry);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // reported below
    }
    throw new UsageError(`--consumer-version-selector takes a JSON object, e.g. '{"branch":"main"}'; got "${entry}"`);
  });
  const publish = verificationPublishing(flags);
  const provider = flags.provider ?? (profile === 'rfc7523' ? CANONICAL_PROVIDER_RFC7523 : CANONICAL_PROVIDER);
  return { kind: 'broker', url, provider, ...(token ? { token } : {}), selectors: selectors.length ? selectors : DEFAULT_SELECTORS, ...(publish ? { publish } : {}) };
}

/**
 * `--publish-verification-results --provider-version V [--provider-branch B]`: the outcome
 * of verifying a broker's pacts goes back to the broker, so that its `can-i-deploy` hears
 * from the provider. Only a broker's pacts can carry the result back.
 */
function verificationPublishing(flags: RunFlags): VerificationPublishing | null {
  if (!flags.publishVerificationResults) {
    if (flags.providerVersion !== undefined || flags.providerBranch !== undefined) throw new UsageError('--provider-version and --provider-branch go with --publish-verification-results');
    return null;
  }
  if (flags.providerVersion === undefined || flags.providerVersion.trim() === '') {
    throw new UsageError('--publish-verification-results needs --provider-version: the version of the provider being verified, e.g. its git SHA');
  }
  return { providerVersion: flags.providerVersion, ...(flags.providerBranch !== undefined ? { providerBranch: flags.providerBranch } : {}) };
}

/** The flags of `grantproof publish-pacts`. */
export interface PublishFlags {
  brokerUrl: string;
  consumerVersion: string;
  branch: string;
  pactDir: string;
  brokerTokenEnv: string;
  timeout: string;
}

export function parsePublishFlags(flags: PublishFlags, env: NodeJS.ProcessEnv = process.env): PublishOptions {
  const brokerUrl = httpUrl('--broker-url', flags.brokerUrl, 'the Pact Broker base URL, e.g. https://broker.example.com');
  for (const [flag, value] of [['--consumer-version', flags.consumerVersion], ['--branch', flags.branch]] as const) {
    if (!value.trim()) throw new UsageError(`${flag} must not be empty`);
  }
  if (!existsSync(flags.pactDir)) throw new UsageError(`--pact-dir: no folder at ${flags.pactDir}; give the folder your consumer tests write pact files to`);
  const token = env[flags.brokerTokenEnv];
  return {
    brokerUrl,
    pactDir: path.resolve(flags.pactDir),
    consumerVersion: flags.consumerVersion.trim(),
    branch: flags.branch.trim(),
    ...(token ? { token } : {}),
    timeoutMs: seconds('--timeout', flags.timeout, { min: 0.001 }) * 1000,
  };
}

/**
 * The target: given on the command line, or the one the run started (`started`); and its log:
 * `--target-log`, or the file the run writes the log of the target it started to (`startedLog`).
 */
export function runConfigOf(plan: Pick<RunPlan, 'settings' | 'target'>, started: ContainerEndpoints | null, startedLog: TargetLogSource | null = null): RunConfig {
  const target = plan.target ?? { tokenUrl: started!.tokenUrl, fixtures: { kind: 'state-url' as const, url: started!.stateUrl } };
  return { ...plan.settings, ...target, targetLog: plan.settings.targetLog ?? startedLog };
}
