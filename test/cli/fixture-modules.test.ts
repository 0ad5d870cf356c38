import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantproof } from '../support/run-cli.js';
import { referenceTarget } from '../support/servers.js';

/** --timeout for these runs, seconds: every fixture call is bounded by it. */
const TIMEOUT_S = 1;
/** The longest one of these runs may take, start to exit: a bound, not a speed (vitest's start included). */
const RUN_LIMIT_MS = 30_000;

/**
 * Issue 16 item 5: hostile `--fixtures` modules. Each gives exit 2 with one line that names
 * the module and the flag, within a bound, and the run's results are written.
 */
const MODULES: Record<string, [source: string, line: RegExp]> = {
  'never-settles': ['export function setup() { return new Promise(() => {}); }', /: setup\("a registered client"\) did not settle within 1 s \(--timeout\); make it resolve or reject in time, or raise --timeout/],
  'silent-socket': [
    "import { connect } from 'node:net';\nexport function setup() { return new Promise((resolve) => connect(Number(process.env.GP_SILENT_PORT), '127.0.0.1').on('data', resolve)); }",
    /: setup\("a registered client"\) did not settle within 1 s \(--timeout\)/,
  ],
  // The timer it leaves keeps the process alive: the run must end it once its results are written.
  'leaves-a-timer': ['export function setup() { setInterval(() => {}, 1000); return new Promise(() => {}); }', /: setup\("a registered client"\) did not settle within 1 s/],
  'import-hangs': ['await new Promise(() => {});\nexport function setup() { return {}; }', /: importing it did not settle within 1 s \(--timeout\); a top-level await must finish in time/],
  'throws-at-import': ["throw new Error('fixture database unreachable');", / cannot be imported: fixture database unreachable/],
  'syntax-error': ['export function setup( {', / cannot be imported: SyntaxError: /],
  'no-setup': ['export const teardown = () => undefined;', / exports no setup\(state, params\) function: export one/],
  'setup-throws': ["export function setup() { throw new TypeError('no database'); }", /: setup\("a registered client"\) threw: TypeError: no database/],
};

describe('--fixtures modules that cannot hand out fixtures: exit 2, one line naming the module', () => {
  let dir: string;
  let silent: Server;
  const held: Socket[] = [];
  let target: Awaited<ReturnType<typeof referenceTarget>>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'grantproof-fixtures-'));
    for (const [name, [source]] of Object.entries(MODULES)) await writeFile(path.join(dir, `${name}.mjs`), `${source}\n`);
    // Accepts connections and never says a word.
    silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    target = await referenceTarget();
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    await target.close();
  });

  it.each(Object.keys(MODULES))('%s', async (name) => {
    const file = path.join(dir, `${name}.mjs`);
    const started = performance.now();
    const run = await grantproof(['run', '--target', target.tokenUrl, '--fixtures', file, '--timeout', String(TIMEOUT_S)], {
      env: { GP_SILENT_PORT: String((silent.address() as AddressInfo).port) },
      timeoutMs: RUN_LIMIT_MS,
    });
    expect(performance.now() - started).toBeLessThan(RUN_LIMIT_MS);
    expect(run.exitCode, run.stderr).toBe(2);
    const line = run.stderr.trim().split('\n').at(-1)!;
    expect(line.startsWith(`grantproof: setting up "a registered client" failed: --fixtures ${file}`), line).toBe(true);
    expect(line).toMatch(MODULES[name]![1]);
    expect(line).toMatch(/; check --state-url or --fixtures$/);
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.results?.verdict).toBe('no verdict');
  });
});
