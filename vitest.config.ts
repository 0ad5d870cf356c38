import { defineConfig } from 'vitest/config';

// Tests of grantproof itself. The conformance suites under suites/ are not run here:
// `grantproof run` starts them against a target (see cli/run.ts).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
