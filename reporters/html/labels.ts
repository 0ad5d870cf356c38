import type { Category } from '../../catalogue/types.js';
import type { ResultStatus } from '../../results/model.js';
import type { ThreatStatus } from '../../results/threat-result.js';

/**
 * How each status reads in the report. A requirement no test exercised (skipped) or could
 * judge (inconclusive) is a gap, shown apart from a pass (SPEC §4; STYLE "our habits").
 */
export const STATUS_LABEL: Readonly<Record<ResultStatus, string>> = {
  passed: 'passed',
  failed: 'FAILED',
  warning: 'warning',
  skipped: 'gap: not exercised',
  inconclusive: 'gap: inconclusive',
  'known-failure': 'known failure',
};

/**
 * The mark shown beside each status word, so that no status is told by colour alone: a
 * known failure is marked as the failure it is, never with the pass's tick.
 */
export const STATUS_MARK: Readonly<Record<ResultStatus, string>> = {
  passed: '✓',
  failed: '✗',
  warning: '!',
  skipped: '–',
  inconclusive: '?',
  'known-failure': '✗',
};

/** A threat's status mark (SPEC §6), beside its word. */
export const THREAT_MARK: Readonly<Record<ThreatStatus, string>> = {
  mitigated: '✓',
  'partially mitigated': '◐',
  'not mitigated': '✗',
  undetermined: '?',
  'not relevant': '–',
};

/** The headings of the requirement matrix, by category. */
const CATEGORY_LABEL: Readonly<Record<Category, string>> = {
  response: 'Responses',
  'client-authentication': 'Client authentication',
  'authorization-code': 'Authorization code',
  'redirect-uri': 'Redirect URI',
  'request-format': 'Request format',
  'validation-order': 'Validation order',
  properties: 'Properties (generated requests)',
  contract: 'Contract (Pact verification)',
  abuse: 'Abuse (rate limits)',
};

/** A category's heading; one unknown to this version (a results.json from another) shows its own name. */
export function categoryLabel(category: string): string {
  return (CATEGORY_LABEL as Readonly<Record<string, string>>)[category] ?? category;
}

/** The summary counts in the order the report shows them, with their labels. */
export const SUMMARY_LABELS = [
  ['passed', 'passed'],
  ['failed', 'failed'],
  ['warnings', 'warnings'],
  ['knownFailures', 'known failures'],
  ['skipped', 'skipped (gaps)'],
  ['inconclusive', 'inconclusive (gaps)'],
] as const;
