import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { RunResults } from '../../results/model.js';
import { BIN } from './run-cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

/**
 * Why the container tests cannot run here, or null when a container engine answers. CI never
 * skips them: there a missing engine is a failure (.ci/run starts one).
 */
export function containerTestsSkipReason(): string | null {
  if (process.env.CI) return null;
  const version = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8', timeout: 15_000 });
  if (version.status === 0) return null;
  const why = (version.stderr || version.error?.message || 'docker version failed').trim().split('\n')[0];
  return `no container engine on this machine (${why}); .ci/run starts one`;
}

/**
 * The environment grantproof runs with in these tests. The engine runs on this machine, so a
 * container's mapped port is on loopback; without the override, testcontainers, seeing it runs
 * inside a container (/.dockerenv), would reach containers at the bridge network's gateway.
 */
export const containerEnv = { TESTCONTAINERS_HOST_OVERRIDE: process.env.TESTCONTAINERS_HOST_OVERRIDE ?? '127.0.0.1' };

/** The Node base image made from this machine's node (containers/build-local-base.sh, cached by tag). */
export async function localBaseImage(): Promise<string> {
  const { stdout } = await run(path.join(ROOT, 'containers/build-local-base.sh'), [], { timeout: 300_000 });
  return stdout.trim();
}

/**
 * `docker build` of `context` (a folder, with its Dockerfile) or of `dockerfile` text alone,
 * tagged `tag`. The engine's layer cache makes a rebuild of unchanged input quick.
 */
export async function buildImage(tag: string, source: { context: string } | { dockerfile: string }, buildArgs: Record<string, string> = {}): Promise<string> {
  const args = ['build', '-q', '-t', tag, ...Object.entries(buildArgs).flatMap(([name, value]) => ['--build-arg', `${name}=${value}`])];
  await new Promise<void>((resolve, reject) => {
    const build = spawn('docker', 'context' in source ? [...args, source.context] : [...args, '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    build.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    build.on('error', reject);
    build.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`docker build -t ${tag} failed: ${stderr.trim()}`))));
    build.stdin.end('dockerfile' in source ? source.dockerfile : undefined);
  });
  return tag;
}

/** The repository's Dockerfile built on `base`: the reference server's image. */
export function buildReferenceImage(tag: string, base: string): Promise<string> {
  return buildImage(tag, { context: ROOT }, { BASE_IMAGE: base });
}

/** IDs of the containers, running or not, made from `image`. */
export async function containersOf(image: string): Promise<string[]> {
  const { stdout } = await run('docker', ['ps', '-aq', '--filter', `ancestor=${image}`]);
  return stdout.split('\n').filter(Boolean);
}

/** A `grantproof` child process whose stderr can be watched while it runs. */
export interface WatchedRun {
  /** Resolves once stderr has shown a line matching `pattern`. */
  seen(pattern: RegExp): Promise<void>;
  signal(name: NodeJS.Signals): void;
  /** The exit code (128 + the signal's number when a signal ended it, as a shell reports), and its output. */
  ended: Promise<{ exitCode: number; stdout: string; stderr: string; results: RunResults | null }>;
}

export async function watchGrantproof(args: readonly string[]): Promise<WatchedRun> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'grantproof-out-'));
  const child = spawn(process.execPath, [BIN, ...args, '--out', outDir], { env: { ...process.env, ...containerEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiting: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const wait of waiting.filter((w) => w.pattern.test(stderr))) wait.resolve();
  });
  const ended = new Promise<{ exitCode: number; stdout: string; stderr: string; results: RunResults | null }>((resolve) => {
    child.on('close', async (code) => {
      const file = path.join(outDir, 'results.json');
      const results = existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as RunResults) : null;
      resolve({ exitCode: code ?? -1, stdout, stderr, results });
    });
  });
  return {
    seen: (pattern) => new Promise((resolve, reject) => {
      if (pattern.test(stderr)) return resolve();
      waiting.push({ pattern, resolve });
      void ended.then(() => reject(new Error(`grantproof ended before printing ${pattern}:\n${stderr}`)));
    }),
    signal: (name) => child.kill(name),
    ended,
  };
}
