import type { RequirementResult } from '../../results/model.js';
import type { ThreatResult } from '../../results/threat-result.js';
import { STATUS_MARK, THREAT_MARK } from './labels.js';
import { statusClass } from './status.js';
import { html, type Markup } from './template.js';

/** A clause as cited: a document (`RFC 6749`, `SPEC`) and a section of it (`§5.2`, `§1 step 4`). */
interface Clause {
  readonly document: string;
  readonly section: string;
}

/**
 * The RFC and SPEC clauses one `source` cites: each `;`-separated part that names a document
 * and sections (`RFC 6819 §5.1.5.3, §5.1.5.4 (…)` cites two), without the parenthesised
 * remarks. Seeds and other sources are not clauses of a standard and are left out.
 */
export function clausesCited(source: string): Clause[] {
  // Remarks go first: one may hold a ";" of its own (`RFC 9110 §8.3.1 (…; OWS before ";")`).
  return source.replace(/\s*\([^)]*\)/g, '').split(';').flatMap((part) => {
    const match = /^(RFC \d+|SPEC) (§.*)$/.exec(part.trim());
    if (!match) return [];
    return match[2]!.split(/,\s*(?=§)/).map((section) => ({ document: match[1]!, section: section.trim() }));
  });
}

interface IndexEntry {
  readonly clause: string;
  readonly requirements: RequirementResult[];
  readonly threats: ThreatResult[];
}

/** SPEC first, then RFCs by number; sections in numeric order (§4.1.2 before §4.1.10). */
function compareClauses(a: Clause, b: Clause): number {
  const rank = (c: Clause) => (c.document === 'SPEC' ? 0 : Number(c.document.slice(4)));
  return rank(a) - rank(b) || a.section.localeCompare(b.section, 'en', { numeric: true });
}

/** Every clause the catalogue cites, with the requirements and threats that cite it. */
export function clauseIndex(results: readonly RequirementResult[], threats: readonly ThreatResult[]): IndexEntry[] {
  const entries = new Map<string, { clause: Clause; requirements: RequirementResult[]; threats: ThreatResult[] }>();
  const entryOf = (clause: Clause) => {
    const key = `${clause.document} ${clause.section}`;
    const entry = entries.get(key) ?? { clause, requirements: [], threats: [] };
    entries.set(key, entry);
    return entry;
  };
  for (const result of results) for (const clause of clausesCited(result.source)) entryOf(clause).requirements.push(result);
  for (const threat of threats) for (const clause of clausesCited(threat.source)) entryOf(clause).threats.push(threat);
  return [...entries.values()]
    .sort((a, b) => compareClauses(a.clause, b.clause))
    .map(({ clause, requirements, threats: cited }) => ({ clause: `${clause.document} ${clause.section}`, requirements: [...new Set(requirements)], threats: [...new Set(cited)] }));
}

/** The clause index (issue 20): a standard checked section by section, each row its requirements' and threats' statuses. */
export function clauseIndexSection(results: readonly RequirementResult[], threats: readonly ThreatResult[] | undefined): Markup {
  const index = clauseIndex(results, threats ?? []);
  return html`<section id="clauses">
<h2>Clause index <span class="meta">(${index.length} clauses the catalogue cites)</span></h2>
<table class="clauses">
<thead><tr><th>clause</th><th>requirements</th><th>threats</th></tr></thead>
<tbody>
${index.map((entry) => html`<tr data-clause="${entry.clause}"><th>${entry.clause}</th><td>${entry.requirements.map((r) => html`<span class="ref ${statusClass('s', r.status)}" title="${r.status}"><b class="mark" aria-hidden="true">${STATUS_MARK[r.status] ?? ''}</b> <a href="#req-${r.id}">${r.id}</a></span> `)}</td><td>${entry.threats.map((t) => html`<span class="ref ${statusClass('t', t.status)}" title="${t.status}"><b class="mark" aria-hidden="true">${THREAT_MARK[t.status] ?? ''}</b> <a href="#threat-${t.id}">${t.id}</a></span> `)}</td></tr>
`)}
</tbody>
</table>
</section>
`;
}
