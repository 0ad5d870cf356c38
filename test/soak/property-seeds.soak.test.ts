import { describe, it } from 'vitest';
import { expectPropertyStageHolds } from '../support/property-stage.js';

/** No property fails the reference server on any of 20 seeds (a false failure is as bad as a missed bug). */
describe('the property stage against the reference server, 20 seeds', () => {
  for (let seed = 1; seed <= 20; seed += 1) {
    it(`holds with --seed ${seed}`, () => expectPropertyStageHolds(seed));
  }
});
