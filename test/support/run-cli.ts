import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitStatusBreach, resultsContractBreaches } from '../../results/contract.js';
import type { RunResults, ResultStatus } from '../../results/model.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The built bin, as `npx grantproof` runs it (`npm test` builds first). */
export const BIN = path.join(ROOT, 'dist/cli/main.js');

export interface CliRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outDir: string;
  /** The run's results.json, or null when none was written. */
  readonly results: RunResults | null;
}

/** Runs `grantproof ARGS` in a child process, with `--out` a fresh temporary folder unless given. */
export async function grantproof(args: readonly string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; onStart?: (pid: number) => void } = {}): Promise<CliRun> {
  const outDir = args.includes('--out') ? args[args.indexOf('--out') + 1]! : await mkdtemp(path.join(tmpdir(), 'grantproof-out-'));
  const fullArgs = (args[0] === 'run' || args[0] === 'verify-pact') && !args.includes('--out') ? [...args, '--out', outDir] : [...args];
  const { exitCode, stdout, stderr } = await new Promise<{ exitCode: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...fullArgs],
      { env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ exitCode: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
    if (child.pid !== undefined) options.onStart?.(child.pid);
  });
  const file = path.join(outDir, 'results.json');
  const results = existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as RunResults) : null;
  return { exitCode, stdout, stderr, outDir, results };
}

/**
 * The results contract of SPEC §4 (the shipped schema, the summary and verdict rules, and
 * the exit status the verdict means): the breaches joined in one string, or null when none.
 */
export function contractBreaches(run: Pick<CliRun, 'results' | 'exitCode'>): string | null {
  if (!run.results) return 'no results.json was written';
  const breaches = resultsContractBreaches(run.results);
  const exit = breaches.length === 0 ? exitStatusBreach(run.results, run.exitCode) : null;
  const all = exit ? [...breaches, exit] : breaches;
  return all.length > 0 ? all.join('\n') : null;
}

export function statusOf(run: Pick<CliRun, 'results'>, id: string): ResultStatus | undefined {
  return run.results?.results.find((r) => r.id === id)?.status;
}

/** IDs whose result has the given status. */
export function idsWith(run: Pick<CliRun, 'results'>, status: ResultStatus): string[] {
  return (run.results?.results ?? []).filter((r) => r.status === status).map((r) => r.id);
}
