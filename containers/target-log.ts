import { SensitiveValues } from '../client/redaction.js';
import type { RunResults } from '../results/model.js';

/** What a report keeps of the target container's log (results.json `targetLog`). */
export type TargetLog = NonNullable<RunResults['targetLog']>;

/** Three base64url segments joined by dots: a compact JWS (RFC 7515 §7.1) when the first is a JOSE header. */
const THREE_SEGMENTS = /[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+/g;

/**
 * The container's lines, redacted: the values the run was given (`--env`, `--header`) through
 * the run's SensitiveValues, and every compact JWS loses its signature, as recorded exchanges'
 * JWTs do. The secrets, JWTs and passphrases the suites make live in vitest's workers,
 * out of reach here: a JWT is what a token service most often logs.
 */
export function redactedLog(source: string, lines: readonly string[], secrets: readonly { value: string; kind: 'environment value' | 'header value' }[]): TargetLog {
  const sensitive = new SensitiveValues();
  for (const { value, kind } of secrets) sensitive.add(value, kind);
  return {
    source,
    lines: lines.map((line) => sensitive.redact(line).replace(THREE_SEGMENTS, (text) => (isJws(text) ? `${text.slice(0, text.lastIndexOf('.'))}.[signature redacted]` : text))),
  };
}

/** RFC 7515 §7.1: the first segment of a compact JWS is a base64url-encoded JSON object (a host name is not). */
function isJws(text: string): boolean {
  try {
    const header: unknown = JSON.parse(Buffer.from(text.slice(0, text.indexOf('.')), 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && !Array.isArray(header);
  } catch {
    return false;
  }
}

/** results.json carries the container's log when the run's verdict is not `conformant`. */
export function withTargetLog(results: RunResults, log: TargetLog | null): RunResults {
  return log && results.verdict !== 'conformant' ? { ...results, targetLog: log } : results;
}
