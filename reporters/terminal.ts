import Table from 'cli-table3';
import type { RunResults } from '../results/model.js';

/** The summary table printed at the end of a run: every requirement that did not pass, and the counts. */
export function summaryTable(run: RunResults): string {
  const table = new Table({ head: ['requirement', 'level', 'status', 'why'], colWidths: [26, 8, 14, 80], wordWrap: true, style: { head: [], border: [] } });
  for (const result of run.results) {
    if (result.status === 'passed' || result.reason === 'not selected') continue;
    table.push([result.id, result.level, result.status, result.reason ?? '']);
  }
  const s = run.summary;
  const counts = `requirements: ${s.passed} passed · ${s.failed} failed · ${s.warnings} warnings · ${s.skipped} skipped · ${s.inconclusive} inconclusive · ${s.knownFailures} known failures`;
  return `${table.length ? `${table.toString()}\n` : ''}${counts}\nverdict: ${run.verdict}`;
}
