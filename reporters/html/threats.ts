import type { RequirementResult } from '../../results/model.js';
import type { ThreatResult } from '../../results/threat-result.js';
import { STATUS_MARK } from './labels.js';
import { statusClass, threatBadge } from './status.js';
import { html, type Markup } from './template.js';

/**
 * SPEC §6: every threat with the status the model gave it, its source clause and its
 * countermeasures, each alternative as the requirements that test it with their own status
 * marks; so an auditor sees why a threat is open without reading the matrix.
 */
export function threatSection(threats: readonly ThreatResult[] | undefined, results: readonly RequirementResult[]): Markup | undefined {
  if (threats === undefined) return undefined;
  const statusOf = new Map(results.map((r) => [r.id, r.status] as const));
  return html`<section id="threats">
<h2>Threats <span class="meta">(${threats.length}; RFC 6819, RFC 9700, RFC 8725 and the seeds)</span></h2>
<table class="threats">
<thead><tr><th>status</th><th>threat</th><th>source</th><th>countered by (any one line)</th></tr></thead>
<tbody>
${threats.map((t) => html`<tr class="${statusClass('t', t.status)}" id="threat-${t.id}" data-status="${t.status}"><td>${threatBadge(t.status)}</td><td><span class="id">${t.id}</span><br>${t.title}</td><td class="source">${t.source}</td><td>${t.alternatives.map((alternative) => html`<div class="alternative">${alternative.map((id, i) => requirementRef(id, statusOf.get(id), i))}</div>`)}</td></tr>
`)}
</tbody>
</table>
</section>
`;
}

/** A requirement named by a threat: its status mark, then its ID linking to its row. */
function requirementRef(id: string, status: string | undefined, index: number): Markup {
  const mark = status === undefined ? '·' : ((STATUS_MARK as Readonly<Record<string, string>>)[status] ?? '');
  return html`${index ? ' + ' : ''}<span class="ref ${statusClass('s', status ?? 'none')}" title="${status ?? 'no result'}"><b class="mark" aria-hidden="true">${mark}</b> <a href="#req-${id}">${id}</a></span>`;
}
