import type { ResultStatus } from '../../results/model.js';
import type { ThreatStatus } from '../../results/threat-result.js';
import { STATUS_LABEL, STATUS_MARK, THREAT_MARK } from './labels.js';
import { html, type Markup } from './template.js';

/**
 * A requirement's status as a mark and a word (✗ FAILED, ✓ passed), never by colour alone.
 * A status this version does not know (a results.json from another) shows its own word.
 */
export function statusBadge(status: ResultStatus): Markup {
  const mark = (STATUS_MARK as Readonly<Record<string, string>>)[status] ?? '';
  const word = (STATUS_LABEL as Readonly<Record<string, string>>)[status] ?? status;
  return html`<span class="status"><b class="mark" aria-hidden="true">${mark}</b> ${word}</span>`;
}

/** A threat's status (SPEC §6) as a mark and its words. */
export function threatBadge(status: ThreatStatus): Markup {
  const mark = (THREAT_MARK as Readonly<Record<string, string>>)[status] ?? '';
  return html`<span class="threat-status"><b class="mark" aria-hidden="true">${mark}</b> ${status}</span>`;
}

/** The class a status is styled by; only characters a class name may hold. */
export function statusClass(prefix: string, status: string): string {
  return `${prefix}-${status.replace(/[^a-z-]+/gi, '-')}`;
}
