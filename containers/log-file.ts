import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SensitiveValues } from '../client/redaction.js';
import type { SensitiveKind } from '../vocabulary/exchange.js';
import type { TargetLogSource } from '../vocabulary/run-config.js';

/**
 * The whole log of a target the run started itself (a `--target-image` container, the
 * embedded reference server), written as it arrives to a temporary file outside `--out`, for
 * LOG-NO-SECRET to read after the last case (SPEC §7): the suites run in vitest's workers, and
 * read it there. Only this user may read it (0600), and it is deleted when the run ends, or
 * when the process exits before: the raw log never reaches the reports folder. The values
 * this process holds (`--env` values) are redacted line by line before a line is written.
 */
export class TargetLogFile {
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'grantproof-target-log-'));
  readonly path = path.join(this.dir, 'target.log');
  /** Where the suites write the log's last lines, redacted with every value of the run (`TargetLogSource.redactedTail`). */
  private readonly tailPath = path.join(this.dir, 'tail.redacted.log');
  private readonly sensitive = new SensitiveValues();
  private fd: number | null = openSync(this.path, 'a', 0o600);
  private partial = '';
  private readonly removeAtExit = (): void => this.remove();

  constructor(secrets: readonly { readonly value: string; readonly kind: SensitiveKind }[] = []) {
    for (const { value, kind } of secrets) this.sensitive.add(value, kind);
    process.once('exit', this.removeAtExit);
  }

  /** Where the run's LOG-NO-SECRET reads it, named `source` in its findings; with `tailLines`, the redacted tail it writes back. */
  sourceFor(source: string, tailLines?: number): TargetLogSource {
    return { path: this.path, source, fromByte: 0, ...(tailLines === undefined ? {} : { redactedTail: { path: this.tailPath, lines: tailLines } }) };
  }

  /** The last lines as the suites wrote them back, redacted with every value of the run; null before they have (the run stopped before its run-wide checks). */
  redactedTail(): string[] | null {
    try {
      return readFileSync(this.tailPath, 'utf8').split('\n').slice(0, -1);
    } catch {
      return null;
    }
  }

  /** A chunk of the log, cut anywhere: its finished lines are written, redacted; an unfinished one waits for the rest. */
  push(chunk: string): void {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    if (lines.length > 0 && this.fd !== null) writeSync(this.fd, `${lines.map((line) => this.sensitive.redact(line)).join('\n')}\n`);
  }

  /** Deletes the file and its folder, its unfinished last line unwritten; again, it does nothing. */
  remove(): void {
    process.off('exit', this.removeAtExit);
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
