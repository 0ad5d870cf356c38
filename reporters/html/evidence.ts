import { bodyCutNote } from '../../client/exchange.js';
import type { Evidence } from '../../results/model.js';
import { html, type Markup } from './template.js';

/**
 * One exchange as recorded (already redacted by the target client, SPEC §4 "Output"):
 * expected against actual, the request and response transcripts, the curl line that
 * reproduces it, and for a property failure the seed and path that replay it.
 */
export function evidenceItem(evidence: Evidence): Markup {
  const mark = evidence.ok ? '✓' : '✗';
  return html`<details class="evidence ${evidence.ok ? 'ok' : 'wrong'}">
<summary><span class="mark">${mark}</span> ${evidence.variant} <span class="meta">${evidence.ms} ms</span></summary>
<dl class="facts">
<dt>expected</dt><dd>${evidence.expected}</dd>
<dt>actual</dt><dd>${evidence.actual}</dd>
${replay(evidence)}
</dl>
<h5>request</h5>
<pre class="transcript">${requestTranscript(evidence)}</pre>
<h5>response</h5>
<pre class="transcript">${responseTranscript(evidence)}</pre>
<h5>reproduce</h5>
<pre class="curl">${evidence.curl}</pre>
</details>
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

function requestTranscript({ request }: Evidence): string {
  return `${request.method} ${request.url}\n${headerLines(request.headers)}${request.body === null ? '' : `\n${request.body}`}`;
}

function responseTranscript({ response, failure }: Evidence): string {
  if (response === null) return `no response: ${failure ?? 'none recorded'}`;
  const note = bodyCutNote(response);
  return `HTTP ${response.status}\n${headerLines(response.headers)}\n${response.body}${note === null ? '' : `\n${note}`}`;
}

function headerLines(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\n`)
    .join('');
}
