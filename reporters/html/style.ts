/**
 * The report's only style sheet, inline: system fonts, nothing fetched. Dense on screen;
 * in print every <details> is open, every filtered-out row is shown and the filters are
 * hidden, so a printed or PDF report holds all the evidence.
 */
export const STYLE = `
:root { --pass: #1a7f37; --fail: #b42318; --warn: #9a6700; --gap: #6e40c9; --known: #57606a; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font: 13px/1.4 system-ui, sans-serif; color: #1f2328; margin: 1.5em auto; max-width: 1200px; padding: 0 1em; }
h1 { font-size: 1.5em; margin: 0 0 .5em; }
h2 { font-size: 1.2em; margin: 1.5em 0 .4em; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05em; margin: 1.2em 0 .3em; }
h5 { font-size: .9em; margin: .6em 0 .2em; }
code, pre, .id, .source { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #f6f8fa; border: 1px solid var(--line); padding: .4em .6em; margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12px; }
table.facts td, table.facts th { text-align: left; vertical-align: top; padding: .1em 1em .1em 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; margin: .3em 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.verdict { padding: 0 .3em; border-radius: 3px; color: #fff; }
.verdict.conformant { background: var(--pass); }
.verdict.not-conformant { background: var(--fail); }
.verdict.no-verdict { background: var(--gap); }
.counts { display: flex; flex-wrap: wrap; gap: .5em; margin: .5em 0; }
.count { border: 1px solid var(--line); border-radius: 4px; padding: .2em .7em; }
.count b { font-size: 1.3em; margin-right: .3em; }
#filters { display: flex; gap: 1.5em; align-items: center; margin: .5em 0; padding: .4em .6em; background: #f6f8fa; border: 1px solid var(--line); }
.matrix-head, details.result > summary { display: grid; grid-template-columns: 10em 15em 4.5em 1fr 16em; gap: .6em; padding: .15em .3em; }
.matrix-head { font-weight: 600; border-bottom: 1px solid var(--line); }
details.result { border-bottom: 1px solid var(--line); }
details.result > summary { cursor: pointer; list-style: none; }
details.result > summary::-webkit-details-marker { display: none; }
details.result[open] > summary { background: #f6f8fa; }
.reason { display: block; color: #57606a; font-size: .92em; }
.source { font-size: .92em; color: #57606a; overflow-wrap: anywhere; }
.status { font-weight: 600; }
.s-passed .status { color: var(--pass); }
.s-failed .status { color: var(--fail); }
.s-warning .status { color: var(--warn); }
.s-skipped .status, .s-inconclusive .status { color: var(--gap); font-style: italic; }
.s-known-failure .status { color: var(--known); }
.body { padding: .2em .5em .6em 1.5em; }
details.evidence { margin: .3em 0; border-left: 3px solid var(--line); padding-left: .5em; }
details.evidence.wrong { border-left-color: var(--fail); }
details.evidence > summary { cursor: pointer; }
.evidence .mark { font-weight: 700; }
.evidence.ok .mark { color: var(--pass); }
.evidence.wrong .mark { color: var(--fail); }
.meta { color: #57606a; font-size: .9em; }
.target-log pre { max-height: 30em; overflow: auto; }
footer { margin-top: 2em; color: #57606a; font-size: .9em; }
@media print {
  body { margin: 0; max-width: none; font-size: 10px; }
  #filters { display: none; }
  section.category[hidden], details.result[hidden] { display: block !important; }
  details::details-content { content-visibility: visible; display: block; }
  details.result { break-inside: auto; }
  .target-log pre { max-height: none; overflow: visible; }
  .matrix-head, details.result > summary { grid-template-columns: 8em 13em 3.5em 1fr 12em; }
}
`;
