import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import schema from '../schema/results.v1.json' with { type: 'json' };
import { SUMMARY_KEY, VERDICT_EXIT, type ResultStatus, type Summary, type Verdict } from './model.js';
import { threatStatus } from './threats.js';

/**
 * The results contract of SPEC §4, as one function: a `results.json` document is checked
 * against the JSON Schema the package ships (`schema/results.v1.json`), then for what a
 * schema cannot say: one result per ID, summary counts equal to the results', and the
 * verdict that the results make, and each threat's status that its alternatives make of the
 * results (SPEC §6). Every writer of results.json calls it, and so do the tests.
 */
export function resultsContractBreaches(doc: unknown): string[] {
  if (!validate(doc)) return (validate.errors ?? []).map(describeSchemaError);
  return [...duplicateIds(doc), ...summaryMismatches(doc), ...verdictMismatch(doc), ...threatMismatches(doc)];
}

/** SPEC §4's exit status for a verdict, and a breach when a run's exit status says otherwise. */
export function exitStatusBreach(doc: Pick<ContractView, 'verdict'>, exitStatus: number): string | null {
  const expected = VERDICT_EXIT[doc.verdict];
  return exitStatus === expected ? null : `exit status ${exitStatus}, but verdict "${doc.verdict}" means ${expected}`;
}

/** The part of results.json the contract's own checks read, after the schema has passed. */
interface ContractView {
  readonly verdict: Verdict;
  readonly summary: Summary;
  readonly profile: 'storx' | 'rfc7523';
  readonly results: readonly { readonly id: string; readonly level: string; readonly status: ResultStatus; readonly reason?: string }[];
  readonly threats?: readonly { readonly id: string; readonly title: string; readonly source: string; readonly status: string; readonly alternatives: readonly (readonly string[])[] }[];
}

/** SPEC §4, §5, §7: skipped as not selected, as not part of the run's profile, or where no rate limit was seen; none counts for the verdict. */
const NOT_JUDGED = /^(not (selected|part of profile)|no rate limit seen)\b/;

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats.default(ajv, ['date-time']);
const validate = ajv.compile<ContractView>(schema);

function describeSchemaError(error: ErrorObject): string {
  return `${error.instancePath || '(top level)'}: ${error.message ?? error.keyword}`;
}

function duplicateIds(doc: ContractView): string[] {
  const seen = new Set<string>();
  return doc.results.flatMap(({ id }) => (seen.has(id) ? [`${id}: more than one result`] : (seen.add(id), [])));
}

function summaryMismatches(doc: ContractView): string[] {
  const counted: Record<keyof Summary, number> = { passed: 0, failed: 0, warnings: 0, skipped: 0, inconclusive: 0, knownFailures: 0 };
  for (const { status } of doc.results) counted[SUMMARY_KEY[status]] += 1;
  return (Object.keys(counted) as (keyof Summary)[])
    .filter((key) => doc.summary[key] !== counted[key])
    .map((key) => `summary.${key} is ${doc.summary[key]}, the results count ${counted[key]}`);
}

/** SPEC §4's verdict table, applied to the results as written. */
function verdictMismatch(doc: ContractView): string[] {
  const judged = doc.results.filter((r) => r.level === 'MUST' && !NOT_JUDGED.test(r.reason ?? ''));
  const expected = judged.some((r) => r.status === 'failed')
    ? 'not conformant'
    : judged.some((r) => r.status === 'skipped' || r.status === 'inconclusive')
      ? 'no verdict'
      : 'conformant';
  return doc.verdict === expected ? [] : [`verdict "${doc.verdict}", but the results make it "${expected}"`];
}

/**
 * SPEC §6: a threat's status as its alternatives make it of the results written. Whether a
 * threat is relevant to a profile is the threat catalogue's to say, so `not relevant` is taken as written.
 */
function threatMismatches(doc: ContractView): string[] {
  const statuses = new Map(doc.results.map((r) => [r.id, r.status] as const));
  return (doc.threats ?? []).flatMap((threat) => {
    if (threat.status === 'not relevant') return [];
    const expected = threatStatus(threat, doc.profile, statuses);
    return threat.status === expected ? [] : [`threat ${threat.id} is "${threat.status}", but the results make it "${expected}"`];
  });
}
