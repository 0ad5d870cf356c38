import { defineConfig } from 'vitest/config';

// `npm run mutation`: StrykerJS runs this one file, the catalogue against the reference
// server in-process, for each mutant of the reference server's validation code. `npm test`
// runs it once too, against the unmutated server.
export default defineConfig({
  test: {
    include: ['test/mutation/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
