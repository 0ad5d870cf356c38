import { describe, expect, it } from 'vitest';
import { noVerdictLine } from '../../cli/run.js';
import { sampleRun } from '../reporters/sample-results.js';

/** What the evaluation reports for CONTRACT-PACT when the run names no pacts (suites/evaluate.ts). */
const NO_PACT_SOURCE = { status: 'skipped' as const, reason: 'not selected: no pact source (--pact-dir or --broker-url)', evidence: [] };

describe('the one line of a run with no verdict (SPEC §4)', () => {
  it('names the MUST that could not be judged, passing over one not selected for want of a pact source', () => {
    const run = sampleRun({ 'CONTRACT-PACT': NO_PACT_SOURCE, 'RESP-NO-5XX': { status: 'inconclusive', reason: 'nothing to judge', evidence: [] } });
    expect(run.verdict).toBe('no verdict');
    expect(noVerdictLine(run)).toBe('no verdict: RESP-NO-5XX inconclusive: nothing to judge');
  });

  it('passes over a MUST --only left out', () => {
    const run = sampleRun({ 'AUTH-ALG-NONE': { status: 'skipped', reason: 'not selected', evidence: [] }, 'CODE-EXPIRED': { status: 'skipped', reason: 'no fixture', evidence: [] } });
    expect(noVerdictLine(run)).toBe('no verdict: CODE-EXPIRED skipped: no fixture');
  });
});
