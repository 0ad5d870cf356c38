import { decodedViews } from './decoded-view.js';
import type { Leak, SensitiveKind } from '../vocabulary/exchange.js';
import { credentialParts, spellingsOf } from './spellings.js';

/** Values shorter than this are not scanned for (SPEC §2: the leak scan looks at ≥ 8 chars). */
const LEAK_SCAN_MIN_LENGTH = 8;
/** A JWS split as `header.payload.signature` (RFC 7515 §7.1). */
const COMPACT_JWS = /^([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]*)$/;
/**
 * The most original characters one decoded character may take: `%F0%9F%98%80` gives two
 * UTF-16 units from twelve, and a layer of escaping inside another adds a few more.
 */
const MAX_SPELLING_EXPANSION = 16;

/** A span of a text that holds a sensitive value, in some spelling. */
interface Span {
  readonly from: number;
  readonly to: number;
  readonly value: string;
  readonly kind: SensitiveKind;
}

/**
 * Every secret, JWT, passphrase, access grant and user-given header value of the run, and
 * the one mechanism that finds and redacts them (SPEC §4 "Output"): in a text as it is,
 * in every decoded view of it (percent-encoding of either case, HTML character references
 * named and numeric, JSON and `\u` escapes, nested up to three deep), and in the spellings
 * decoding cannot bring back (form `+`, base64 and base64url). Everything the harness
 * records passes through `redact`; `findLeaks` and `scan` look at a raw response first.
 */
export class SensitiveValues {
  /**
   * Every spelling by its first LEAK_SCAN_MIN_LENGTH characters (one map look-up per text
   * position), then by its length, longest first, then by itself: every JWT of a run starts
   * `eyJhbGci`, and a run holds thousands, of a handful of lengths.
   */
  private readonly byPrefix = new Map<string, Map<number, Map<string, SensitiveKind>>>();
  /** The rolling hash of every prefix (prefixHash), so that most positions of a text cost no string at all. */
  private readonly prefixHashes = new Set<number>();
  private readonly known = new Set<string>();
  private longest = 0;

  add(value: string, kind: SensitiveKind): void {
    if (value.length < LEAK_SCAN_MIN_LENGTH || this.known.has(value)) return;
    this.known.add(value);
    for (const { form } of spellingsOf(value)) this.index(form, kind);
  }

  /** A header value that must never be recorded: the whole value, and each credential inside it (a cookie's id). */
  addHeaderValue(value: string, kind: SensitiveKind = 'header value'): void {
    this.add(value, kind);
    for (const part of credentialParts(value)) this.add(part, kind);
  }

  /**
   * How many characters of a text a streamed scan must carry from one chunk to the next,
   * so that a value split across two chunks, in any spelling, is still found whole.
   */
  get overlap(): number {
    return this.longest * MAX_SPELLING_EXPANSION;
  }

  /** Which kinds of sensitive value `text` contains. */
  kindsIn(text: string): SensitiveKind[] {
    return [...new Set(this.spans(text).map((s) => s.kind))];
  }

  findLeaks(body: string, headers: Readonly<Record<string, string>>): Leak[] {
    return this.leaksIn(this.kindsIn(body), headers);
  }

  /** A response's leaks: the kinds its body held (found as it streamed, say), and those in each header. */
  leaksIn(bodyKinds: readonly SensitiveKind[], headers: Readonly<Record<string, string>>): Leak[] {
    const leaks: Leak[] = bodyKinds.map((kind) => ({ kind, where: 'body' as const }));
    for (const [name, value] of Object.entries(headers)) {
      for (const kind of this.kindsIn(value)) leaks.push({ kind, where: `header ${name}` });
    }
    return leaks;
  }

  /** A scan of a body that arrives in chunks (client/body.ts): the kinds it held, whatever the chunk boundaries. */
  scan(): StreamedScan {
    return new StreamedScan(this);
  }

  redact(text: string): string {
    let out = '';
    let from = 0;
    for (const span of this.spans(text)) {
      out += text.slice(from, span.from) + placeholder(span.value, span.kind);
      from = span.to;
    }
    return out + text.slice(from);
  }

  /** Non-overlapping spans of `text` holding a value, in the text itself and in every decoded view, left to right. */
  private spans(text: string): Span[] {
    if (this.byPrefix.size === 0 || text.length < LEAK_SCAN_MIN_LENGTH) return [];
    const spans: Span[] = this.matches(text).map((m) => ({ from: m.at, to: m.at + m.value.length, value: m.value, kind: m.kind }));
    for (const view of decodedViews(text)) {
      for (const m of this.matches(view.text)) spans.push({ from: view.starts[m.at]!, to: view.starts[m.at + m.value.length]!, value: m.value, kind: m.kind });
    }
    return merged(spans);
  }

