import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { SerializedError } from 'vitest';
import { isLeftOut, type CaseResult } from '../../results/model.js';
import '../context.js';

/**
 * The vitest reporter of `grantproof run`: collects each requirement's result from its
 * test's meta, and shows progress while the run goes on: a line for each requirement the
 * run exercises, and one line at the end for those it left out. It computes no verdict.
 */
export class ResultCollector implements Reporter {
  readonly results = new Map<string, CaseResult>();
  /** Errors outside any test (a suite that failed to load, say): harness errors. */
  readonly errors: string[] = [];
  private done = 0;
  private leftOut = 0;

  constructor(
    /** How many requirements the run exercises: the ones it does not leave out. */
    private readonly total: number,
    private readonly progress: (line: string) => void,
  ) {}

  onTestCaseResult(testCase: TestCase): void {
    const meta = testCase.meta();
    const id = meta.requirementId;
    if (!id) return;
    const result = meta.grantproof ?? fromVitestOutcome(testCase);
    this.results.set(id, result);
    if (isLeftOut(result)) {
      this.leftOut += 1;
      return;
    }
    this.done += 1;
    const width = String(this.total).length;
    const count = `[${String(this.done).padStart(width)}/${this.total}]`;
    const requests = result.evidence.length ? ` (${result.evidence.length} exchange${result.evidence.length === 1 ? '' : 's'})` : '';
    this.progress(`${count} ${MARK[result.status]} ${id}${requests}${result.status === 'passed' ? '' : ` ${result.status}`}`);
  }

  onUserConsoleLog(log: { content: string }): void {
    this.progress(`  ${log.content.trimEnd()}`);
  }

  onTestRunEnd(modules: readonly TestModule[], errors: readonly SerializedError[]): void {
    if (this.leftOut > 0) this.progress(`- ${this.leftOut} requirement${this.leftOut === 1 ? '' : 's'} not selected for this run (not run, no effect on the verdict)`);
    for (const error of errors) this.errors.push(error.message);
    for (const module of modules) for (const error of module.errors()) this.errors.push(error.message);
  }
}

const MARK: Record<CaseResult['status'], string> = {
  passed: '✓',
  failed: '✗',
  warning: '!',
  skipped: '-',
  inconclusive: '?',
  'known-failure': '✗',
};

/** A test that ended without recording a result: the harness itself broke. */
function fromVitestOutcome(testCase: TestCase): CaseResult {
  const outcome = testCase.result();
  const message =
    outcome.state === 'failed' ? (outcome.errors?.[0]?.message ?? 'unknown error') : outcome.state === 'skipped' ? (outcome.note ?? 'skipped') : outcome.state;
  return { status: 'inconclusive', reason: `harness error: ${message}`, evidence: [] };
}
