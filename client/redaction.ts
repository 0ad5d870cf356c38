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
  private readonly values = new Map<string, SensitiveKind>();
  private pattern: RegExp | null = null;

  add(value: string, kind: SensitiveKind): void {
    if (value.length < LEAK_SCAN_MIN_LENGTH || this.values.has(value)) return;
    this.values.set(value, kind);
    // A value inside a JSON string may appear escaped (non-ASCII, quotes, backslashes).
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) this.values.set(escaped, kind);
    this.pattern = null;
  }

  /** Which kinds of sensitive value `text` contains. */
  kindsIn(text: string): SensitiveKind[] {
    const found = new Set<SensitiveKind>();
    for (const match of text.matchAll(this.regex())) found.add(this.values.get(match[0])!);
    return [...found];
  }

  findLeaks(body: string, headers: Readonly<Record<string, string>>): Leak[] {
    const leaks: Leak[] = this.kindsIn(body).map((kind) => ({ kind, where: 'body' as const }));
    for (const [name, value] of Object.entries(headers)) {
      for (const kind of this.kindsIn(value)) leaks.push({ kind, where: `header ${name}` });
    }
    return leaks;
  }

  redact(text: string): string {
    if (this.values.size === 0) return text;
    return text.replace(this.regex(), (match) => placeholder(match, this.values.get(match)!));
  }

  private regex(): RegExp {
    if (!this.pattern) {
      const alternatives = [...this.values.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
      this.pattern = new RegExp(alternatives.length ? alternatives.join('|') : '(?!)', 'g');
    }
    return this.pattern;
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
