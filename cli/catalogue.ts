import Table from 'cli-table3';
import { catalogue } from '../catalogue/index.js';

/** `grantproof catalogue`: the requirements a run checks, as a table or as JSON. */
export function listCatalogue(json: boolean): string {
  const entries = catalogue.map(({ id, level, category, title, source, expected }) => ({ id, level, category, title, source, expected }));
  if (json) return JSON.stringify(entries, null, 2);
  const table = new Table({ head: ['ID', 'level', 'title', 'source'], colWidths: [26, 8, 60, 40], wordWrap: true, style: { head: [], border: [] } });
  for (const e of entries) table.push([e.id, e.level, e.title, e.source]);
  return table.toString();
}
