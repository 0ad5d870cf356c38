import Table from 'cli-table3';
import { catalogue } from '../catalogue/index.js';
import { resultInfoOf } from '../results/assemble.js';

/**
 * `grantproof catalogue`: the requirements a run checks, as a table or as JSON. The JSON
 * carries each requirement's typed expectation (`expect`) beside its words (`expected`).
 */
export function listCatalogue(json: boolean): string {
  const entries = catalogue.map((requirement) => ({ ...resultInfoOf(requirement), expect: requirement.expect }));
  if (json) return JSON.stringify(entries, null, 2);
  const table = new Table({ head: ['ID', 'level', 'title', 'source'], colWidths: [26, 8, 60, 40], wordWrap: true, style: { head: [], border: [] } });
  for (const e of entries) table.push([e.id, e.level, e.title, e.source]);
  return table.toString();
}
