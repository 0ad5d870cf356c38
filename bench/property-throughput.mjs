#!/usr/bin/env node
/**
 * How fast the property stage drives a target, against what a dedicated load generator gets
 * from the same server in the same run (issue 3's goal: a ratio of at least 0.5).
 *
 * 1. Starts the embedded reference server in this process, counting every request it serves.
 * 2. Runs `grantproof run --only properties` against it in a child process; the property
 *    stage's rate is the requests served between its first and last, over that span.
 * 3. Runs autocannon, also in a child process, against the token endpoint of the same server
 *    for the same number of seconds, with a JSON token request of the kind the stage sends.
 * 4. Prints both rates and their ratio.
 *
 * Usage: npm run bench [-- --runs N (default: grantproof's) --connections N (default 10)]
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { createReferenceServer } from '../dist/reference-server/index.js';
import { mintClientSecret } from '../dist/jwt/index.js';
import { DEFAULT_RUNS } from '../dist/cli/run-options.js';

const run = promisify(execFile);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values: flags } = parseArgs({ options: { runs: { type: 'string', default: String(DEFAULT_RUNS) }, connections: { type: 'string', default: '10' } } });

/** The reference server behind a listener that notes when each request arrived. */
async function countingReferenceServer() {
  const reference = createReferenceServer({ enableStates: true });
  const arrivals = [];
  const server = createServer((req, res) => {
    arrivals.push({ at: performance.now(), token: req.url?.startsWith('/api/') ?? false });
    reference.listener(req, res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    reference,
    arrivals,
    tokenUrl: `${origin}/api/v0/oauth2/token`,
    stateUrl: `${origin}/provider-states`,
    close: () => new Promise((resolve) => server.close(resolve)).finally(() => server.closeAllConnections()),
  };
}

/** Requests per second over the span between the first and the last arrival in `arrivals`. */
function rate(arrivals) {
  const seconds = (arrivals.at(-1).at - arrivals[0].at) / 1000;
  const token = arrivals.filter((arrival) => arrival.token).length;
  return { requests: arrivals.length, seconds, perSecond: arrivals.length / seconds, split: ` (${token} token, ${arrivals.length - token} state)` };
}

async function propertyStage(server) {
  const out = await mkdtemp(path.join(tmpdir(), 'grantproof-bench-'));
  const before = server.arrivals.length;
  try {
    await run(process.execPath, [path.join(root, 'dist/cli/main.js'), 'run', '--target', server.tokenUrl, '--state-url', server.stateUrl, '--only', 'properties', '--runs', flags.runs, '--seed', '1', '--out', out]);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
  // The first requests are the positive control; the property stage starts after it.
  return rate(server.arrivals.slice(before + 4));
}

async function autocannon(server, seconds) {
  const client = server.reference.setup('a registered client');
  const body = JSON.stringify({
    client_id: client.client_id,
    client_secret: await mintClientSecret({ clientId: client.client_id, exp: Math.floor(Date.now() / 1000) + 120, secret: client.client_secret }),
    redirect_uri: client.redirect_uri,
    code: 'never-issued',
    passphrase: 'bench',
  });
  const bin = path.join(root, 'node_modules/.bin/autocannon');
  const args = ['--json', '--connections', flags.connections, '--duration', String(Math.max(1, Math.round(seconds))), '--method', 'POST', '--headers', 'content-type=application/json', '--body', body, server.tokenUrl];
  const { stdout } = await run(bin, args, { maxBuffer: 16 * 1024 * 1024 });
  const result = JSON.parse(stdout);
  return { requests: result.requests.total, seconds: result.duration, perSecond: result.requests.average, split: '' };
}

const server = await countingReferenceServer();
try {
  const stage = await propertyStage(server);
  const baseline = await autocannon(server, stage.seconds);
  const ratio = stage.perSecond / baseline.perSecond;
  const line = (name, r) => `${name.padEnd(34)} ${String(r.requests).padStart(7)} requests in ${r.seconds.toFixed(2).padStart(6)} s = ${r.perSecond.toFixed(0).padStart(6)} req/s${r.split}`;
  console.log(line(`property stage (--runs ${flags.runs})`, stage));
  console.log(line(`autocannon (${flags.connections} connections)`, baseline));
  console.log(`ratio: ${ratio.toFixed(2)} (goal: at least 0.5)`);
} finally {
  await server.close();
}
