import { defineConfig } from 'vitest/config';

// `npm run test:soak`: the long runs kept out of `npm test` so that it stays within minutes
// (many-seed property soaks, `npm pack` + install, 100,000-request soaks of the reference
// server). Files are named `*.soak.test.ts`; `.ci/run` runs them after `npm test`.
export default defineConfig({
  test: {
    include: ['test/**/*.soak.test.ts'],
    globalSetup: ['test/support/gallery-build.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
