import type { Leak, SensitiveKind } from './exchange.js';

/** Values shorter than this are not scanned for (SPEC §2: the leak scan looks at ≥ 8 chars). */
const LEAK_SCAN_MIN_LENGTH = 8;
/** A JWS split as `header.payload.signature` (RFC 7515 §7.1). */
const COMPACT_JWS = /^([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]*)$/;

/**
 * Every secret, JWT, passphrase, access grant and user-given header value of the run.
 * Everything the harness records passes through `redact`, so no report, log or results
 * file can hold one (SPEC §4 "Output"); `findLeaks` scans a raw response for them first.
 */
export class SensitiveValues {
  /**
   * Every value by its first LEAK_SCAN_MIN_LENGTH characters (one map look-up per text
   * position), then by its length, longest first, then by itself: every JWT of a run starts
   * `eyJhbGci`, and a run holds thousands, of a handful of lengths.
   */
  private readonly byPrefix = new Map<string, Map<number, Map<string, SensitiveKind>>>();
  private readonly known = new Set<string>();

  add(value: string, kind: SensitiveKind): void {
    this.index(value, kind);
    // A value inside a JSON string may appear escaped (non-ASCII, quotes, backslashes).
    this.index(JSON.stringify(value).slice(1, -1), kind);
  }

  /** Which kinds of sensitive value `text` contains. */
  kindsIn(text: string): SensitiveKind[] {
    return [...new Set(this.matches(text).map((m) => m.kind))];
  }

  findLeaks(body: string, headers: Readonly<Record<string, string>>): Leak[] {
    const leaks: Leak[] = this.kindsIn(body).map((kind) => ({ kind, where: 'body' as const }));
    for (const [name, value] of Object.entries(headers)) {
      for (const kind of this.kindsIn(value)) leaks.push({ kind, where: `header ${name}` });
    }
    return leaks;
  }

  redact(text: string): string {
    let out = '';
    let from = 0;
    for (const match of this.matches(text)) {
      out += text.slice(from, match.at) + placeholder(match.value, match.kind);
      from = match.at + match.value.length;
    }
    return out + text.slice(from);
  }

  private index(value: string, kind: SensitiveKind): void {
    if (value.length < LEAK_SCAN_MIN_LENGTH || this.known.has(value)) return;
    this.known.add(value);
    const prefix = value.slice(0, LEAK_SCAN_MIN_LENGTH);
    const byLength = this.byPrefix.get(prefix) ?? new Map<number, Map<string, SensitiveKind>>();
    const sameLength = byLength.get(value.length) ?? new Map<string, SensitiveKind>();
    sameLength.set(value, kind);
    if (!byLength.has(value.length)) {
      byLength.set(value.length, sameLength);
      // Longest first, so a JWT wins over a shorter value it starts with.
      this.byPrefix.set(prefix, new Map([...byLength].sort(([a], [b]) => b - a)));
    }
  }

  /** The longest value that occurs in `text` at `at`, if any. */
  private valueAt(text: string, at: number): { value: string; kind: SensitiveKind } | undefined {
    const byLength = this.byPrefix.get(text.slice(at, at + LEAK_SCAN_MIN_LENGTH));
    if (byLength === undefined) return undefined;
    for (const [length, values] of byLength) {
      const candidate = text.slice(at, at + length);
      const kind = values.get(candidate);
      if (kind !== undefined) return { value: candidate, kind };
    }
    return undefined;
  }

  /** Non-overlapping occurrences, left to right, the longest value at each position. */
  private matches(text: string): { at: number; value: string; kind: SensitiveKind }[] {
    const found: { at: number; value: string; kind: SensitiveKind }[] = [];
    for (let at = 0; at + LEAK_SCAN_MIN_LENGTH <= text.length; ) {
      const hit = this.valueAt(text, at);
      if (hit) {
        found.push({ at, ...hit });
        at += hit.value.length;
      } else {
        at += 1;
      }
    }
    return found;
  }
}

/**
 * What a redacted value is replaced with. A JWT keeps its header and payload (public,
 * and what a reader needs to see which forgery was sent) and loses its signature, which
 * is what makes it a credential.
 */
function placeholder(value: string, kind: SensitiveKind): string {
  const jws = COMPACT_JWS.exec(value);
  if ((kind === 'JWT' || kind === 'client_secret') && jws) {
    return `${jws[1]}.${jws[2]}.${jws[3] ? '[signature redacted]' : '[empty signature]'}`;
  }
  return `[redacted ${kind}]`;
}
