import Table from 'cli-table3';
import { isListedButPassed } from '../results/known-failures.js';
import { isNotSelected, type RequirementResult, type RunResults } from '../results/model.js';
import { NOT_SELECTED } from '../vocabulary/outcome.js';
import { reproCommand } from '../results/repro-command.js';
import { threatLine, verdictStatement } from '../results/statement.js';

/**
 * The summary printed at the end of a run: every requirement that did not pass (a failure with
 * the command that sends its request again, SPEC §4 `grantproof repro`), the counts,
 * the threats in one line with the open ones named, and the verdict with what it rests on;
 * junit.xml carries the same two lines (reporters/junit.ts).
 */
export function summaryTable(run: RunResults): string {
  const table = new Table({ head: ['requirement', 'level', 'status', 'why'], colWidths: [26, 8, 14, 80], wordWrap: true, style: { head: [], border: [] } });
  for (const result of run.results) {
    if (result.status === 'passed' || isNotSelected(result)) continue;
    const known = result.knownFailure ? `known: ${result.knownFailure.reason}; ` : '';
    const answer = answerLine(result);
    const repro = reproCommand(run, result);
    table.push([result.id, result.level, result.status, `${known}${result.reason ?? ''}${answer === null ? '' : `\nthe answer: ${answer}`}${repro === null ? '' : `\nsend it again: ${repro}`}`]);
  }
  const s = run.summary;
  const counts = `requirements: ${s.passed} passed · ${s.failed} failed · ${s.warnings} warnings · ${s.skipped} skipped · ${s.inconclusive} inconclusive · ${s.knownFailures} known failures`;
  const threats = threatLine(run.threats);
  return `${table.length ? `${table.toString()}\n` : ''}${contractLines(run)}${leftOutWithReason(run)}${counts}\n${threats === null ? '' : `${threats}\n`}${stageTimes(run)}${prunable(run)}verdict: ${verdictStatement(run)}`;
}

/** The longest excerpt of an answer's body the summary shows. */
const ANSWER_LINE_CHARS = 120;

/**
 * The first line of the body that answered a failed result's first wrong exchange (recorded
 * redacted): "got 500" says little, "TypeError: Cannot read properties of undefined" says
 * where to look. Null when the result did not fail on an answer with a body.
 */
function answerLine(result: RequirementResult): string | null {
  if (result.status !== 'failed' && result.status !== 'warning' && result.status !== 'known-failure') return null;
  const body = result.evidence.find((e) => !e.ok && e.response !== null)?.response?.body.trim();
  if (!body) return null;
  const line = body.split(/\r?\n/, 1)[0]!;
  return line.length > ANSWER_LINE_CHARS ? `${line.slice(0, ANSWER_LINE_CHARS)}…` : line;
}

/**
 * Requirements left out for a reason of their own (no pact source, say), each on a line of its
 * own: they are not gaps to fix, and the reader should not have to open the report to see why.
 */
function leftOutWithReason(run: RunResults): string {
  const lines = run.results.filter((r) => isNotSelected(r) && r.reason !== NOT_SELECTED).map((r) => `${r.id} not run, not a gap to fix: ${r.reason}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Each pact interaction verified, with what differed: the outcome `verify-pact` exists for. */
function contractLines(run: RunResults): string {
  const contract = run.results.filter((r) => r.stage === 'contract' && r.evidence.length > 0);
  const lines = contract.flatMap((r) => [`${r.id}:`, ...r.evidence.map((e) => `  ${e.ok ? '✓' : '✗'} ${e.variant}${e.ok ? '' : `\n      ${e.actual}`}`)]);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** SPEC §4: listed in --expected-failures, yet passed: the list can be pruned. */
function prunable(run: RunResults): string {
  const passed = run.results.filter(isListedButPassed).map((r) => r.id);
  if (passed.length === 0) return '';
  return `passed though listed in --expected-failures, remove from ${String(run.options.expectedFailures)}: ${passed.join(', ')}\n`;
}

/**
 * How long each stage that ran took, e.g. `time: conformance 2.1 s · properties 3.4 s`: from
 * its first case's start to its last case's end, since cases overlap (`--concurrency`); the
 * sum of its cases' times for a results.json written before results recorded their start.
 */
function stageTimes(run: RunResults): string {
  const spans = new Map<string, { from: number; to: number; sum: number; timed: boolean }>();
  for (const result of run.results) {
    const { stage } = result;
    if (result.ms === undefined || isNotSelected(result) || stage === undefined || stage === 'run-wide') continue;
    const at = result.at ?? 0;
    const span = spans.get(stage) ?? { from: at, to: at, sum: 0, timed: true };
    spans.set(stage, { from: Math.min(span.from, at), to: Math.max(span.to, at + result.ms), sum: span.sum + result.ms, timed: span.timed && result.at !== undefined });
  }
  if (spans.size === 0) return '';
  const seconds = ({ from, to, sum, timed }: { from: number; to: number; sum: number; timed: boolean }) => (timed ? to - from : sum) / 1000;
  return `time: ${[...spans].map(([stage, span]) => `${stage} ${seconds(span).toFixed(1)} s`).join(' · ')}\n`;
}
