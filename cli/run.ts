import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startVitest, type Reporter } from 'vitest/node';
import type { ProvidedContext } from 'vitest';
import { catalogue } from '../catalogue/index.js';
import type { TargetContainer } from '../containers/target-container.js';
import { withTargetLog } from '../containers/target-log.js';
import { TargetLogFile } from '../containers/log-file.js';
import { startReferenceServer, type RunningReferenceServer } from '../reference-server/index.js';
import { ResultCollector } from '../suites/vitest/collector.js';
import { allureReporter, clearAllureResults } from '../suites/vitest/allure-results.js';
import { summaryTable } from '../reporters/terminal.js';
import { targetLogTail } from '../reporters/target-log.js';
import { assembleResults } from '../results/assemble.js';
import { isNotSelected, RATE_LIMITED, VERDICT_EXIT, type CaseResult, type RunResults } from '../results/model.js';
import { CONFIG_KEY } from '../suites/context.js';
import { isSelected, leftOutBy } from '../suites/selection.js';
import { RunStopped } from './errors.js';
import { isHarnessError, type HarnessErrorCode } from '../vocabulary/errors.js';
import { harness } from '../results/package-info.js';
import { preflight } from './preflight.js';
import { runConfigOf, type RunPlan } from './run-options.js';

/** The package root and the compiled suites, seen from dist/cli/run.js. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SUITES_DIR = fileURLToPath(new URL('../suites/', import.meta.url));

/**
 * The harness errors that stop a run once it began: the cases not run are reported with the
 * error's line as their reason, the results are written, and the run ends with exit 2 (SPEC §4).
 */
const STOP_THE_RUN: readonly HarnessErrorCode[] = ['run-stopped', 'target-container'];

export interface RunIo {
  /** Progress lines while the run goes on. */
  progress(line: string): void;
  /** The summary at the end. */
  out(text: string): void;
}

/**
 * `grantproof run`: start the target when the run is to (the embedded server when no target
 * is given, or the `--target-image` container), check the target can be used, run the suites
 * through vitest, write the results, and stop what it started. Returns the exit status SPEC §4
 * gives the verdict.
 */
export async function run(plan: RunPlan, io: RunIo): Promise<number> {
  const startedAt = new Date();
  let reporters: ReturnType<typeof loadReporters> | undefined;
  // The suites' worker has imported them and begun: this process has little else to do for now.
  const preloadReporters: Reporter = { onTestModuleCollected: () => void (reporters ??= loadReporters()) };
  let embedded: RunningReferenceServer | null = null;
  let embeddedLog: TargetLogFile | null = null;
  await clearAllureResults(plan.outDir);
  const container = plan.container ? await targetContainer(plan, io) : null;
  try {
    if (!plan.target && !container) {
      // Its log is judged too (LOG-NO-SECRET), so the run with no target exercises every requirement.
      const log = (embeddedLog = new TargetLogFile());
      const options = { enableStates: true, leewaySeconds: plan.settings.leewaySeconds, maxLifetimeSeconds: plan.settings.maxLifetimeSeconds, log: (line: string) => log.push(`${line}\n`) };
      // The run's profile is the embedded server's: SPEC §1's StorX endpoint, or §5's.
      embedded = await startReferenceServer(plan.settings.profile === 'rfc7523' ? { ...options, profile: 'rfc7523' } : options);
      io.progress(`grantproof ${harness.version}: embedded reference server at ${embedded.tokenUrl}`);
    }
    let found = new Map<string, CaseResult>();
    let missing = 'harness error: the suites reported no result for it';
    let stopped: string | null = null;
    try {
      const started = embedded ?? (await container?.start()) ?? null;
      const config = runConfigOf(plan, started, embeddedLog?.sourceFor("the embedded reference server's log") ?? container?.logSource() ?? null);
      await preflight(config);
      if (catalogue.some((r) => r.stage === 'properties' && isSelected(r, plan.settings.only))) {
        io.progress(`property stage: seed ${plan.settings.seed}, ${plan.settings.runs} examples per property (replay with --seed ${plan.settings.seed})`);
      }
      const exercised = catalogue.filter((requirement) => leftOutBy(requirement, config) === null).length;
      const collected = await runSuites({ [CONFIG_KEY]: config }, allureReporter(plan.outDir, String(plan.recorded.target), plan.settings.seed), io, exercised, [preloadReporters]);
      found = collected.results;
      if (collected.errors.length) missing = `harness error: ${collected.errors[0]}`;
    } catch (error) {
      if (!isHarnessError(error, ...STOP_THE_RUN)) throw error;
      missing = error.message;
      stopped = error.message;
    }
    const assembled = assembleResults({ harness, target: String(plan.recorded.target), profile: plan.settings.profile, options: plan.recorded, startedAt, finishedAt: new Date() }, found, missing);
    const results = withTargetLog(assembled, container?.log() ?? null);
    await writeReports(plan.outDir, results, reporters ?? loadReporters());
    io.out(`${summaryTable(results)}${targetLogTail(results)}\nresults: ${plan.outDir}`);
    const exit = VERDICT_EXIT[results.verdict];
    if (exit === 2) throw new RunStopped(stopped ?? noVerdictLine(results));
    return exit;
  } finally {
    await embedded?.close();
    embeddedLog?.remove();
    await container?.remove();
  }
}

