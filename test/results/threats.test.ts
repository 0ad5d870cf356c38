import { describe, expect, it } from 'vitest';
import { catalogue, requirementById } from '../../catalogue/index.js';
import { NOT_SECURITY_REQUIREMENTS, threats, threatsCounteredBy, type Threat } from '../../catalogue/threats.js';
import { resultsContractBreaches } from '../../results/contract.js';
import type { ResultStatus } from '../../results/model.js';
import { openThreats, threatResults, threatStatus } from '../../results/threats.js';
import { evidence, sampleRun } from '../reporters/sample-results.js';

describe('the threat catalogue (SPEC §6)', () => {
  it('names only catalogue requirements, each threat with a title, a source and at least one non-empty alternative', () => {
    const ids = new Set(catalogue.map((r) => r.id));
    for (const threat of threats) {
      expect(threat.id, threat.id).toMatch(/^T(-[A-Z0-9]+)+$/);
      expect(threat.title.length, threat.id).toBeGreaterThan(0);
      expect(threat.source, threat.id).toMatch(/RFC \d+ §|seed \d{3}|seeds \d{3}/);
      expect(threat.alternatives.length, threat.id).toBeGreaterThan(0);
      for (const alternative of threat.alternatives) {
        expect(alternative.length, threat.id).toBeGreaterThan(0);
        expect(alternative.filter((id) => !ids.has(id)), `${threat.id} names IDs that are not in the catalogue`).toEqual([]);
      }
    }
    expect(new Set(threats.map((t) => t.id)).size).toBe(threats.length);
  });

  it('has every MUST requirement counter a threat, unless it is listed as not about security, with why', () => {
    const musts = catalogue.filter((r) => r.level === 'MUST');
    const uncovered = musts.filter((r) => threatsCounteredBy(r.id).length === 0 && NOT_SECURITY_REQUIREMENTS[r.id] === undefined).map((r) => r.id);
    expect(uncovered, 'MUST requirements that counter no threat and are not listed in NOT_SECURITY_REQUIREMENTS').toEqual([]);
    for (const [id, why] of Object.entries(NOT_SECURITY_REQUIREMENTS)) {
      expect(requirementById(id)?.level, `${id} is listed as not about security but is not a MUST of the catalogue`).toBe('MUST');
      expect(threatsCounteredBy(id), `${id} is listed as not about security yet counters threats`).toEqual([]);
      expect(why.length).toBeGreaterThan(0);
    }
  });

  it('cover each of the seeds\' failure modes with a threat of its own', () => {
    const seeds = threats.filter((t) => t.id.startsWith('T-SEED-')).map((t) => t.id);
    expect(seeds).toEqual(['T-SEED-UNREGISTERED-CLIENT', 'T-SEED-RAW-SECRET', 'T-SEED-HEX-KEY', 'T-SEED-EXPIRED-JWT']);
  });

  it("derives a requirement's threats from the threat catalogue alone", () => {
    expect(threatsCounteredBy('AUTH-ALG-NONE')).toEqual(['T-JWT-UNSIGNED']);
    expect(threatsCounteredBy('PROP-EXP-WINDOW')).toEqual(['T-SEED-EXPIRED-JWT']);
    expect(threatsCounteredBy('REQ-METHOD')).toEqual([]);
  });
});

