import { describe, it } from 'vitest';
import { expectMergedLikeWhole } from '../support/shards.js';

describe('grantproof run --shard i/n, then grantproof merge, every stage', () => {
  it('against the reference server, properties included, the merged reports say what one run says', async () => {
    await expectMergedLikeWhole({}, [], 0);
  });
});
