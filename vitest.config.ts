import { defineConfig } from 'vitest/config';

// Tests of grantproof itself. The conformance suites under suites/ are not run here:
// `grantproof run` starts them against a target (see cli/run.ts). The long soaks
// (`*.soak.test.ts`) run with `npm run test:soak` (vitest.soak.config.ts).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.soak.test.ts', '**/node_modules/**'],
    // The gallery compiled once, so each broken server can run in a worker thread of its own.
    globalSetup: ['test/support/gallery-build.ts'],
    // Two files at once even on two cores (vitest's default is one fewer than the cores): most
    // files wait on child processes and servers rather than compute.
    maxWorkers: 2,
    // Limits for a loaded machine, never assertions of speed: a test that runs the command line
    // waits for a child process that starts vitest of its own.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
