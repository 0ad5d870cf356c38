import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';

/** File systems of the kernel, which hold no files of a user's: nothing can be written there. */
const KERNEL_FILE_SYSTEMS = ['/proc', '/sys'];

/** What `--out` is checked with: created and removed at once. */
const PROBE_FILE = '.grantproof-write-check';

/**
 * SPEC §4: `--out` is checked before anything starts, so that a run never begins (and
 * never runs for minutes) only to find it cannot write its results. The folder is
 * created when missing, one level at a time — Node's recursive mkdir loops forever under
 * /proc — and a probe file is written and removed. Any failure is a bad argument: exit 2
 * with one line naming `--out` and what to do.
 */
export function ensureWritableOut(given: string, flag = '--out'): string {
  const dir = path.resolve(given);
  const kernel = KERNEL_FILE_SYSTEMS.find((root) => dir === root || dir.startsWith(`${root}/`));
  if (kernel) throw new UsageError(`${flag} ${given} is under ${kernel}, the kernel's own file system, which holds no reports: give a folder you can write to, e.g. ${flag} reports`);
  for (const missing of missingFolders(dir, given, flag)) {
    try {
      mkdirSync(missing);
    } catch (error) {
      throw new UsageError(outProblem(given, flag, missing, error));
    }
  }
  const probe = path.join(dir, PROBE_FILE);
  try {
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    throw new UsageError(outProblem(given, flag, dir, error));
  }
  return dir;
}

/** The folders to create, outermost first, below the nearest one that exists. */
function missingFolders(dir: string, given: string, flag: string): string[] {
  const missing: string[] = [];
  for (let at = dir; ; at = path.dirname(at)) {
    const kind = kindOf(at);
    if (kind === 'folder') return missing.reverse();
    if (kind === 'file') {
      throw new UsageError(at === dir ? `${flag} ${given} is a file, not a folder: give a folder (it is created when missing)` : `${flag} ${given}: ${at} is a file, not a folder: give a folder (it is created when missing)`);
    }
    missing.push(at);
    if (path.dirname(at) === at) return missing.reverse();
  }
}

function kindOf(at: string): 'folder' | 'file' | 'missing' {
  try {
    return statSync(at).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}

/** Why `--out` cannot be written, in words, with what to do. */
export function outProblem(given: string, flag: string, at: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'EROFS'
      ? `${at} is on a read-only file system`
      : code === 'EACCES' || code === 'EPERM'
        ? `no permission to write in ${at}`
        : code === 'ENOSPC' || code === 'EDQUOT'
          ? `no space left for ${at}`
          : `cannot write in ${at} (${code ?? (error as Error).message})`;
  return `${flag} ${given}: ${why}; give a folder you can write to, e.g. ${flag} reports`;
}
