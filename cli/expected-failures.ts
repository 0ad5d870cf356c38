import { readFileSync } from 'node:fs';
import { requirementById } from '../catalogue/index.js';
import { UsageError } from './errors.js';
import type { ExpectedFailures, KnownFailure } from '../vocabulary/run-config.js';

/**
 * Reads `--expected-failures FILE` (SPEC §4): a JSON object mapping a requirement ID to a
 * reason, or to `{"reason", "link"?}`. Anything else is a bad argument: exit 2 before the
 * run begins, so nothing is written.
 */
export function readExpectedFailures(file: string): ExpectedFailures {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`--expected-failures: cannot read ${file}; give a JSON file mapping requirement IDs to reasons`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--expected-failures: ${file} is not valid JSON (${(error as Error).message})`);
  }
  if (!isPlainObject(json)) throw new UsageError(`--expected-failures: ${file} must hold a JSON object, e.g. {"AUTH-REPLAY": "tracked in JIRA-12"}`);
  const entries: Record<string, KnownFailure> = {};
  for (const [id, value] of Object.entries(json)) {
    if (!requirementById(id)) throw new UsageError(`--expected-failures: "${id}" in ${file} is not a requirement ID; see \`grantproof catalogue\``);
    entries[id] = knownFailure(id, value, file);
  }
  return { file, entries };
}

function knownFailure(id: string, value: unknown, file: string): KnownFailure {
  if (typeof value === 'string' && value.trim()) return { reason: value };
  if (isPlainObject(value) && typeof value.reason === 'string' && value.reason.trim()) {
    const { reason, link } = value;
    if (link === undefined) return { reason };
    if (typeof link === 'string' && URL.canParse(link)) return { reason, link };
    throw new UsageError(`--expected-failures: the link of ${id} in ${file} must be an absolute URL`);
  }
  throw new UsageError(`--expected-failures: ${id} in ${file} needs a reason: a non-empty string, or {"reason": "...", "link": "https://..."}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
