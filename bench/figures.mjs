#!/usr/bin/env node
/**
 * `npm run bench`: what a full run costs, and how fast the property stage drives a target
 * against what a dedicated load generator gets from the same server in the same run (issue
 * 3's goal: a ratio of at least 0.5). Figures only: no threshold is asserted here.
 *
 * 1. Times `grantproof run` (the README's main job: the embedded server, every stage) five
 *    times in child processes, and takes the median wall time.
 * 2. Starts the reference server in this process, counting every request it serves, and runs
 *    the full catalogue against it once: the requests a run sends.
 * 3. Runs `grantproof run --only properties` against it; the property stage's rate is the
 *    requests served between its first and last, over that span.
 * 4. Runs autocannon against the token endpoint of the same server for the same number of
 *    seconds, with a JSON token request of the kind the stage sends.
 * 5. Times the full catalogue against a server of its own (no added latency), then against
 *    one whose every request waits 10 ms before it is served, as a real backend's database
 *    round trip makes it wait (issue 19): their ratio says how much of a run is spent waiting
 *    on the target, one request after another.
 * 6. Times a naive script that sends one request per SPEC ID (a fresh client and code for
 *    each, then the token request, one after another) against the same kind of server: the
 *    least a run against a local target could cost.
 * 7. The least a full run could take against that server: the time its first request arrived
 *    after the process started, then every request it sends at autocannon's rate (no harness
 *    work at all), against the naive script (issue 19's goal of at most 3).
 * 8. Prints one table, with the machine's load average at the start and at the end.
 *
 * Usage: npm run bench [-- --runs N (default: grantproof's) --connections N (default 10) --repeat N (default 5) --latency MS (default 10)]
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { createReferenceServer } from '../dist/reference-server/index.js';
import { mintClientSecret } from '../dist/jwt/index.js';
import { DEFAULT_RUNS } from '../dist/cli/run-options.js';
import Table from 'cli-table3';

const run = promisify(execFile);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values: flags } = parseArgs({
  options: { runs: { type: 'string', default: String(DEFAULT_RUNS) }, connections: { type: 'string', default: '10' }, repeat: { type: 'string', default: '5' }, latency: { type: 'string', default: '10' } },
});

/**
 * The reference server behind a listener that notes when each request arrived and, given
 * `latencyMs`, serves each request only that long after it arrived (a backend's round trip).
 */
