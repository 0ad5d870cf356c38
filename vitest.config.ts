import { defineConfig } from 'vitest/config';

// Tests of grantproof itself. The conformance suites under suites/ are not run here:
// `grantproof run` starts them against a target (see cli/run.ts). The long soaks
// (`*.soak.test.ts`) run with `npm run test:soak` (vitest.soak.config.ts).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.soak.test.ts', '**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
