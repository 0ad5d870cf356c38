import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { create } from 'xmlbuilder2';
import type { RequirementResult, RunResults } from '../results/model.js';

export const JUNIT_FILE = 'junit.xml';

/**
 * JUnit XML for CI: one testcase per requirement. A failed MUST is a `<failure>` with the
 * expected/actual message; skipped and inconclusive results are `<skipped>` with their
 * reason; a warning passes, with the warning on `<system-out>`.
 */
export function junitXml(run: RunResults): string {
  const failures = run.results.filter((r) => r.status === 'failed').length;
  const skipped = run.results.filter((r) => r.status === 'skipped' || r.status === 'inconclusive').length;
  const seconds = ((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(3);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
    name: 'grantproof',
    tests: run.results.length,
    failures,
    errors: 0,
    skipped,
    time: seconds,
  });
  const suite = root.ele('testsuite', {
    name: `grantproof ${run.profile} conformance`,
    tests: run.results.length,
    failures,
    errors: 0,
    skipped,
    time: seconds,
    timestamp: run.startedAt,
  });
  suite.ele('properties').ele('property', { name: 'target', value: run.target }).up().ele('property', { name: 'verdict', value: run.verdict });
  for (const result of run.results) {
    const testcase = suite.ele('testcase', { classname: `grantproof.${result.category}`, name: `${result.id}: ${result.title}`, time: seconds0(result) });
    if (result.status === 'failed') {
      testcase.ele('failure', { message: result.reason ?? 'failed', type: result.level }).txt(failureText(result));
    } else if (result.status === 'skipped' || result.status === 'inconclusive') {
      testcase.ele('skipped', { message: `${result.status}: ${result.reason ?? ''}` });
    } else if (result.status === 'warning') {
      testcase.ele('system-out').txt(`warning (${result.level}): ${result.reason ?? ''}`);
    }
  }
  return root.end({ prettyPrint: true });
}

function seconds0(result: RequirementResult): string {
  return (result.evidence.reduce((sum, e) => sum + e.ms, 0) / 1000).toFixed(3);
}

/** Each wrong answer with its reproduction. */
function failureText(result: RequirementResult): string {
  return result.evidence
    .filter((e) => !e.ok)
    .map((e) => `${e.variant}\n  expected: ${e.expected}\n  actual:   ${e.actual}\n  ${e.curl}`)
    .join('\n\n');
}

export async function writeJunit(outDir: string, run: RunResults): Promise<string> {
  const file = path.join(outDir, JUNIT_FILE);
  await writeFile(file, junitXml(run));
  return file;
}
