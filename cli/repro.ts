import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { requirementById } from '../catalogue/index.js';
import { curlCommand } from '../client/recorder.js';
import { reproText } from '../reporters/repro.js';
import type { Evidence, RequirementResult, RunResults } from '../results/model.js';
import { isReplayable, whyNotReplayable } from '../results/repro-command.js';
import { NotReplayable, replayFailure } from '../suites/repro.js';
import type { RunConfig } from '../vocabulary/run-config.js';
import { preflight } from './preflight.js';
import { parseRunSetup, runConfigOf, type RunFlags } from './run-options.js';
import type { RunIo } from './run.js';

/** The flags of `grantproof repro` (SPEC §4 `grantproof repro`). */
export interface ReproFlags {
  out: string;
  variant?: string;
  showSecrets?: boolean;
  header: string[];
  headerEnv: string[];
}

/** A failure found in a finished run: its result, its requirement, and the failing exchange to send again. */
interface RecordedFailure {
  readonly run: RunResults;
  readonly result: RequirementResult;
  readonly evidence: Evidence;
  readonly variant: { readonly index: number; readonly of: number };
}

/**
 * `grantproof repro ID` (SPEC §4): reads the run's results.json in `--out`, rebuilds its
 * configuration from the recorded flags (the run's defaults and checks, `runDefaults`), sends
 * the failing request of ID again from fresh fixtures and prints the exchange. Exit 1 when it
 * fails again, 0 when the target now answers as required; a failure that cannot be replayed
 * throws NotReplayable, exit 2 with its line.
 */
export async function repro(id: string, flags: ReproFlags, runDefaults: RunFlags, io: RunIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const failure = recordedFailure(await readRun(flags.out), id.toUpperCase(), flags.variant);
  const requirement = requirementById(failure.result.id);
  if (!requirement) throw new NotReplayable(`${failure.result.id} is not in this grantproof's catalogue: replay with the grantproof version that made the run (${failure.run.harness.version})`);
  const config = configOf(failure, flags, runDefaults, env);
  await preflight(config);
  const replay = await replayFailure(config, requirement, failure.evidence, io.progress);
  const curl = replay.check === null ? null : flags.showSecrets && replay.unredacted ? curlCommand(replay.unredacted) : replay.check.exchange.curl;
  io.out(reproText({ id: failure.result.id, variant: failure.variant, recorded: failure.evidence, check: replay.check, sent: replay.sent, curl, secretsShown: flags.showSecrets === true }));
  if (replay.check !== null && !replay.check.judgement.ok) return 1;
  if (replay.untrusted !== undefined) throw new NotReplayable(`${failure.result.id}'s request is now answered as required, but the positive control failed, so no refusal can be trusted: ${replay.untrusted}`);
  return 0;
}

async function readRun(out: string): Promise<RunResults> {
  const file = path.join(out, 'results.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new NotReplayable(`no results.json in ${out}: give --out the folder of the run whose failure to replay (grantproof run writes to reports/ unless given --out)`);
  }
  try {
    return JSON.parse(text) as RunResults;
  } catch {
    throw new NotReplayable(`${file} is not JSON: run \`grantproof run\` again to write it`);
  }
}

/** SPEC §4: the failing exchange `--variant N` names (1-based, default the first) of a result that failed in the run. */
function recordedFailure(run: RunResults, id: string, variant: string | undefined): RecordedFailure {
  const notReplayable = whyNotReplayable(run);
  if (notReplayable) throw new NotReplayable(notReplayable);
  const result = run.results.find((r) => r.id === id);
  if (!result) throw new NotReplayable(`${id} is not a requirement of that run: \`grantproof catalogue\` lists the IDs`);
  if (!isReplayable(result)) throw new NotReplayable(`${id} did not fail in that run (${result.status}${result.reason ? `: ${result.reason}` : ''}): only a failure can be replayed`);
  const failing = result.evidence.filter((e) => !e.ok);
  if (failing.length === 0) throw new NotReplayable(`${id} failed with no failing exchange recorded (${result.reason ?? result.status}): nothing to send again; run \`grantproof run --only ${id}\` again`);
  const index = variant === undefined ? 1 : Number(variant);
  if (!Number.isInteger(index) || index < 1 || index > failing.length) {
    throw new NotReplayable(`--variant takes a whole number from 1 to ${failing.length}, the failing exchanges of ${id} in that run, not "${variant}"`);
  }
  return { run, result, evidence: failing[index - 1]!, variant: { index, of: failing.length } };
}

