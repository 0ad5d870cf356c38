import { redactUrl } from '../client/redact-url.js';
import type { ProfileName } from '../vocabulary/profile.js';
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

/** How each profile names its steps on the terminal, and the headings of its groups of steps. */
interface StepLayout {
  readonly labels: Readonly<Partial<Record<StepName, string>>>;
  /** A heading printed before the step it names. */
  readonly headings: Readonly<Partial<Record<StepName, string>>>;
}

const LAYOUT: Readonly<Record<ProfileName, StepLayout>> = {
  storx: {
    labels: {
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
    },
    headings: { jws: 'client_secret (SPEC §1 steps 1–6)', code: 'code (SPEC §1 steps 7–8)' },
  },
  rfc7523: {
    labels: {
      method: 'method',
      'content-type': 'Content-Type',
      parameters: 'parameters',
      'assertion-type': 'assertion_type',
      jws: 'JWS',
      alg: 'alg',
      'iss-sub': 'iss, sub',
      client: 'client',
      'client-id': 'client_id',
      aud: 'aud',
      exp: 'exp',
      nbf: 'nbf',
      jti: 'jti',
      iat: 'iat',
      signature: 'signature',
      code: 'code',
      'redirect-uri': 'redirect_uri',
      'code-verifier': 'code_verifier',
    },
    headings: { 'assertion-type': 'client_assertion (RFC 7521 §4.2, RFC 7523 §3)', code: 'grant (RFC 6749 §4.1.3, RFC 7636 §4.5)' },
  },
};
const LABEL_WIDTH = 15;

/** The report for a terminal: one line a step, the verdict, the next actions. */
export function renderText({ request, diagnosis, target }: DoctorReport): string {
  const lines = [`Request: ${describeRequest(request)}`, ...renderSteps(diagnosis.steps, diagnosis.profile), '', `Verdict: ${diagnosis.verdict.line}`];
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

/** One line a step, `✓ 5 exp  expires in …`, grouped as the profile's validation groups them, details indented. */
export function renderSteps(steps: readonly StepResult[], profile: ProfileName = 'storx'): string[] {
  const { labels, headings } = LAYOUT[profile];
  const lines: string[] = [];
  for (const step of steps) {
    const heading = headings[step.step];
    if (heading !== undefined) lines.push(heading);
    lines.push(`  ${SYMBOL[step.mark]} ${(labels[step.step] ?? step.step).padEnd(LABEL_WIDTH)} ${step.line}`);
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
  if (request.format === 'form') return 'a form body';
  const headers = Object.keys(request.headers);
  return `a curl command line, ${request.method} ${request.url === null ? '(no URL)' : redactUrl(request.url)}${headers.length ? `, headers: ${headers.join(', ')}` : ''}`;
}

function showAnswer(answer: TargetAnswer): string {
  return `${answer.status} ${answer.body || '(empty body)'} (${answer.ms} ms)`;
}

function numbered(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : [`${title}:`, ...items.map((item, i) => `  ${i + 1}. ${item}`)];
}
