import type { Evidence, RequirementResult } from '../../results/model.js';
import { statusBadge, statusClass } from './status.js';
import { html, type Markup } from './template.js';
import { requestTranscript, responseTranscript } from '../transcript.js';

/** The order the evidence section shows requirements in: what did not pass first, then the rest in catalogue order. */
const EVIDENCE_RANK: Readonly<Record<string, number>> = { failed: 0, 'known-failure': 1, warning: 2, inconclusive: 3, skipped: 4, passed: 5 };

/**
 * How many wrong exchanges of one requirement the printed report shows in full: a run-wide
 * failure keeps up to 20, and a PDF with one failure stays within 15 pages (issue 20).
 */
export const PRINTED_TRANSCRIPTS = 5;

/** The requirements that recorded evidence, failures first. */
export function withEvidence(results: readonly RequirementResult[]): RequirementResult[] {
  return results.filter((r) => r.evidence.length > 0).sort((a, b) => (EVIDENCE_RANK[a.status] ?? 3) - (EVIDENCE_RANK[b.status] ?? 3));
}

/**
 * One requirement's evidence, wrong exchanges first, under the command that replays its failure
 * (`repro`, null when there is none to replay). In print only the groups of failed, warned and
 * known-failure requirements are shown, and in them only the wrong exchanges open (the style
 * sheet's print rules): a passed requirement is its one line in the matrix.
 */
export function evidenceGroup(result: RequirementResult, repro: string | null): Markup {
  const wrongFirst = [...result.evidence].sort((a, b) => Number(a.ok) - Number(b.ok));
  const wrong = wrongFirst.filter((e) => !e.ok).length;
  const unprinted = wrong - PRINTED_TRANSCRIPTS;
  return html`<section class="evidence-of ${statusClass('s', result.status)}" id="ev-${result.id}" data-id="${result.id}" data-status="${result.status}" data-level="${result.level}" data-category="${result.category}">
<h3>${statusBadge(result.status)} <a href="#req-${result.id}">${result.id}</a> ${result.title}</h3>
${result.reason === undefined ? '' : html`<p class="reason">${result.reason}</p>`}
${repro === null ? '' : html`<p class="repro">send it again: <code>${repro}</code></p>`}
${unprinted > 0 ? html`<p class="meta print-only">The first ${PRINTED_TRANSCRIPTS} of ${wrong} exchanges not as expected are printed in full, the others as one line each; report.html holds every transcript.</p>` : ''}
${wrongFirst.map((evidence, i) => evidenceItem(evidence, !evidence.ok && i < PRINTED_TRANSCRIPTS))}
</section>
`;
}

/**
 * One exchange as recorded (already redacted by the target client, SPEC §4 "Output"):
 * expected against actual, the request and response transcripts, the request as a curl line
 * (its secrets redacted, so only `grantproof repro` sends it again), and for a property failure
 * the seed and path that replay it; or a line of the target's log (LOG-NO-SECRET), redacted.
 * A `printed` one opens in print; the others print as their summary line.
 */
export function evidenceItem(evidence: Evidence, printed: boolean): Markup {
  const mark = evidence.ok ? '✓' : '✗';
  return html`<details class="evidence ${evidence.ok ? 'ok' : 'wrong'}${printed ? ' printed' : ''}">
<summary><span class="mark">${mark}</span> ${evidence.variant} <span class="meta">${evidence.ms} ms</span></summary>
<dl class="facts">
<dt>expected</dt><dd>${evidence.expected}</dd>
<dt>actual</dt><dd>${evidence.actual}</dd>
${replay(evidence)}
</dl>
${evidence.logLine === undefined ? transcripts(evidence) : loggedLine(evidence.logLine)}
</details>
`;
}

/** LOG-NO-SECRET: a line of the target's own log, redacted when it was read (SPEC §7); no request, nothing to replay. */
function loggedLine(logLine: NonNullable<Evidence['logLine']>): Markup {
  return html`<h5>line ${logLine.line} of the target's log (${logLine.source}), redacted</h5>
<pre class="transcript">${logLine.text}</pre>
`;
}

/** An exchange's request, response and curl line. */
function transcripts(evidence: Evidence): Markup {
  return html`<h5>request</h5>
<pre class="transcript">${requestTranscript(evidence)}</pre>
<h5>response</h5>
<pre class="transcript">${responseTranscript(evidence)}</pre>
<h5>the request, secrets redacted (not replayable: use grantproof repro)</h5>
<pre class="curl">${evidence.curl}</pre>
`;
}

/** SPEC §4: a property failure adds its seed, fast-check path and that it was shrunk. */
function replay(evidence: Evidence): Markup | undefined {
  if (evidence.seed === undefined && evidence.path === undefined) return undefined;
  return html`<dt>seed</dt><dd>${evidence.seed}</dd>
<dt>path</dt><dd>${evidence.path}</dd>
<dt>shrunk</dt><dd>${evidence.shrunk ? 'yes: the smallest request found that still fails' : 'no'}</dd>
`;
}
