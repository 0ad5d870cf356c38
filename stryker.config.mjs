// @ts-check
/**
 * Mutation testing of the reference server's validation code (`npm run mutation`): each
 * mutant must be caught by the catalogue's conformance and property cases run against it
 * (test/mutation/catalogue-against-reference.test.ts). Results: reports/mutation/.
 *
 * Out of scope, since SPEC §1 does not decide them and the reference server's own tests cover
 * them: read-body.ts (the body size limit), secrets.ts (how fixtures' stored secrets look),
 * session.ts (StorX's session cookie, which the harness always sends, SPEC §3) and the
 * state-change endpoint (SPEC §3, fixtures rather than validation).
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/*', './test/mutation/step-name-ignorer.mjs'],
  ignorers: ['step-names'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  coverageAnalysis: 'perTest',
  mutate: [
    'reference-server/steps/*.ts',
    'reference-server/token-request.ts',
    'reference-server/compact-jws.ts',
    'reference-server/codes.ts',
    'reference-server/clients.ts',
    'reference-server/used-jwts.ts',
    'reference-server/token-endpoint.ts',
    'reference-server/token-writers.ts',
    'reference-server/errors.ts',
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 2,
  timeoutMS: 60_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
