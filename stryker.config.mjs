// @ts-check
/**
 * Mutation testing of the reference server (`npm run mutation`): every file of it is mutated,
 * and each mutant must be noticed by the catalogue's conformance and property cases run against
 * it (test/mutation/catalogue-against-reference.test.ts) or, for what SPEC §1 keeps from any
 * client (exact time boundaries, memory and its bounds, the state endpoint's fixtures), by the
 * reference server's own tests (test/reference-server/). The catalogue runs first, so
 * `killedBy` in the JSON report says which. Results: reports/mutation/.
 *
 * The mutants Stryker counts as ignored, and the survivors shown to be equivalent, are listed
 * with their reasons in stryker.equivalents.md, beside this file.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/*'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  coverageAnalysis: 'perTest',
  mutate: ['reference-server/**/*.ts'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 2,
  // A mutant that leaves a request unanswered is cut by the harness's own 10 s timeout first.
  timeoutMS: 15_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