describe('threat statuses (SPEC §6), computed in the results model', () => {
  const threat: Threat = { id: 'T-EXAMPLE', title: 'an example', source: 'RFC 6819 §4.3.3', alternatives: [['A', 'B'], ['C']] };
  const statusWith = (statuses: Record<string, ResultStatus>, t: Threat = threat) => threatStatus(t, 'storx', new Map(Object.entries(statuses)));

  it('is mitigated when every requirement of one alternative passed', () => {
    expect(statusWith({ A: 'passed', B: 'passed', C: 'failed' })).toBe('mitigated');
    expect(statusWith({ A: 'failed', B: 'skipped', C: 'passed' })).toBe('mitigated');
  });

  it('is partially mitigated when every alternative has a failure and some requirement passed', () => {
    expect(statusWith({ A: 'passed', B: 'failed', C: 'failed' })).toBe('partially mitigated');
  });

  it('is not mitigated when every alternative has a failure and none passed', () => {
    expect(statusWith({ A: 'failed', B: 'skipped', C: 'failed' })).toBe('not mitigated');
  });

  it('counts a known failure and a warning as unmet: an expected failure keeps the run conformant, never the threat mitigated', () => {
    expect(statusWith({ A: 'known-failure', B: 'passed', C: 'warning' })).toBe('partially mitigated');
    expect(statusWith({ A: 'known-failure', B: 'known-failure', C: 'known-failure' })).toBe('not mitigated');
  });

  it('is undetermined when an alternative with no failure still needs a skipped or inconclusive requirement, or one with no result', () => {
    expect(statusWith({ A: 'passed', B: 'inconclusive', C: 'failed' })).toBe('undetermined');
    expect(statusWith({ A: 'passed', B: 'failed', C: 'skipped' })).toBe('undetermined');
    expect(statusWith({ A: 'passed', B: 'failed' })).toBe('undetermined');
  });

  it('is not relevant when the profile has nothing the threat depends on', () => {
    expect(statusWith({ A: 'failed', B: 'failed', C: 'failed' }, { ...threat, profiles: ['rfc7523'] })).toBe('not relevant');
    expect(statusWith({ A: 'passed', B: 'passed' }, { ...threat, profiles: ['storx', 'rfc7523'] })).toBe('mitigated');
  });

  it('leaves out of each alternative the requirements not part of the run\'s profile (SPEC §5), so none of them keeps a threat undetermined', () => {
    const forged = threats.find((t) => t.alternatives.flat().includes('AUTH-EXP-PRECEDENCE'))!;
    const passed = catalogue.filter((r) => r.expect.rfc7523 !== undefined).map((r) => ({ id: r.id, status: 'passed' as const }));
    const [inRfc7523] = threatResults('rfc7523', passed, [forged]);
    expect(inRfc7523!.alternatives.flat()).not.toContain('AUTH-EXP-PRECEDENCE');
    expect(inRfc7523!.status).toBe('mitigated');
    expect(threatResults('storx', passed, [forged])[0]!.alternatives).toEqual(forged.alternatives);
  });

  it('lists, for each threat of a run, the requirements of its alternatives that were not met', () => {
    const [result] = threatResults('storx', [{ id: 'A', status: 'passed' }, { id: 'B', status: 'known-failure' }, { id: 'C', status: 'warning' }], [threat]);
    expect(result).toEqual({ id: 'T-EXAMPLE', title: 'an example', source: 'RFC 6819 §4.3.3', status: 'partially mitigated', alternatives: threat.alternatives, unmet: ['B', 'C'] });
    expect(openThreats([result!])).toEqual([result]);
  });

  it('is carried in results.json: a failure leaves its threat open, and the contract refuses a status the results do not make', () => {
    const run = sampleRun({ 'AUTH-ALG-NONE': { status: 'failed', reason: 'expected 401 invalid_client, got 200', evidence: [evidence({ ok: false })] } });
    expect(run.results.find((r) => r.id === 'AUTH-ALG-NONE')?.threats).toEqual(['T-JWT-UNSIGNED']);
    expect(run.threats?.find((t) => t.id === 'T-JWT-UNSIGNED')?.status).toBe('not mitigated');
    expect(openThreats(run.threats ?? []).map((t) => t.id)).toEqual(['T-JWT-UNSIGNED']);
    expect(resultsContractBreaches(run)).toEqual([]);
    const edited = JSON.parse(JSON.stringify(run)) as { threats: { id: string; status: string }[] };
    edited.threats.find((t) => t.id === 'T-JWT-UNSIGNED')!.status = 'mitigated';
    expect(resultsContractBreaches(edited)).toEqual(['threat T-JWT-UNSIGNED is "mitigated", but the results make it "not mitigated"']);
  });
});
