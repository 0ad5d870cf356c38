import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { create } from 'xmlbuilder2';
import type { RequirementResult, ResultStatus, RunResults } from '../results/model.js';
import { threatLine, verdictStatement } from '../results/statement.js';

export const JUNIT_FILE = 'junit.xml';

/** Results CI parsers (Jenkins, GitLab, GitHub's JUnit actions) must count as skipped: `<skipped>`. */
const SKIPPED: readonly ResultStatus[] = ['skipped', 'inconclusive', 'known-failure'];

/**
 * JUnit XML for CI: one testcase per requirement, in the Ant/Surefire shape that Jenkins,
 * GitLab and GitHub's JUnit actions read. A failed MUST is a `<failure>` with the
 * expected/actual message and each wrong answer in its body; skipped, inconclusive and known
 * failures are `<skipped>` with their reason, so a known failure never fails a CI job; a
 * warning, or a note such as "listed in --expected-failures but passed", passes with it on
 * `<system-out>`. Characters XML 1.0 cannot carry (a property example's control
 * characters, say) become U+FFFD instead of making the file unreadable. The suite's
 * properties say what the terminal summary says: the verdict with what it rests on, and the
 * threats with the open ones named.
 */
export function junitXml(run: RunResults): string {
  const failures = run.results.filter((r) => r.status === 'failed').length;
  const skipped = run.results.filter((r) => SKIPPED.includes(r.status)).length;
  const seconds = ((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(3);
  const totals = { tests: run.results.length, failures, errors: 0, skipped, time: seconds };
  const root = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' }).ele('testsuites', { name: 'grantproof', ...totals });
  // The Ant schema's timestamp: ISO 8601 without a zone (UTC here) or fraction.
  const suite = root.ele('testsuite', { name: `grantproof ${run.profile} conformance`, ...totals, timestamp: run.startedAt.slice(0, 19) });
  const properties = suite.ele('properties');
  for (const [name, value] of suiteProperties(run)) properties.ele('property', { name, value });
  for (const result of run.results) {
    const testcase = suite.ele('testcase', { classname: `grantproof.${result.category}`, name: `${result.id}: ${result.title}`, time: secondsOf(result) });
    if (result.status === 'failed') {
      testcase.ele('failure', { message: result.reason ?? 'failed', type: `${result.level} not met` }).txt(failureText(result));
    } else if (SKIPPED.includes(result.status)) {
      testcase.ele('skipped', { message: skipMessage(result) });
    }
    const out = systemOut(result);
    if (out) testcase.ele('system-out').txt(out);
  }
  return root.end({ prettyPrint: true });
}

/** The run's facts, with the verdict statement and the threat line the terminal summary prints too. */
function suiteProperties(run: RunResults): [string, string][] {
  const threats = threatLine(run.threats);
  return [
    ['target', run.target],
    ['verdict', run.verdict],
    ['verdict statement', verdictStatement(run)],
    ...(threats === null ? [] : [['threats', threats] as [string, string]]),
  ];
}

function secondsOf(result: RequirementResult): string {
  return ((result.ms ?? result.evidence.reduce((sum, e) => sum + e.ms, 0)) / 1000).toFixed(3);
}

function skipMessage(result: RequirementResult): string {
  if (result.status !== 'known-failure') return `${result.status}: ${result.reason ?? ''}`;
  const known = result.knownFailure;
  return `known failure: ${known?.reason ?? ''}${known?.link ? ` (${known.link})` : ''}; ${result.reason ?? ''}`;
}

/** A warning, a known failure's wrong answers and any note, for the CI page of a testcase that did not fail. */
function systemOut(result: RequirementResult): string {
  const lines: string[] = [];
  if (result.status === 'warning') lines.push(`warning (${result.level}): ${result.reason ?? ''}`);
  if (result.status === 'known-failure') lines.push(failureText(result));
  if (result.note !== undefined) lines.push(result.note);
  return lines.join('\n');
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
