/**
 * The report's only style sheet, inline: system fonts, nothing fetched. Every status is a
 * mark and a word; colour only repeats it, and a known failure is never green. Dense on
 * screen; in print (the PDF) the first page, the threats, the matrix (one line a
 * requirement, filtered-out rows shown, filters hidden) and the clause index, then the
 * evidence of failed, warned and known-failure requirements only, their first wrong exchanges open.
 */
export const STYLE = `
:root { --pass: #1a7f37; --fail: #b42318; --fail-bg: #fdecea; --warn: #9a6700; --warn-bg: #fff8c5; --gap: #6e40c9; --known: #953800; --known-bg: #fff1e5; --line: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { font: 13px/1.4 system-ui, sans-serif; color: #1f2328; margin: 1.5em auto; max-width: 1200px; padding: 0 1em; }
h1 { font-size: 1.5em; margin: 0 0 .3em; }
h2 { font-size: 1.2em; margin: 1.5em 0 .4em; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05em; margin: 1.2em 0 .3em; }
h5 { font-size: .9em; margin: .6em 0 .2em; }
code, pre, .id, .source { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #f6f8fa; border: 1px solid var(--line); padding: .4em .6em; margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12px; }
table { border-collapse: collapse; }
table.facts td, table.facts th { text-align: left; vertical-align: top; padding: .1em 1em .1em 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; margin: .3em 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.mark { display: inline-block; min-width: 1em; text-align: center; }
.verdict { padding: 0 .35em; border-radius: 3px; color: #fff; }
.v-conformant { background: var(--pass); }
.v-not-conformant { background: var(--fail); }
.v-no-verdict { background: var(--gap); }
.v-conformant-with-known-failures { background: var(--known); }
.statement { font-size: 1.15em; font-weight: 600; margin: 0 0 .3em; }
.run-line { overflow-wrap: anywhere; }
.counts { display: flex; flex-wrap: wrap; gap: .5em; margin: .5em 0; }
.count { border: 1px solid var(--line); border-radius: 4px; padding: .2em .7em; }
.count b { font-size: 1.3em; margin-right: .3em; }
.findings h2 { font-size: 1.05em; }
.findings ul { list-style: none; padding: 0; margin: 0; }
.finding { padding: .15em .4em; border-left: 4px solid var(--line); margin: .15em 0; }
.finding .why { color: var(--muted); }
.finding .source { font-size: .9em; color: var(--muted); white-space: nowrap; }
.s-failed.finding, .t-not-mitigated.finding { border-left-color: var(--fail); background: var(--fail-bg); }
.s-known-failure.finding, .t-partially-mitigated.finding { border-left-color: var(--known); background: var(--known-bg); }
.s-warning.finding { border-left-color: var(--warn); background: var(--warn-bg); }
.s-skipped.finding, .s-inconclusive.finding { border-left-color: var(--gap); }
table.threats, table.clauses { width: 100%; }
table.threats th, table.threats td, table.clauses th, table.clauses td { text-align: left; vertical-align: top; padding: .2em .4em; border-bottom: 1px solid var(--line); }
table.threats td.source { font-size: .9em; color: var(--muted); }
.threat-status { font-weight: 600; white-space: nowrap; }
.t-mitigated .threat-status { color: var(--pass); }
.t-not-mitigated .threat-status { color: var(--fail); }
.t-partially-mitigated .threat-status { color: var(--known); }
.t-undetermined .threat-status { color: var(--gap); font-style: italic; }
.t-not-relevant .threat-status { color: var(--muted); }
.ref { white-space: nowrap; }
.ref.s-failed .mark, .ref.t-not-mitigated .mark { color: var(--fail); }
.ref.s-known-failure .mark, .ref.t-partially-mitigated .mark { color: var(--known); }
.ref.s-warning .mark { color: var(--warn); }
.ref.s-passed .mark, .ref.t-mitigated .mark { color: var(--pass); }
#filters { display: flex; gap: 1.5em; align-items: center; margin: .5em 0; padding: .4em .6em; background: #f6f8fa; border: 1px solid var(--line); }
.matrix-head, details.result > summary { display: grid; grid-template-columns: 11em 15em 4.5em 1fr 16em; gap: .6em; padding: .15em .3em; }
.matrix-head { font-weight: 600; border-bottom: 1px solid var(--line); }
details.result { border-bottom: 1px solid var(--line); border-left: 4px solid transparent; }
details.result.s-failed { border-left-color: var(--fail); background: var(--fail-bg); }
details.result.s-known-failure { border-left-color: var(--known); background: var(--known-bg); }
details.result.s-warning { border-left-color: var(--warn); }
details.result > summary { cursor: pointer; list-style: none; }
details.result > summary::-webkit-details-marker { display: none; }
details.result[open] > summary { background: #f6f8fa; }
.reason { display: block; color: var(--muted); font-size: .92em; }
.source { font-size: .92em; color: var(--muted); overflow-wrap: anywhere; }
.status { font-weight: 600; white-space: nowrap; }
.s-passed .status { color: var(--pass); }
.s-failed .status { color: var(--fail); }
.s-warning .status { color: var(--warn); }
.s-skipped .status, .s-inconclusive .status { color: var(--gap); font-style: italic; }
.s-known-failure .status { color: var(--known); }
.body { padding: .2em .5em .6em 1.5em; }
section.evidence-of { margin: .8em 0; }
section.evidence-of > h3 { margin-bottom: .2em; }
details.evidence { margin: .3em 0; border-left: 3px solid var(--line); padding-left: .5em; }
details.evidence.wrong { border-left-color: var(--fail); }
details.evidence > summary { cursor: pointer; }
.evidence .mark { font-weight: 700; }
.evidence.ok .mark { color: var(--pass); }
.evidence.wrong .mark { color: var(--fail); }
.meta { color: var(--muted); font-size: .9em; }
.print-only { display: none; }
.target-log pre { max-height: 30em; overflow: auto; }
footer { margin-top: 2em; color: var(--muted); font-size: .9em; }
@media print {
  body { margin: 0; max-width: none; font-size: 9.5px; }
  pre { font-size: 8.5px; }
  #filters { display: none; }
  #threats, #matrix, #evidence { break-before: page; }
  section.category[hidden], details.result[hidden], section.evidence-of[hidden] { display: block !important; }
  section.evidence-of.s-passed, section.evidence-of.s-skipped, section.evidence-of.s-inconclusive { display: none !important; }
  details.evidence.printed::details-content { content-visibility: visible; display: block; }
  .print-only { display: block; }
  details.result, tr, .finding { break-inside: avoid; }
  .target-log pre { max-height: none; overflow: visible; }
  .matrix-head, details.result > summary { grid-template-columns: 9em 13em 3.5em 1fr 12em; }
}
`;
