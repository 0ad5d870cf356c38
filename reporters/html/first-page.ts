import { isNotSelected, type RequirementResult, type RunResults } from '../../results/model.js';
import { verdictStatement } from '../../results/statement.js';
import type { ThreatResult } from '../../results/threat-result.js';
import { openThreats } from '../../results/threats.js';
import { RESULTS_FILE } from '../results-json.js';
import { SUMMARY_LABELS } from './labels.js';
import { knownFailureText } from './result.js';
import { statusBadge, statusClass, threatBadge } from './status.js';
import { html, type Markup } from './template.js';

/**
 * What an auditor reads first (issue 20): the verdict and what it rests on; each failed
 * MUST, known failure and unjudged MUST in one line with its clause; the threats the run
 * leaves open; the warnings. Everything here is read from the model: the verdict, the
 * statuses and the threats' statuses were computed in results/, once.
 */
export function firstPage(run: RunResults, resultsSha256: string): Markup {
  const selected = run.results.filter((r) => !isNotSelected(r));
  const must = selected.filter((r) => r.level === 'MUST');
  return html`<section id="first-page">
<h1>grantproof report: ${verdictBadge(run)}</h1>
<p class="statement" id="verdict-statement">${verdictStatement(run)}</p>
<p class="meta run-line"><code>${run.target}</code> · profile ${run.profile} · ${run.startedAt} · ${RESULTS_FILE} SHA-256 <code id="results-sha256">${resultsSha256}</code></p>
${summaryCounts(run)}
${findingList('failed-musts', 'Failed MUST requirements', must.filter((r) => r.status === 'failed'), reasonOf)}
${findingList('known-failures', 'Known failures (listed in --expected-failures: the run stays conformant, the requirement is still broken)', selected.filter((r) => r.status === 'known-failure'), knownFailureText)}
${findingList('gaps', 'MUST requirements not judged', must.filter((r) => r.status === 'skipped' || r.status === 'inconclusive'), reasonOf)}
${openThreatList(run.threats)}
${findingList('warnings', 'Warnings (SHOULD not met)', selected.filter((r) => r.status === 'warning'), reasonOf)}
</section>
`;
}

/** The verdict's mark and word; green only for a conformant run with no known failure. */
function verdictBadge(run: RunResults): Markup {
  const known = run.verdict === 'conformant' && run.summary.knownFailures > 0;
  const mark = run.verdict === 'not conformant' ? '✗' : run.verdict === 'no verdict' ? '?' : known ? '!' : '✓';
  const style = known ? 'v-conformant-with-known-failures' : statusClass('v', run.verdict);
  return html`<span class="verdict ${style}"><b class="mark" aria-hidden="true">${mark}</b> <span id="verdict">${run.verdict}</span></span>`;
}

function summaryCounts(run: RunResults): Markup {
  return html`<div class="counts">
<span class="count"><b data-count="total">${run.results.length}</b>requirements</span>
${SUMMARY_LABELS.map(([key, label]) => html`<span class="count c-${key}"><b data-count="${key}">${run.summary[key]}</b>${label}</span>`)}
</div>
`;
}

const reasonOf = (result: RequirementResult): string => result.reason ?? '';

/** One line per result: status, ID (a link to its row), title, why, and the clause it rests on. */
function findingList(id: string, heading: string, results: readonly RequirementResult[], why: (result: RequirementResult) => string | Markup | undefined): Markup | undefined {
  if (results.length === 0) return undefined;
  return html`<section class="findings" id="${id}">
<h2>${heading} <span class="meta">(${results.length})</span></h2>
<ul>
${results.map((r) => html`<li class="finding ${statusClass('s', r.status)}" data-id="${r.id}">${statusBadge(r.status)} <a class="id" href="#req-${r.id}">${r.id}</a> ${r.title} <span class="why">— ${why(r)}</span> <span class="source">${r.source}</span></li>
`)}
</ul>
</section>
`;
}

/** The threats left open, one line each with what broke them; or, when none is, how the others stand. */
function openThreatList(threats: readonly ThreatResult[] | undefined): Markup {
  if (threats === undefined) return html`<section class="findings" id="open-threats"><h2>Threats</h2><p class="meta">This ${RESULTS_FILE} carries no threat view (written before grantproof had one).</p></section>`;
  const open = openThreats(threats);
  const undetermined = threats.filter((t) => t.status === 'undetermined').length;
  const body = open.length
    ? html`<ul>
${open.map((t) => html`<li class="finding ${statusClass('t', t.status)}" data-threat="${t.id}">${threatBadge(t.status)} <a class="id" href="#threat-${t.id}">${t.id}</a> ${t.title} <span class="why">— not met: ${(t.unmet ?? []).join(', ')}</span> <span class="source">${t.source}</span></li>
`)}
</ul>`
    : html`<p>None: ${threats.filter((t) => t.status === 'mitigated').length} of ${threats.length} threats mitigated${undetermined ? `, ${undetermined} undetermined (a requirement they need was not judged)` : ''}.</p>`;
  return html`<section class="findings" id="open-threats">
<h2>Threats not mitigated, or only partially <span class="meta">(${open.length} of ${threats.length})</span></h2>
${body}
</section>
`;
}
