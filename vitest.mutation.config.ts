import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The catalogue's file first, then the reference server's own tests. StrykerJS stops at the
 * first test that fails, so a mutant the catalogue notices is counted killed by a catalogue
 * test, and `killedBy` in reports/mutation/mutation.json tells those the server's own tests
 * alone notice (what SPEC §1 keeps from the harness: exact time boundaries, memory, fixtures).
 */
class CatalogueFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => (file.moduleId.includes('/test/mutation/') ? 0 : 1);
    return [...(await super.sort(files))].sort((a, b) => rank(a) - rank(b));
  }
}

// `npm run mutation`: StrykerJS runs these for each mutant of the reference server: the
// catalogue against it in-process, and its own tests. `npm test` runs them once too, against
// the unmutated server.
export default defineConfig({
  test: {
    include: ['test/mutation/**/*.test.ts', 'test/reference-server/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    sequence: { sequencer: CatalogueFirst },
  },
});
