import Table from 'cli-table3';
import { requirementById } from '../catalogue/index.js';
import { isNotSelected, type RunResults } from '../results/model.js';

/** The summary table printed at the end of a run: every requirement that did not pass, and the counts. */
export function summaryTable(run: RunResults): string {
  const table = new Table({ head: ['requirement', 'level', 'status', 'why'], colWidths: [26, 8, 14, 80], wordWrap: true, style: { head: [], border: [] } });
  for (const result of run.results) {
    if (result.status === 'passed' || isNotSelected(result)) continue;
    table.push([result.id, result.level, result.status, result.reason ?? '']);
  }
  const s = run.summary;
  const counts = `requirements: ${s.passed} passed · ${s.failed} failed · ${s.warnings} warnings · ${s.skipped} skipped · ${s.inconclusive} inconclusive · ${s.knownFailures} known failures`;
  return `${table.length ? `${table.toString()}\n` : ''}${contractLines(run)}${counts}\n${stageTimes(run)}verdict: ${run.verdict}`;
}

/** Each pact interaction verified, with what differed: the outcome `verify-pact` exists for. */
function contractLines(run: RunResults): string {
  const contract = run.results.filter((r) => requirementById(r.id)?.stage === 'contract' && r.evidence.length > 0);
  const lines = contract.flatMap((r) => [`${r.id}:`, ...r.evidence.map((e) => `  ${e.ok ? '✓' : '✗'} ${e.variant}${e.ok ? '' : `\n      ${e.actual}`}`)]);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** How long each stage that ran took, e.g. `time: conformance 2.1 s · properties 3.4 s`. */
function stageTimes(run: RunResults): string {
  const seconds = new Map<string, number>();
  for (const result of run.results) {
    const stage = requirementById(result.id)?.stage;
    if (result.ms === undefined || isNotSelected(result) || stage === undefined || stage === 'run-wide') continue;
    seconds.set(stage, (seconds.get(stage) ?? 0) + result.ms / 1000);
  }
  if (seconds.size === 0) return '';
  return `time: ${[...seconds].map(([stage, s]) => `${stage} ${s.toFixed(1)} s`).join(' · ')}\n`;
}
