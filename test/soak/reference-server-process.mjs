// The reference server in a process of its own, for the soaks: its resident memory is then its
// own, not the test runner's. Built from dist/ (`pretest:soak` builds it). Over IPC it says
// where it listens, answers `rss` with process.memoryUsage().rss, and stops on `close`.
import { startReferenceServer } from '../../dist/reference-server/index.js';

const server = await startReferenceServer({ enableStates: true });
process.send?.({ kind: 'listening', origin: server.origin });
process.on('message', (message) => {
  if (message === 'rss') process.send?.({ kind: 'rss', rss: process.memoryUsage().rss });
  if (message === 'close') void server.close().then(() => process.exit(0));
});
