import { redactUrl } from '../client/redact-url.js';
import type { Diagnosis } from './diagnose.js';
import type { TargetAnswer } from './explain.js';
import type { DoctorRequest } from './request.js';
import type { TargetReport } from './send.js';
import type { Mark, StepName, StepResult } from './step.js';

/** What `grantproof doctor` reports: the local diagnosis, and the target's answers when asked. */
export interface DoctorReport {
  readonly request: DoctorRequest;
  readonly diagnosis: Diagnosis;
  readonly target: TargetReport | null;
}

const SYMBOL: Readonly<Record<Mark, string>> = { pass: '✓', fail: '✗', warn: '!', unknown: '?', skipped: '–' };

const LABEL: Readonly<Record<StepName, string>> = {
  method: 'method',
  'content-type': 'Content-Type',
  body: 'body',
  fields: 'fields',
  jws: '1 JWS',
  alg: '2 alg',
  claims: '2 claims',
  client: '3 client',
  signature: '4 signature',
  exp: '5 exp',
  'client-id': '6 client_id',
  code: '7 code',
  'redirect-uri': '8 redirect_uri',
};
const LABEL_WIDTH = 15;
const FIRST_CLIENT_SECRET_STEP: StepName = 'jws';
const FIRST_SERVER_STEP: StepName = 'code';

/** The report for a terminal: one line a step, the verdict, the next actions. */
export function renderText({ request, diagnosis, target }: DoctorReport): string {
  const lines = [`Request: ${describeRequest(request)}`, ...renderSteps(diagnosis.steps), '', `Verdict: ${diagnosis.verdict.line}`];
  if (target === null) {
    lines.push(...numbered('Next', diagnosis.next));
  } else {
    lines.push('', `Sent to ${target.url}:`, `  your request       ${showAnswer(target.original)}`);
    lines.push(`  with a fresh JWT   ${target.fresh === null ? `not sent: ${target.freshSkipped}` : showAnswer(target.fresh)}`);
    lines.push(`So: ${target.explanation.line}`);
    lines.push(...numbered('Next', target.explanation.next.length ? target.explanation.next : diagnosis.next));
  }
  lines.push('', LEGEND);
  return lines.join('\n');
}

export const LEGEND = '✓ passes  ✗ the server must refuse  ! likely a mistake  ? only the server can tell  – not reached';

/** One line a step, `✓ 5 exp  expires in …`, grouped as SPEC §1 groups them, details indented. */
export function renderSteps(steps: readonly StepResult[]): string[] {
  const lines: string[] = [];
  for (const step of steps) {
    if (step.step === FIRST_CLIENT_SECRET_STEP) lines.push('client_secret (SPEC §1 steps 1–6)');
    if (step.step === FIRST_SERVER_STEP) lines.push('code (SPEC §1 steps 7–8)');
    lines.push(`  ${SYMBOL[step.mark]} ${LABEL[step.step].padEnd(LABEL_WIDTH)} ${step.line}`);
    for (const detail of step.detail ?? []) lines.push(`  ${' '.repeat(LABEL_WIDTH + 2)} ${detail}`);
  }
  return lines;
}

/** The report for scripts (`--json`): the same content, nothing secret. */
export function renderJson({ request, diagnosis, target }: DoctorReport): string {
  return JSON.stringify(
    {
      request: { format: request.format, method: request.method, url: request.url === null ? null : redactUrl(request.url), headers: Object.keys(request.headers) },
      steps: diagnosis.steps,
      verdict: diagnosis.verdict,
      next: target?.explanation.next.length ? target.explanation.next : diagnosis.next,
      target,
    },
    null,
    2,
  );
}

function describeRequest(request: DoctorRequest): string {
  if (request.format === 'json') return 'a JSON body';
  const headers = Object.keys(request.headers);
  return `a curl command line, ${request.method} ${request.url === null ? '(no URL)' : redactUrl(request.url)}${headers.length ? `, headers: ${headers.join(', ')}` : ''}`;
}

function showAnswer(answer: TargetAnswer): string {
  return `${answer.status} ${answer.body || '(empty body)'} (${answer.ms} ms)`;
}

function numbered(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : [`${title}:`, ...items.map((item, i) => `  ${i + 1}. ${item}`)];
}
