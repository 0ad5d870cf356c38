import { describe, it } from 'vitest';
import { expectOnlyItsWarning, wholeRunServers } from './whole-run.js';

/** A few seeds in `npm test`; whole-run.soak.test.ts tries twenty. */
const SEEDS = [1, 2, 3];

describe.each(wholeRunServers)('$name, judged on every stage', (server) => {
  it.each(SEEDS)(`warns ${server.catches} alone and passes every MUST with seed %i`, (seed) => expectOnlyItsWarning(server, seed));
});