/** Loaded on demand: testcontainers takes half a second to import, and most runs need none. */
async function targetContainer(plan: RunPlan, io: RunIo): Promise<TargetContainer> {
  const { TargetContainer } = await import('../containers/target-container.js');
  return new TargetContainer(plan.container!, Object.values(plan.settings.headers), io.progress);
}

/**
 * Runs the vitest suites shipped in this package with what `provide` hands them: a target
 * to evaluate (`grantproof run`), or results to replay (`grantproof merge`); `alongside`
 * reporters are told of the run too.
 */
export async function runSuites(provide: Partial<ProvidedContext>, allure: Reporter, io: RunIo, exercised: number, alongside: readonly Reporter[] = []): Promise<ResultCollector> {
  const collector = new ResultCollector(exercised, io.progress);
  const vitest = await startVitest(
    'test',
    [],
    {
      config: false,
      root: PACKAGE_ROOT,
      dir: SUITES_DIR,
      include: ['**/*.test.js'],
      exclude: [],
      run: true,
      watch: false,
      cache: false,
      // The suites are compiled JavaScript already: Node imports them as they are, without Vite's
      // module runner transforming every file of the catalogue first (half a second of start-up),
      // and without the loader hooks that would serve vi.mock and in-source tests, which they do not use.
      experimental: { viteModuleRunner: false, nodeLoader: false },
      // One file, in a worker thread: a thread starts in a fifth of the time a child process does.
      pool: 'threads',
      // Bounded by the per-request --timeout and --max-wait instead: a case may wait out 429s.
      testTimeout: 0,
      hookTimeout: 0,
      reporters: [collector, allure, ...alongside],
      provide,
    },
  );
  await vitest.close();
  return collector;
}

/**
 * The writers of the output files, loaded on demand: they take a fifth of a second to import
 * (the results schema is compiled as results-json.js loads), which `grantproof run` spends once
 * its suites run, not before its first request.
 */
async function loadReporters() {
  const [resultsJson, junit, html] = await Promise.all([import('../reporters/results-json.js'), import('../reporters/junit.js'), import('../reporters/html.js')]);
  return { writeResultsJson: resultsJson.writeResultsJson, writeJunit: junit.writeJunit, writeHtmlReport: html.writeHtmlReport };
}

/** The output files of SPEC §4 in `outDir`; `reporters`, when given, is a load of them already under way. */
export async function writeReports(outDir: string, results: RunResults, reporters = loadReporters()): Promise<void> {
  const { writeResultsJson, writeJunit, writeHtmlReport } = await reporters;
  await mkdir(outDir, { recursive: true });
  const resultsFile = await writeResultsJson(outDir, results);
  await writeJunit(outDir, results);
  // The report carries the digest of results.json's bytes as they are on disk.
  await writeHtmlReport(outDir, results, await readFile(resultsFile));
}

/**
 * SPEC §4: exit 2 says in one line what is wrong and what to do; a target that stayed rate
 * limited, in the words of its skipped cases (what was seen and what to do), with their number.
 */
export function noVerdictLine(results: RunResults): string {
  const limited = results.results.filter((r) => r.status === 'skipped' && r.reason?.startsWith(RATE_LIMITED));
  if (limited.length > 0) return `no verdict: ${limited.length} requirement${limited.length === 1 ? '' : 's'} skipped, ${limited[0]!.reason}`;
  const open = results.results.find((r) => r.level === 'MUST' && (r.status === 'skipped' || r.status === 'inconclusive') && !isNotSelected(r));
  return `no verdict: ${open ? `${open.id} ${open.status}: ${open.reason}` : 'a required check did not run'}`;
}
