import { bodyCutNote, type RecordedRequest, type RecordedResponse } from '../vocabulary/exchange.js';

/** A recorded (redacted) request as text: the request line, its headers, and its body after a blank line. */
export function requestTranscript({ request }: { readonly request: RecordedRequest }): string {
  return `${request.method} ${request.url}\n${headerLines(request.headers)}${request.body === null ? '' : `\n${request.body}`}`;
}

/** A recorded (redacted) answer as text, a cut body with its note; or why no answer came. */
export function responseTranscript({ response, failure }: { readonly response: RecordedResponse | null; readonly failure?: string }): string {
  if (response === null) return `no response: ${failure ?? 'none recorded'}`;
  const note = bodyCutNote(response);
  return `HTTP ${response.status}\n${headerLines(response.headers)}\n${response.body}${note === null ? '' : `\n${note}`}`;
}

function headerLines(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\n`)
    .join('');
}
