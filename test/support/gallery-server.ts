import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { inject } from 'vitest';
import type { ProfileName } from '../../vocabulary/profile.js';
import type { Listening } from './servers.js';

const WORKER = fileURLToPath(new URL('./gallery-worker.mjs', import.meta.url));

/**
 * The gallery server named `name` (a broken server or a correct variant), served by a worker
 * thread of its own; `args` are the `--target`/`--state-url` arguments for it, with `--profile
 * rfc7523` for a server of that profile (SPEC §5). With `logFile`, it appends its log lines to
 * that file (SPEC §7: a run reads it with `--target-log`).
 */
export async function galleryServer(name: string, { logFile }: { readonly logFile?: string } = {}): Promise<Listening & { readonly args: readonly string[] }> {
  const worker = new Worker(WORKER, { workerData: { build: inject('galleryBuild'), name, ...(logFile === undefined ? {} : { logFile }) } });
  const { port, profile } = await new Promise<{ port: number; profile: ProfileName }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the worker serving ${name} exited with ${code} before listening`)));
  });
  const origin = `http://127.0.0.1:${port}`;
  const tokenUrl = `${origin}/api/v0/oauth2/token`;
  const stateUrl = `${origin}/provider-states`;
  return {
    origin,
    tokenUrl,
    stateUrl,
    args: ['--target', tokenUrl, '--state-url', stateUrl, ...(profile === 'rfc7523' ? ['--profile', 'rfc7523'] : [])],
    close: async () => {
      await worker.terminate();
    },
  };
}
