import { withoutJwsSignatures } from '../client/jws-signatures.js';
import { SensitiveValues } from '../client/redaction.js';
import type { RunResults } from '../results/model.js';

/** What a report keeps of the target container's log (results.json `targetLog`). */
export type TargetLog = NonNullable<RunResults['targetLog']>;

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
    lines: lines.map((line) => withoutJwsSignatures(sensitive.redact(line))),
  };
}

/** results.json carries the container's log when the run's verdict is not `conformant`. */
export function withTargetLog(results: RunResults, log: TargetLog | null): RunResults {
  return log && results.verdict !== 'conformant' ? { ...results, targetLog: log } : results;
}
