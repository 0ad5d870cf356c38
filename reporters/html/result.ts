import type { RequirementResult } from '../../results/model.js';
import { statusBadge, statusClass } from './status.js';
import { html, type Markup } from './template.js';

/**
 * One row of the requirement matrix: status (mark and word), ID, level, title with the
 * reason, and source clause; it opens to the result's facts, the threats it counters and a
 * link to its evidence. The data attributes are what the filters read.
 */
export function resultItem(result: RequirementResult): Markup {
  return html`<details class="result ${statusClass('s', result.status)}" id="${`req-${result.id}`}" data-id="${result.id}" data-status="${result.status}" data-level="${result.level}" data-category="${result.category}">
<summary>${statusBadge(result.status)}<span class="id">${result.id}</span><span class="level">${result.level}</span><span class="title">${result.title}${result.reason === undefined ? '' : html`<span class="reason">${result.reason}</span>`}</span><span class="source">${result.source}</span></summary>
<div class="body">
${resultFacts(result)}
</div>
</details>
`;
}

/** What a result says besides its evidence: expected, reason, note, known failure, time, threats countered, evidence count. */
export function resultFacts(result: RequirementResult): Markup {
  const wrong = result.evidence.filter((e) => !e.ok).length;
  const threats = Array.isArray(result.threats) ? result.threats : [];
  return html`<dl class="facts">
<dt>expected</dt><dd>${result.expected}</dd>
${result.reason === undefined ? '' : html`<dt>reason</dt><dd>${result.reason}</dd>`}
${result.note === undefined ? '' : html`<dt>note</dt><dd>${result.note}</dd>`}
${knownFailure(result)}
${result.ms === undefined ? '' : html`<dt>time</dt><dd>${(result.ms / 1000).toFixed(2)} s</dd>`}
${threats.length === 0 ? '' : html`<dt>counters</dt><dd>${threats.map((id, i) => html`${i ? ', ' : ''}<a href="#threat-${id}">${id}</a>`)}</dd>`}
<dt>evidence</dt><dd>${result.evidence.length === 0 ? 'none recorded' : html`<a href="#ev-${result.id}">${evidenceCount(result.evidence.length, wrong)}</a>`}</dd>
</dl>`;
}

function evidenceCount(total: number, wrong: number): string {
  return `${total} exchange${total === 1 ? '' : 's'}${wrong ? `, ${wrong} not as expected (listed first)` : ''}`;
}

/**
 * SPEC §4 `--expected-failures`: the reason a failure is expected, and its tracking link.
 * Read defensively, since results.json may come from another version: only strings are
 * shown, and only an http(s) link becomes a link.
 */
function knownFailure(result: RequirementResult): Markup | undefined {
  const text = knownFailureText(result);
  return text === undefined ? undefined : html`<dt>known failure</dt><dd>${text}</dd>`;
}

/** A known failure's reason and link, or undefined when the result carries none it can show. */
export function knownFailureText(result: RequirementResult): Markup | undefined {
  const known: unknown = result.knownFailure;
  if (typeof known !== 'object' || known === null) return undefined;
  const { reason, link } = known as { reason?: unknown; link?: unknown };
  const shownLink = typeof link !== 'string' ? '' : /^https?:\/\//i.test(link) ? html` <a href="${link}">${link}</a>` : ` ${link}`;
  return html`${typeof reason === 'string' ? reason : 'listed in --expected-failures'}${shownLink}`;
}
