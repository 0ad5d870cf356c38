import { isNotSelected, type RunResults } from './model.js';
import type { ThreatResult } from './threat-result.js';
import { openThreats, THREAT_STATUS_ORDER } from './threats.js';

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/**
 * The verdict with what it rests on, in the words every reporter uses (report.html's first
 * line, the terminal summary, JUnit's properties): "conformant with 3 known failures",
 * "not conformant: 2 MUST requirements failed". It restates the model's verdict and counts;
 * it decides nothing.
 */
export function verdictStatement(run: Pick<RunResults, 'verdict' | 'summary' | 'results'>): string {
  const { knownFailures, warnings } = run.summary;
  const selectedMust = run.results.filter((r) => r.level === 'MUST' && !isNotSelected(r));
  const also = [knownFailures > 0 ? plural(knownFailures, 'known failure') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean);
  if (run.verdict === 'not conformant') {
    const failed = selectedMust.filter((r) => r.status === 'failed').length;
    return `not conformant: ${plural(failed, 'MUST requirement')} failed${also.length ? `, besides ${also.join(' and ')}` : ''}`;
  }
  if (run.verdict === 'no verdict') {
    const unjudged = selectedMust.filter((r) => r.status === 'skipped' || r.status === 'inconclusive').length;
    return `no verdict: ${plural(unjudged, 'MUST requirement')} could not be judged (skipped or inconclusive)${also.length ? `, besides ${also.join(' and ')}` : ''}`;
  }
  return also.length ? `conformant with ${also.join(' and ')}` : `conformant: every selected MUST requirement passed`;
}

/**
 * The threat view in one line, open threats named: "threats: 15 mitigated · 1 not mitigated;
 * not mitigated: T-JWT-UNSIGNED". Null for a results.json written before threats existed.
 */
export function threatLine(threats: readonly ThreatResult[] | undefined): string | null {
  if (threats === undefined) return null;
  const counts = THREAT_STATUS_ORDER.map((status) => [status, threats.filter((t) => t.status === status).length] as const).filter(([, count]) => count > 0);
  const open = openThreats(threats);
  const named = open.length ? `; open: ${open.map((t) => `${t.id} (${t.status})`).join(', ')}` : '; none open';
  return `threats: ${counts.map(([status, count]) => `${count} ${status}`).join(' · ') || 'none'}${named}`;
}
