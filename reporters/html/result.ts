import type { RequirementResult } from '../../results/model.js';
import { evidenceItem } from './evidence.js';
import { STATUS_LABEL } from './labels.js';
import { html, type Markup } from './template.js';

/**
 * One row of the requirement matrix: status, ID, level, title and source clause, which
 * opens to the result's reason and evidence. The data attributes are what the filters read.
 */
export function resultItem(result: RequirementResult): Markup {
  const wrongFirst = [...result.evidence].sort((a, b) => Number(a.ok) - Number(b.ok));
  const wrong = result.evidence.filter((e) => !e.ok).length;
  return html`<details class="result s-${result.status}" id="${`req-${result.id}`}" data-id="${result.id}" data-status="${result.status}" data-level="${result.level}" data-category="${result.category}">
<summary><span class="status">${STATUS_LABEL[result.status] ?? result.status}</span><span class="id">${result.id}</span><span class="level">${result.level}</span><span class="title">${result.title}${result.reason === undefined ? '' : html`<span class="reason">${result.reason}</span>`}</span><span class="source">${result.source}</span></summary>
<div class="body">
<dl class="facts">
<dt>expected</dt><dd>${result.expected}</dd>
${result.reason === undefined ? '' : html`<dt>reason</dt><dd>${result.reason}</dd>`}
${result.note === undefined ? '' : html`<dt>note</dt><dd>${result.note}</dd>`}
${knownFailure(result)}
${result.ms === undefined ? '' : html`<dt>time</dt><dd>${(result.ms / 1000).toFixed(2)} s</dd>`}
<dt>evidence</dt><dd>${evidenceCount(result.evidence.length, wrong)}</dd>
</dl>
${wrongFirst.map(evidenceItem)}
</div>
</details>
`;
}

function evidenceCount(total: number, wrong: number): string {
  if (total === 0) return 'none recorded';
  return `${total} exchange${total === 1 ? '' : 's'}${wrong ? `, ${wrong} not as expected (listed first)` : ''}`;
}

/**
 * SPEC §4 `--expected-failures`: the reason a failure is expected, and its tracking link.
 * Read defensively, since results.json may come from another version: only strings are
 * shown, and only an http(s) link becomes a link.
 */
function knownFailure(result: RequirementResult): Markup | undefined {
  const known: unknown = result.knownFailure;
  if (typeof known !== 'object' || known === null) return undefined;
  const { reason, link } = known as { reason?: unknown; link?: unknown };
  const shownLink = typeof link !== 'string' ? '' : /^https?:\/\//i.test(link) ? html` <a href="${link}">${link}</a>` : ` ${link}`;
  return html`<dt>known failure</dt><dd>${typeof reason === 'string' ? reason : 'listed in --expected-failures'}${shownLink}</dd>`;
}
