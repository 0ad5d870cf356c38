// A broken server of the gallery (or a correct variant), served in a worker thread of its own
// from the compiled gallery (test/support/gallery-build.ts): the judging test's event loop
// never serves it. Posts the port it listens on and its profile; the worker is terminated to
// stop it. With a `logFile`, the server's log lines are appended to it, for a run's
// --target-log. Started by startReferenceServer, so an rfc7523 server's issuer is the origin it
// listens on, and the audience a run's assertions carry is its own (RFC 7523 §3 item 3).
import { appendFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const { build, name, logFile } = workerData;
const load = (file) => import(pathToFileURL(path.join(build, file)).href);
const { everyBrokenServer, correctVariants } = await load('test/broken-servers/index.js');
const { startReferenceServer } = await load('reference-server/index.js');

const entry = [...everyBrokenServer, ...correctVariants].find((server) => server.name === name);
if (!entry) throw new Error(`no server named ${name} in the gallery`);
const log = logFile === undefined ? {} : { log: (line) => appendFileSync(logFile, `${line}\n`) };
const server = await startReferenceServer({ enableStates: true, ...entry.options, ...log });
parentPort.postMessage({ port: Number(new URL(server.origin).port), profile: entry.options.profile ?? 'storx' });
