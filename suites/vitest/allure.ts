import * as allure from 'allure-js-commons';
import { ContentType, LabelName, Severity, type Label } from 'allure-js-commons';
import { bodyCutNote } from '../../vocabulary/exchange.js';
import type { CaseResult, Evidence, ResultInfo } from '../../results/model.js';

/**
 * A wrong answer, shaped the way Allure reads a failed assertion (it has `expected` and
 * `actual`), so Allure shows the test or step as failed, not broken. Not a HarnessError: a
 * wrong answer is a finding about the target (SPEC §4 "failed"), never a harness error, and
 * its shape is Allure's, not the harness's.
 */
export class WrongAnswer extends Error {
  override readonly name = 'WrongAnswer';
  constructor(
    message: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(message);
  }
}

/**
 * Tells Allure, from inside a requirement's test, what the results model says of it: the
 * requirement ID, level and category as labels, the status and reason as labels too
 * (Allure keeps no reason for a skipped test), and each exchange as a step with its
 * transcript attached. The evidence was redacted when it was recorded, so the
 * attachments hold no secret. Under a vitest without allure-vitest's reporter,
 * allure-js-commons only warns that it has no runtime, and nothing is written.
 */
export async function reportToAllure(requirement: ResultInfo, result: CaseResult): Promise<void> {
  // The requirement ID identifies the test across runs, shards and install paths.
  await allure.testCaseId(requirement.id);
  await allure.historyId(requirement.id);
  await allure.labels(...labelsOf(requirement, result));
  if (result.knownFailure?.link) await allure.issue(result.knownFailure.link, result.knownFailure.reason);
  await allure.description(descriptionOf(requirement, result));
  for (const evidence of result.evidence) await evidenceStep(evidence);
}

function labelsOf(requirement: ResultInfo, result: CaseResult): Label[] {
  const labels: Label[] = [
    { name: 'requirement', value: requirement.id },
    { name: 'level', value: requirement.level },
    { name: 'category', value: requirement.category },
    { name: 'result', value: result.status },
    { name: LabelName.SEVERITY, value: requirement.level === 'MUST' ? Severity.CRITICAL : Severity.NORMAL },
    { name: LabelName.PARENT_SUITE, value: 'grantproof' },
    { name: LabelName.SUITE, value: requirement.category },
    { name: LabelName.FEATURE, value: requirement.category },
    { name: LabelName.STORY, value: requirement.id },
  ];
  if (result.reason !== undefined) labels.push({ name: 'reason', value: result.reason });
  if (result.status !== 'passed') labels.push({ name: LabelName.TAG, value: result.status });
  if (result.knownFailure) labels.push({ name: 'known-failure', value: result.knownFailure.reason });
  return labels;
}

function descriptionOf(requirement: ResultInfo, result: CaseResult): string {
  const lines = [
    `**${requirement.level}** · ${requirement.source}`,
    '',
    `Expected: ${requirement.expected}`,
    '',
    `Result: **${result.status}**${result.reason !== undefined ? `: ${result.reason}` : ''}`,
  ];
  if (result.note !== undefined) lines.push('', `Note: ${result.note}`);
  if (result.knownFailure) lines.push('', `Known failure: ${result.knownFailure.reason}${result.knownFailure.link ? ` (${result.knownFailure.link})` : ''}`);
  return lines.join('\n');
}

/** One exchange as a step: failed when the answer was wrong, its transcript attached. */
async function evidenceStep(evidence: Evidence): Promise<void> {
  try {
    await allure.step(evidence.variant, async (step) => {
      await step.parameter('expected', evidence.expected);
      await step.parameter('actual', evidence.actual);
      await step.parameter('ms', String(evidence.ms));
      await allure.attachment('transcript', transcript(evidence), ContentType.TEXT);
      if (!evidence.ok) throw new WrongAnswer(`expected ${evidence.expected}, got ${evidence.actual}`, evidence.expected, evidence.actual);
    });
  } catch (error) {
    if (!(error instanceof WrongAnswer)) throw error;
  }
}

/** The exchange as text: request, response (or why there was none), the judgement and a curl line. */
export function transcript(evidence: Evidence): string {
  const { request, response } = evidence;
  const headers = (record: Readonly<Record<string, string>>) => Object.entries(record).map(([name, value]) => `${name}: ${value}`);
  const lines = [`${request.method} ${request.url}`, ...headers(request.headers), '', request.body ?? '', ''];
  const note = response ? bodyCutNote(response) : null;
  if (response) lines.push(`HTTP ${response.status}`, ...headers(response.headers), '', response.body, ...(note === null ? [] : [note]), '');
  else lines.push(`no response: ${evidence.failure ?? 'none'}`, '');
  lines.push(`expected: ${evidence.expected}`, `actual:   ${evidence.actual}`);
  if (evidence.seed !== undefined) lines.push(`seed: ${evidence.seed}, path: ${evidence.path ?? ''}${evidence.shrunk ? ' (shrunk)' : ''}`);
  lines.push('', evidence.curl);
  return `${lines.join('\n')}\n`;
}
