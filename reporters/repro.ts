import type { Evidence } from '../results/model.js';
import type { Exchange } from '../vocabulary/exchange.js';
import type { CheckedExchange } from '../vocabulary/outcome.js';
import { requestTranscript, responseTranscript } from './transcript.js';

/** What `grantproof repro` prints of one recorded failure sent again (SPEC §4). */
export interface ReproShown {
  readonly id: string;
  /** Which failing exchange of the result's evidence was replayed, 1-based, of how many. */
  readonly variant: { readonly index: number; readonly of: number };
  /** The failing exchange as the run recorded it. */
  readonly recorded: Evidence;
  /** The request sent again and its judgement; null when a property now holds for the example. */
  readonly check: CheckedExchange | null;
  /** Every token request the replay sent (a property's example or a case of its own shape may send several). */
  readonly sent: readonly Exchange[];
  /** The curl line of `check`'s request: as recorded (redacted), or as sent with `--show-secrets`. */
  readonly curl: string | null;
  readonly secretsShown: boolean;
}

/**
 * The replayed exchange as the terminal shows it: the request and answer as recorded (redacted,
 * as in the reports), the judgement, recorded against now, and the curl line. Nothing of it is
 * written to a file.
 */
export function reproText(shown: ReproShown): string {
  const { id, variant, recorded, check } = shown;
  const heading = `${id}, failing exchange ${variant.index} of ${variant.of}: ${recorded.variant}`;
  if (check === null) {
    const requests = shown.sent.map((exchange) => exchangeText(exchange)).join('\n');
    return `${heading}\n${requests}\nexpected: ${recorded.expected}\nrecorded: ${recorded.actual}\nnow:      the property held for the example (${shown.sent.length} requests sent)\nnow answers as required`;
  }
  const same = check.judgement.actual === recorded.actual;
  const outcome = check.judgement.ok
    ? 'now answers as required'
    : same
      ? 'failed again, in the same way: the answer is judged as the run recorded it'
      : 'failed again, but not as recorded: the answer differs from the run\'s';
  const others = shown.sent.length > 1 ? `(the replay sent ${shown.sent.length} requests; this is the one judged)\n` : '';
  return `${heading}\n${others}${exchangeText(check.exchange)}
expected: ${check.judgement.expected}
recorded: ${recorded.actual}
now:      ${check.judgement.actual}
${outcome}
${curlText(shown)}`;
}

/** One exchange as recorded (redacted): request and answer transcripts, indented. */
function exchangeText(exchange: Exchange): string {
  return `request (secrets redacted), ${exchange.label}:\n${indent(requestTranscript(exchange))}\nanswer, in ${exchange.ms} ms:\n${indent(responseTranscript(exchange))}`;
}

function curlText({ curl, secretsShown }: ReproShown): string {
  if (curl === null) return '';
  return secretsShown ? `curl, with the real values (shown here only, never written to a file):\n${curl}` : `curl (secrets redacted; --show-secrets prints the real values):\n${curl}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
