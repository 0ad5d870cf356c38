import { SensitiveValues } from '../client/redaction.js';
import type { RunResults } from '../results/model.js';

/** What a report keeps of the target container's log (results.json `targetLog`). */
export type TargetLog = NonNullable<RunResults['targetLog']>;

/**
 * A compact JWS anywhere in a line (RFC 7515 §7.1): a JWT's header and payload are JSON
 * objects, so both start `eyJ` (`{"` in base64url).
 */
const JWT_SHAPED = /eyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+/g;

/**
 * The container's lines, redacted: the values the run was given (`--env`, `--header`) through
 * the run's SensitiveValues, and every JWT-shaped string loses its signature, as recorded
 * exchanges do. The secrets, JWTs and passphrases the suites make live in vitest's workers,
 * out of reach here: the JWT pattern covers the one a token service most often logs.
 */
export function redactedLog(source: string, lines: readonly string[], secrets: readonly { value: string; kind: 'environment value' | 'header value' }[]): TargetLog {
  const sensitive = new SensitiveValues();
  for (const { value, kind } of secrets) sensitive.add(value, kind);
  return {
    source,
    lines: lines.map((line) => sensitive.redact(line).replace(JWT_SHAPED, (jwt) => `${jwt.slice(0, jwt.lastIndexOf('.'))}.[signature redacted]`)),
  };
}

/** results.json carries the container's log when the run's verdict is not `conformant`. */
export function withTargetLog(results: RunResults, log: TargetLog | null): RunResults {
  return log && results.verdict !== 'conformant' ? { ...results, targetLog: log } : results;
}
