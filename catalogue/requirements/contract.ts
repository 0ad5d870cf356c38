import type { Requirement } from '../types.js';
import { inEveryProfile } from '../../vocabulary/expectation.js';

export const contract: readonly Requirement[] = [
  {
    id: 'CONTRACT-PACT',
    level: 'MUST',
    category: 'contract',
    stage: 'contract',
    title: 'The target answers every interaction of the pacts it is verified against as recorded',
    source: 'SPEC §4 (--pact-dir, --broker-url); SPEC §3 provider states; Pact specification v4',
    expect: inEveryProfile({ rule: "each interaction's recorded response, under its matchers" }),
  },
];