  private index(form: string, kind: SensitiveKind): void {
    if (form.length < LEAK_SCAN_MIN_LENGTH) return;
    this.longest = Math.max(this.longest, form.length);
    const prefix = form.slice(0, LEAK_SCAN_MIN_LENGTH);
    this.prefixHashes.add(prefixHash(prefix, 0));
    const byLength = this.byPrefix.get(prefix) ?? new Map<number, Map<string, SensitiveKind>>();
    const sameLength = byLength.get(form.length) ?? new Map<string, SensitiveKind>();
    if (!sameLength.has(form)) sameLength.set(form, kind);
    if (!byLength.has(form.length)) {
      byLength.set(form.length, sameLength);
      // Longest first, so a JWT wins over a shorter value it starts with.
      this.byPrefix.set(prefix, new Map([...byLength].sort(([a], [b]) => b - a)));
    }
  }

  /** The longest spelling that occurs in `text` at `at`, if any. */
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

  /**
   * Non-overlapping occurrences, left to right, the longest spelling at each position. A
   * rolling hash of the 8 characters at each position (Rabin–Karp) picks the few positions
   * worth a look-up: a 1.5 MB body costs a few milliseconds, not a string per character.
   */
  private matches(text: string): { at: number; value: string; kind: SensitiveKind }[] {
    const found: { at: number; value: string; kind: SensitiveKind }[] = [];
    if (text.length < LEAK_SCAN_MIN_LENGTH) return found;
    let hash = prefixHash(text, 0);
    for (let at = 0; ; ) {
      const hit = this.prefixHashes.has(hash) ? this.valueAt(text, at) : undefined;
      const next = hit ? at + hit.value.length : at + 1;
      if (hit) found.push({ at, ...hit });
      if (next + LEAK_SCAN_MIN_LENGTH > text.length) return found;
      hash = next === at + 1 ? rollHash(hash, text.charCodeAt(at), text.charCodeAt(at + LEAK_SCAN_MIN_LENGTH)) : prefixHash(text, next);
      at = next;
    }
  }
}

/**
 * A leak scan over a body that arrives in chunks: each chunk is scanned with the last
 * `overlap` characters of the text before it, so a value split across chunks is found.
 */
export class StreamedScan {
  private readonly found = new Set<SensitiveKind>();
  private tail = '';

  constructor(private readonly values: SensitiveValues) {}

  push(text: string): void {
    const window = this.tail + text;
    for (const kind of this.values.kindsIn(window)) this.found.add(kind);
    this.tail = window.slice(Math.max(0, window.length - this.values.overlap));
  }

  kinds(): SensitiveKind[] {
    return [...this.found];
  }
}

/** The base of the rolling hash, and its power for the character that leaves the window (mod 2^32). */
const HASH_BASE = 0x01000193;
const HASH_OUT = Array.from({ length: LEAK_SCAN_MIN_LENGTH - 1 }).reduce<number>((power) => Math.imul(power, HASH_BASE), 1);

/** The hash of the LEAK_SCAN_MIN_LENGTH characters of `text` at `at`. */
function prefixHash(text: string, at: number): number {
  let hash = 0;
  for (let i = 0; i < LEAK_SCAN_MIN_LENGTH; i += 1) hash = (Math.imul(hash, HASH_BASE) + text.charCodeAt(at + i)) | 0;
  return hash;
}

/** The hash of the window one character on: `out` leaves it, `into` joins it. */
function rollHash(hash: number, out: number, into: number): number {
  return (Math.imul(hash - Math.imul(out, HASH_OUT), HASH_BASE) + into) | 0;
}

/** Spans sorted by where they start, overlapping ones joined under the first one's kind. */
function merged(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans.sort((a, b) => a.from - b.from || b.to - a.to)) {
    const last = out.at(-1);
    if (last && span.from < last.to) out[out.length - 1] = { ...last, to: Math.max(last.to, span.to) };
    else out.push(span);
  }
  return out;
}

/**
 * What a redacted value is replaced with. A JWT keeps its header and payload (public,
 * and what a reader needs to see which forgery was sent) and loses its signature, which
 * is what makes it a credential.
 */
function placeholder(value: string, kind: SensitiveKind): string {
  const jws = COMPACT_JWS.exec(value);
  if ((kind === 'JWT' || kind === 'client_secret' || kind === 'client_assertion') && jws) {
    return `${jws[1]}.${jws[2]}.${jws[3] ? '[signature redacted]' : '[empty signature]'}`;
  }
  return `[redacted ${kind}]`;
}
