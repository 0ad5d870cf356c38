import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { VERDICT_EXIT, type RequirementResult, type RunResults } from '../results/model.js';
import { clauseIndexSection } from './html/clauses.js';
import { evidenceGroup, withEvidence } from './html/evidence.js';
import { reproCommand } from '../results/repro-command.js';
import { firstPage } from './html/first-page.js';
import { categoryLabel } from './html/labels.js';
import { resultItem } from './html/result.js';
import { SCRIPT } from './html/script.js';
import { STYLE } from './html/style.js';
import { html, trusted, type Markup } from './html/template.js';
import { threatSection } from './html/threats.js';
import { RESULTS_FILE } from './results-json.js';

export const HTML_REPORT_FILE = 'report.html';

/**
 * Nothing may be fetched: no fonts, images, scripts or connections from outside. The page
 * works from `file://` and an archived copy shows the same thing years later.
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

/** The SHA-256 of results.json's bytes as written, as `sha256sum` prints it. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The self-contained HTML report: a pure function of the results model and the digest of
 * the results.json it came from. It shows the model's verdict and statuses; it judges nothing.
 * In the order an auditor reads it (issue 20): the first page (verdict and what it rests on,
 * failures, open threats, warnings), the threats, the requirement matrix, the clause index,
 * the evidence, and the run's facts.
 */
export function reportHtml(run: RunResults, resultsSha256: string): string {
  const title = `grantproof: ${run.verdict} — ${run.target}`;
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${trusted(STYLE)}</style>
</head>
<body>
${firstPage(run, resultsSha256)}
${targetLog(run)}
${threatSection(run.threats, run.results)}
<section id="matrix">
<h2>Requirements</h2>
${filters(run.results)}
${byCategory(run.results).map(([category, results]) => categorySection(category, results))}
</section>
${clauseIndexSection(run.results, run.threats)}
<section id="evidence">
<h2>Evidence</h2>
<p class="meta">Every exchange recorded, by requirement, the ones not as expected first. The printed report keeps the exchanges of failed, warned and known-failure requirements only; a passed requirement is its line in the matrix.</p>
${withEvidence(run.results).map((result) => evidenceGroup(result, reproCommand(run, result)))}
</section>
<section id="run">
<h2>Run</h2>
${runFacts(run, resultsSha256)}
</section>
<footer>Rendered by ${run.harness.name} ${run.harness.version} from ${RESULTS_FILE} alone, offline: <code>grantproof report --out DIR</code> renders the same page again, <code>--pdf FILE</code> prints it. Secrets, JWT signatures, passphrases and access grants were redacted when each exchange was recorded.</footer>
<script>${trusted(SCRIPT)}</script>
</body>
</html>
`.text;
}

function runFacts(run: RunResults, resultsSha256: string): Markup {
  const seconds = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
  return html`<table class="facts">
<tr><th>target</th><td><code>${run.target}</code></td></tr>
<tr><th>profile</th><td>${run.profile}</td></tr>
<tr><th>harness</th><td>${run.harness.name} ${run.harness.version}</td></tr>
<tr><th>started</th><td>${run.startedAt}</td></tr>
<tr><th>finished</th><td>${run.finishedAt} (${Number.isFinite(seconds) ? seconds.toFixed(1) : '?'} s)</td></tr>
<tr><th>verdict</th><td>${run.verdict} (exit status ${VERDICT_EXIT[run.verdict]})</td></tr>
<tr><th>options</th><td>${options(run.options)}</td></tr>
<tr><th>${RESULTS_FILE} SHA-256</th><td><code>${resultsSha256}</code><br>To match an archived report to its data: <code>sha256sum ${RESULTS_FILE}</code> in the folder it was written to prints the same digest.</td></tr>
</table>
`;
}

/** SPEC §4: the options as recorded (header values and URL secrets already redacted). */
function options(recorded: Readonly<Record<string, unknown>>): Markup {
  const shown = Object.entries(recorded).filter(([, value]) => value !== null && value !== undefined);
  return html`<dl class="facts">${shown.map(([name, value]) => html`<dt>${name}</dt><dd><code>${typeof value === 'string' ? value : JSON.stringify(value)}</code></dd>`)}</dl>`;
}

/** The target container's log, when the run captured one (a run against an image that failed). */
function targetLog(run: RunResults): Markup | undefined {
  const log = run.targetLog;
  if (log === undefined || !Array.isArray(log.lines)) return undefined;
  return html`<section class="target-log">
<h2>Target log <span class="meta">(${log.source})</span></h2>
<pre>${log.lines.join('\n')}</pre>
</section>
`;
}

function filters(results: readonly RequirementResult[]): Markup {
  const levels = [...new Set(results.map((r) => r.level))];
  const categories = [...new Set(results.map((r) => r.category))];
  return html`<form id="filters">
<label><input type="checkbox" name="failedOnly"> failed only (known failures included)</label>
<label>level <select name="level"><option value="">all</option>${levels.map((level) => html`<option>${level}</option>`)}</select></label>
<label>category <select name="category"><option value="">all</option>${categories.map((c) => html`<option value="${c}">${categoryLabel(c)}</option>`)}</select></label>
<button type="reset">show all</button>
<span id="shown" class="meta"></span>
</form>
`;
}

/** The results grouped by category, in the order the catalogue first names each. */
function byCategory(results: readonly RequirementResult[]): [string, RequirementResult[]][] {
  const groups = new Map<string, RequirementResult[]>();
  for (const result of results) groups.set(result.category, [...(groups.get(result.category) ?? []), result]);
  return [...groups];
}

function categorySection(category: string, results: readonly RequirementResult[]): Markup {
  return html`<section class="category" data-category="${category}">
<h3>${categoryLabel(category)} <span class="meta">(${results.length})</span></h3>
<div class="matrix-head"><span>status</span><span>requirement</span><span>level</span><span>title</span><span>source</span></div>
${results.map(resultItem)}
</section>
`;
}

/** Writes report.html beside results.json; `resultsJson` is that file's bytes as written. */
export async function writeHtmlReport(outDir: string, run: RunResults, resultsJson: Uint8Array): Promise<string> {
  const file = path.join(outDir, HTML_REPORT_FILE);
  await writeFile(file, reportHtml(run, sha256Hex(resultsJson)));
  return file;
}