/**
 * The run's configuration from its recorded flags (cli/run-options.ts `recordedOptions`),
 * parsed as `grantproof run` parses them, with the repro's own `--header`/`--header-env` for
 * the values results.json redacted, and the seed the failure was found with.
 */
function configOf({ run, result, evidence }: RecordedFailure, flags: ReproFlags, runDefaults: RunFlags, env: NodeJS.ProcessEnv): RunConfig {
  const options = run.options;
  for (const [name, flag] of [['target', '--target'], ['stateUrl', '--state-url']] as const) {
    const url = options[name];
    if (typeof url === 'string' && carriesRedactedSecret(url)) {
      throw new NotReplayable(`the run's ${flag} carried a password or query values, which results.json redacted: run \`grantproof run --only ${result.id}\` again with the full URL`);
    }
  }
  const missing = missingHeaders(options.headers, flags);
  if (missing.length > 0) {
    throw new NotReplayable(`the run sent the header${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, whose value${missing.length > 1 ? 's' : ''} results.json redacted: give ${missing.length > 1 ? 'them' : 'it'} again, e.g. --header '${missing[0]}: value' or --header-env '${missing[0]}=VARIABLE'`);
  }
  const recorded = (name: string, fallback: string) => (typeof options[name] === 'number' || typeof options[name] === 'string' ? String(options[name]) : fallback);
  const runFlags: RunFlags = {
    ...runDefaults,
    ...(typeof options.target === 'string' ? { target: options.target } : {}),
    ...(typeof options.stateUrl === 'string' ? { stateUrl: options.stateUrl } : {}),
    ...(typeof options.fixtures === 'string' ? { fixtures: options.fixtures } : {}),
    // SPEC §5: the run's wire format, and in rfc7523 its audience and methods, which name its exchanges.
    profile: recorded('profile', runDefaults.profile),
    audience: recorded('audience', runDefaults.audience),
    authMethod: recorded('authMethod', runDefaults.authMethod),
    leeway: recorded('leeway', runDefaults.leeway),
    maxLifetime: recorded('maxLifetime', runDefaults.maxLifetime),
    status: Object.entries((options.status ?? {}) as Record<string, unknown>).map(([code, status]) => `${code}=${String(status)}`),
    header: flags.header,
    headerEnv: flags.headerEnv,
    timeout: recorded('timeout', runDefaults.timeout),
    ...(typeof options.rate === 'number' ? { rate: String(options.rate) } : {}),
    maxWait: recorded('maxWait', runDefaults.maxWait),
    seed: String(evidence.seed ?? options.seed),
    runs: recorded('runs', runDefaults.runs),
    scopes: Array.isArray(options.scopes) ? options.scopes.join(',') : runDefaults.scopes,
    abuseBurst: recorded('abuseBurst', runDefaults.abuseBurst),
    callbackHost: recorded('callbackHost', runDefaults.callbackHost),
    out: flags.out,
  };
  return runConfigOf(parseRunSetup(runFlags, env), null);
}

/** A URL as `redactUrl` records one that carried a secret: its password or query values replaced. */
function carriesRedactedSecret(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.password !== '' || parsed.search !== '';
  } catch {
    return true;
  }
}

/** The headers the run sent (recorded by name, values redacted) that the repro's flags do not give again. */
function missingHeaders(recorded: unknown, flags: ReproFlags): string[] {
  const given = new Set([...flags.header.map((entry) => entry.split(':', 1)[0]!), ...flags.headerEnv.map((entry) => entry.split('=', 1)[0]!)].map((name) => name.trim().toLowerCase()));
  return Object.keys((recorded ?? {}) as Record<string, unknown>).filter((name) => !given.has(name.toLowerCase()));
}
