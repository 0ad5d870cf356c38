/** SPEC §6: how far a run shows a threat mitigated. */
export type ThreatStatus = 'mitigated' | 'partially mitigated' | 'not mitigated' | 'undetermined' | 'not relevant';

/** SPEC §6 results.json `threats[]`: a threat, its countermeasures and the status the run gives it. */
export interface ThreatResult {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly status: ThreatStatus;
  readonly alternatives: readonly (readonly string[])[];
  /** The requirements of its alternatives that did not pass (failed, warned, known failures): what an auditor reads next. */
  readonly unmet: readonly string[];
}
