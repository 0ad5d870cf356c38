import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  interface ProvidedContext {
    /** Where the gallery of broken servers was compiled to JavaScript, for worker threads to load. */
    galleryBuild: string;
  }
}

const TSCONFIG = fileURLToPath(new URL('../broken-servers/tsconfig.gallery.json', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/**
 * Where this checkout's gallery is compiled to: beneath node_modules, so that the compiled files
 * find the packages they import, and in a folder of this checkout's own (tsconfig.gallery.json's
 * `outDir`, overridden), since git worktrees may share one node_modules: two checkouts testing
 * at once would otherwise overwrite each other's gallery mid-run.
 */
const OUT_DIR = fileURLToPath(new URL(`../../node_modules/.cache/grantproof-gallery/${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}/`, import.meta.url));

/**
 * Global setup of `npm test`: compiles the gallery (test/broken-servers and the reference
 * server it is built from) with the project's own TypeScript, so that each broken server can
 * be served by a worker thread of its own, off the event loop of the test that judges it.
 */
export default async function compileGallery({ provide }: TestProject): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  await promisify(execFile)(process.execPath, [tsc, '-p', TSCONFIG, '--outDir', OUT_DIR], { timeout: 120_000 });
  provide('galleryBuild', OUT_DIR);
}
