import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, grantproof } from '../support/run-cli.js';

/**
 * Issue 16 item 6: one `grantproof serve --enable-states` kept through 20 full runs (the
 * contract stage included), two at a time as shards of one target would run. Each run tears
 * down what it set up (SPEC §3), so after every pair the server keeps no client and no code;
 * and one run's teardowns never take what the other still uses (both stay conformant). The
 * counts are read from `GET /provider-states/counts`, which `serve` offers beside the state
 * endpoint and only with it: the soak talks to a process of its own, as a user's run would.
 */
const RUNS = 20;
const AT_ONCE = 2;

interface Counts {
  readonly clients: number;
  readonly codes: number;
  readonly used_jwts: number;
}

describe('grantproof serve --enable-states through 20 full runs', () => {
  let serve: ChildProcess;
  let origin: string;

  beforeAll(async () => {
    serve = spawn(process.execPath, [BIN, 'serve', '--enable-states', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let printed = '';
    serve.stdout?.setEncoding('utf8');
    for await (const chunk of serve.stdout ?? []) {
      printed += String(chunk);
      const listening = /token endpoint: (http:\/\/\S+)\/api\/v0\/oauth2\/token/.exec(printed);
      if (listening?.[1] !== undefined) {
        origin = listening[1];
        break;
      }
    }
  });
  afterAll(async () => {
    serve.kill('SIGTERM');
    await once(serve, 'exit');
  });

  async function counts(): Promise<Counts> {
    const res = await request(`${origin}/provider-states/counts`);
    return (await res.body.json()) as Counts;
  }

  it('keeps no client and no code after each pair of runs, and every run is conformant', async () => {
    const args = ['run', '--target', `${origin}/api/v0/oauth2/token`, '--state-url', `${origin}/provider-states`, '--pact-dir', 'pacts'];
    const after: Counts[] = [];
    for (let started = 0; started < RUNS; started += AT_ONCE) {
      const runs = await Promise.all(Array.from({ length: AT_ONCE }, () => grantproof(args, { timeoutMs: 180_000 })));
      for (const run of runs) expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
      after.push(await counts());
    }
    console.log(`after each pair of runs: ${after.map((c) => `${c.clients} clients, ${c.codes} codes, ${c.used_jwts} used JWTs`).join('; ')}`);
    expect(after.map(({ clients, codes }) => ({ clients, codes }))).toEqual(Array<object>(RUNS / AT_ONCE).fill({ clients: 0, codes: 0 }));
  }, 540_000);
});
