import type { ResultStatus } from '../../results/model.js';

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

/** The headings of the requirement matrix, by category; an unknown category shows its own name. */
const CATEGORY_LABEL: Readonly<Record<string, string>> = {
  response: 'Responses',
  'client-authentication': 'Client authentication',
  'authorization-code': 'Authorization code',
  'redirect-uri': 'Redirect URI',
  'request-format': 'Request format',
  'validation-order': 'Validation order',
  properties: 'Properties (generated requests)',
  contract: 'Contract (Pact verification)',
};

export function categoryLabel(category: string): string {
  return CATEGORY_LABEL[category] ?? category;
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