async function countingReferenceServer(latencyMs = 0) {
  const reference = createReferenceServer({ enableStates: true });
  const arrivals = [];
  const server = createServer((req, res) => {
    arrivals.push({ at: performance.now(), token: req.url?.startsWith('/api/') ?? false });
    if (latencyMs > 0) setTimeout(() => reference.listener(req, res), latencyMs);
    else reference.listener(req, res);
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

/**
 * `grantproof run ARGS` in a child process, its reports in a temporary folder; resolves to its
 * wall time in seconds and the moment (performance.now()) it was started.
 */
async function grantproofRun(args) {
  const out = await mkdtemp(path.join(tmpdir(), 'grantproof-bench-'));
  const started = performance.now();
  try {
    await run(process.execPath, [path.join(root, 'dist/cli/main.js'), 'run', ...args, '--out', out], { maxBuffer: 16 * 1024 * 1024 });
    return { seconds: (performance.now() - started) / 1000, started };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

async function fullRunWallTimes(times) {
  const seconds = [];
  for (let i = 0; i < times; i += 1) seconds.push((await grantproofRun(['--seed', String(i + 1)])).seconds);
  return seconds.sort((a, b) => a - b);
}

/**
 * The full catalogue against `server`: its wall time, the requests it sent, and how long after
 * the process started its first request (the preflight's) arrived.
 */
async function fullRunAgainst(server) {
  const before = server.arrivals.length;
  const { seconds, started } = await grantproofRun(['--target', server.tokenUrl, '--state-url', server.stateUrl, '--seed', '1']);
  const sent = server.arrivals.slice(before);
  const token = sent.filter((arrival) => arrival.token).length;
  return { seconds, token, state: sent.length - token, firstRequest: (sent[0].at - started) / 1000 };
}

/** The same full run against a fresh server whose every request waits `latencyMs`. */
async function fullRunWithLatency(latencyMs) {
  const slow = await countingReferenceServer(latencyMs);
  try {
    return await fullRunAgainst(slow);
  } finally {
    await slow.close();
  }
}

/**
 * A naive script, in a child process as a run is: for each SPEC ID of the catalogue, a fresh
 * client and code over the state endpoint and one token request, one after another (no
 * harness, no checks). Resolves to its wall time, process start included.
 */
const NAIVE_SCRIPT = `
const [stateUrl, tokenUrl, ids] = process.argv.slice(1);
const { mintClientSecret } = await import(${JSON.stringify(new URL('../dist/jwt/index.js', import.meta.url).href)});
const post = (url, body) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
for (let i = 0; i < Number(ids); i += 1) {
  const client = await post(stateUrl, { action: 'setup', state: 'a registered client', params: {} });
  const { code } = await post(stateUrl, { action: 'setup', state: 'an authorization code', params: { client_id: client.client_id, redirect_uri: client.redirect_uri } });
  const clientSecret = await mintClientSecret({ clientId: client.client_id, exp: Math.floor(Date.now() / 1000) + 120, secret: client.client_secret });
  await post(tokenUrl, { client_id: client.client_id, client_secret: clientSecret, redirect_uri: client.redirect_uri, code, passphrase: '' });
}`;

async function naiveScript(server) {
  const { catalogue } = await import('../dist/catalogue/index.js');
  const started = performance.now();
  await run(process.execPath, ['--input-type=module', '-e', NAIVE_SCRIPT, server.stateUrl, server.tokenUrl, String(catalogue.length)]);
  return { seconds: (performance.now() - started) / 1000, requests: catalogue.length * 3, ids: catalogue.length };
}

async function propertyStage(server) {
  const before = server.arrivals.length;
  await grantproofRun(['--target', server.tokenUrl, '--state-url', server.stateUrl, '--only', 'properties', '--runs', flags.runs, '--seed', '1']);
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

/** The machine's 1-minute load average: figures measured on a busy machine say little, and the table says how busy it was. */
const load = () => loadavg()[0].toFixed(2);

const repeat = Number(flags.repeat);
const loadAtStart = load();
const wall = await fullRunWallTimes(repeat);
const server = await countingReferenceServer();
try {
  const requests = await fullRunAgainst(server);
  const stage = await propertyStage(server);
  const baseline = await autocannon(server, stage.seconds);
  const ratio = stage.perSecond / baseline.perSecond;
  const latencyMs = Number(flags.latency);
  const slow = await fullRunWithLatency(latencyMs);
  const naive = await naiveScript(server);
  // No harness work at all after its first request: the requests alone, as fast as the server serves a load generator.
  const floor = requests.firstRequest + (requests.token + requests.state) / baseline.perSecond;
  const table = new Table({ head: ['measure', 'figure'], style: { head: [], border: [] } });
  table.push(
    [`full run, embedded server (median of ${repeat})`, `${wall[Math.floor(wall.length / 2)].toFixed(2)} s (min ${wall[0].toFixed(2)} s, max ${wall.at(-1).toFixed(2)} s)`],
    ['requests a full run sends', `${requests.token + requests.state} (${requests.token} token, ${requests.state} state)`],
    [`property stage (--runs ${flags.runs})`, `${stage.perSecond.toFixed(0)} req/s (${stage.requests} requests in ${stage.seconds.toFixed(2)} s${stage.split})`],
    [`autocannon (${flags.connections} connections), same server`, `${baseline.perSecond.toFixed(0)} req/s (${baseline.requests} requests in ${baseline.seconds.toFixed(2)} s)`],
    ['ratio, property stage / autocannon', `${ratio.toFixed(2)} (goal: at least 0.5)`],
    ['full run, a local target (its own server, no added latency)', `${requests.seconds.toFixed(2)} s`],
    [`full run, every request ${latencyMs} ms later`, `${slow.seconds.toFixed(2)} s (${slow.token + slow.state} requests: ${slow.token} token, ${slow.state} state)`],
    [`ratio, ${latencyMs} ms / no added latency`, `${(slow.seconds / requests.seconds).toFixed(2)} (goal: at most 1.5)`],
    [`naive script: one request per SPEC ID (${naive.ids} IDs, ${naive.requests} requests)`, `${naive.seconds.toFixed(2)} s`],
    ['ratio, full run / naive script, a local target', `${(requests.seconds / naive.seconds).toFixed(2)} (goal: at most 3)`],
    ['full run, a local target: its first request, after the process started', `${requests.firstRequest.toFixed(2)} s`],
    [`least a full run could take: that, then its ${requests.token + requests.state} requests at autocannon's rate`, `${floor.toFixed(2)} s (${(floor / naive.seconds).toFixed(2)} × the naive script)`],
    ['load average (1 min) at the start, at the end', `${loadAtStart}, ${load()}`],
  );
  console.log(table.toString());
} finally {
  await server.close();
}
