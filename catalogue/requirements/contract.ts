import type { Requirement } from '../types.js';

export const contract: readonly Requirement[] = [
  {
    id: 'CONTRACT-PACT',
    level: 'MUST',
    category: 'contract',
    stage: 'contract',
    title: 'The target answers every interaction of the pacts it is verified against as recorded',
    source: 'SPEC §4 (--pact-dir, --broker-url); SPEC §3 provider states; Pact specification v4',
    expected: "each interaction's recorded response, under its matchers",
    // Loaded on demand: Pact's native core is only needed when a pact source is given.
    verify: async (config) => {
      const { contractResult, verifyPacts } = await import('../../contract/verify/verify-pacts.js');
      const verification = await verifyPacts(config, config.pacts);
      return { result: contractResult(verification), exchanges: verification.outcomes.flatMap((o) => (o.exchange ? [o.exchange] : [])) };
    },
  },
];
