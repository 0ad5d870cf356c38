// A broken server of the gallery (or a correct variant), served in a worker thread of its own
// from the compiled gallery (test/support/gallery-build.ts): the judging test's event loop
// never serves it. Posts the port it listens on; the worker is terminated to stop it. With a
// `logFile`, the server's log lines are appended to it, for a run's --target-log.
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const { build, name, logFile } = workerData;
const load = (file) => import(pathToFileURL(path.join(build, file)).href);
const { brokenServers, correctVariants } = await load('test/broken-servers/index.js');
const { createReferenceServer } = await load('reference-server/index.js');

const entry = [...brokenServers, ...correctVariants].find((server) => server.name === name);
if (!entry) throw new Error(`no server named ${name} in the gallery`);
const log = logFile === undefined ? {} : { log: (line) => appendFileSync(logFile, `${line}\n`) };
const server = createServer(createReferenceServer({ enableStates: true, ...entry.options, ...log }).listener);
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
