import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** An empty file a test server writes its log to and a run reads with `--target-log` (SPEC §7); `remove` deletes it and its folder. */
export async function emptyLogFile(): Promise<{ readonly path: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'grantproof-test-log-'));
  const file = path.join(dir, 'target.log');
  await writeFile(file, '');
  return { path: file, remove: () => rm(dir, { recursive: true, force: true }) };
}
