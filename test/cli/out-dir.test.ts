import { mkdtemp } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureWritableOut, outProblem } from '../../cli/out-dir.js';

describe('ensureWritableOut (SPEC §4 --out, issue 16 item 3)', () => {
  it('creates a missing folder, levels deep, and leaves no probe behind', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'grantproof-out-'));
    const dir = ensureWritableOut(path.join(base, 'a', 'b'));
    expect(existsSync(dir)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });
  it('refuses /proc and /sys without creating anything there', () => {
    expect(() => ensureWritableOut('/proc/1/grantproof')).toThrow(/^--out \/proc\/1\/grantproof is under \/proc/);
    expect(() => ensureWritableOut('/sys')).toThrow(/is under \/sys/);
  });
  it.each([
    ['EROFS', /--out r: \/mnt\/r is on a read-only file system; give a folder you can write to, e\.g\. --out reports$/],
    ['EACCES', /--out r: no permission to write in \/mnt\/r; give a folder you can write to/],
    ['EIO', /--out r: cannot write in \/mnt\/r \(EIO\); give a folder/],
  ])('says what %s means and what to do', (code, message) => {
    expect(outProblem('r', '--out', '/mnt/r', Object.assign(new Error(code), { code }))).toMatch(message);
  });
});
