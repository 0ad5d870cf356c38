import { it } from 'vitest';
import { referenceTarget } from '../support/servers.js';
import { grantproof, statusOf } from '../support/run-cli.js';
import { brokenServers } from './index.js';
it('rates', async () => {
  for (const server of brokenServers.filter((s) => s.blindSpotOfExamples)) {
    const target = await referenceTarget(server.options);
    const missed: number[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const run = await grantproof(['run', ...target.args, '--only', 'properties', '--seed', String(seed)]);
      if (statusOf(run, server.catches) !== 'failed') missed.push(seed);
    }
    console.log('RATE', server.name, server.catches, `${10 - missed.length}/10`, 'missed', missed.join(','));
    await target.close();
  }
}, 1800000);
