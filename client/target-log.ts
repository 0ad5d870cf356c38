import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { BODY_EXCERPT_CHARS } from '../vocabulary/exchange.js';
import type { TargetLogSource } from '../vocabulary/run-config.js';
import type { LoggedSecret, TargetLogRead, TargetLogUnread } from '../vocabulary/run-record.js';
import { withoutJwsSignatures } from './jws-signatures.js';
import type { SensitiveValues } from './redaction.js';

/** How long the log must keep its length before it is read: a target's logger may still be writing the run's last lines. */
const SETTLED_MS = 250;
/** The longest wait for that: a target that logs all the time (a health check) never settles. */
const SETTLE_LIMIT_MS = 3_000;

/**
 * LOG-NO-SECRET's input (SPEC §7): the lines the target logged during the run, each scanned
 * for every sensitive value of the run, in every spelling the response scan finds
 * (`SensitiveValues`, client/redaction.ts), and kept only as line numbers, kinds and the
 * line redacted: no value of the log leaves this function. Read once its length settles;
 * the lines before `fromByte` were there before the run and are counted, not judged. A log
 * that cannot be read is told as such, for LOG-NO-SECRET to be inconclusive, never passed.
 * With `redactedTail`, its last lines are written there, redacted, for the report's tail.
 */
export async function readTargetLog(log: TargetLogSource, sensitive: SensitiveValues): Promise<TargetLogRead | TargetLogUnread> {
  try {
    const size = await settledSize(log.path);
    // A log rotated or truncated during the run starts again from its first byte.
    const from = log.fromByte <= size ? log.fromByte : 0;
    const before = from === 0 ? 0 : await newlinesBefore(log.path, from);
    const secrets: LoggedSecret[] = [];
    const last: string[] = [];
    let lines = 0;
    for await (const text of createInterface({ input: createReadStream(log.path, { start: from, encoding: 'utf8' }), crlfDelay: Infinity })) {
      lines += 1;
      const kinds = sensitive.kindsIn(text);
      if (kinds.length > 0) secrets.push({ line: before + lines, kinds, text: shown(text, sensitive).slice(0, BODY_EXCERPT_CHARS) });
      if (log.redactedTail) keepLast(last, text, log.redactedTail.lines);
    }
    if (log.redactedTail) await writeFile(log.redactedTail.path, last.map((text) => `${shown(text, sensitive)}\n`).join(''), { mode: 0o600 });
    return { source: log.source, lines, secrets };
  } catch (error) {
    const why = (error as NodeJS.ErrnoException)?.code ?? (error as Error)?.message ?? String(error);
    return { source: log.source, unreadable: `the target log (${log.source}) could not be read after the run (${why}): check that the file is still there and readable by this user` };
  }
}

/**
 * A log line as a report may show it: every compact JWS's signature replaced first, so that a
 * JWT the registry does not know loses it too, even when a value it does know (a lone JWT
 * header, sent as a malformed client_secret) is redacted inside it; then every value of the run.
 */
function shown(line: string, sensitive: SensitiveValues): string {
  return sensitive.redact(withoutJwsSignatures(line));
}

/** Keeps the last `size` lines in `last`. */
function keepLast(last: string[], line: string, size: number): void {
  last.push(line);
  if (last.length > size) last.shift();
}

/** The log's length once it has not changed for SETTLED_MS, or after SETTLE_LIMIT_MS. */
async function settledSize(path: string): Promise<number> {
  let size = (await stat(path)).size;
  for (let waited = 0; waited < SETTLE_LIMIT_MS; waited += SETTLED_MS) {
    await sleep(SETTLED_MS);
    const now = (await stat(path)).size;
    if (now === size) return size;
    size = now;
  }
  return size;
}

/** How many lines end before byte `end`: the number of the line the run's first one follows. */
async function newlinesBefore(path: string, end: number): Promise<number> {
  let count = 0;
  for await (const chunk of createReadStream(path, { start: 0, end: end - 1 })) {
    for (const byte of chunk as Buffer) if (byte === 0x0a) count += 1;
  }
  return count;
}
