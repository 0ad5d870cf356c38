import { decodeHTML } from 'entities';

/**
 * A text with its escapes decoded, and where each of its characters came from: `starts[i]`
 * is the offset in the original text of the escape (or character) that gave character i,
 * and `starts[text.length]` the original's length, so a match at [i, j) of the view covers
 * [starts[i], starts[j]) of the original.
 */
export interface DecodedView {
  readonly text: string;
  readonly starts: Int32Array;
}

/** Escapes inside escapes (`%2524`, `&amp;#36;`, a JSON string in JSON) are decoded this many layers deep. */
const MAX_LAYERS = 3;
/** What may begin an escape: a text without one of these has nothing to decode. */
const ESCAPE_START = /[%&\\]/;

/** RFC 3986 §2.1 percent-encoding, either case of hex. */
const PERCENT = /%([0-9A-Fa-f]{2})/y;
/** HTML character references, named and numeric, decimal and hex (HTML, "Character references"). */
const ENTITY = /&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;
/** RFC 8259 §7 string escapes: `\uXXXX` (either case) and the two-character ones, `\/` included. */
const UNICODE_ESCAPE = /\\u([0-9A-Fa-f]{4})/y;
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * The decoded views of `text`: percent-encoding, HTML character references and JSON/`\u`
 * escapes decoded together, one layer after another while a layer still changes
 * something. A value a target echoed in any of these spellings, or any mix of them, is
 * itself in one of the views.
 */
export function decodedViews(text: string): DecodedView[] {
  const views: DecodedView[] = [];
  if (!ESCAPE_START.test(text)) return views;
  let current: DecodedView = { text, starts: identityStarts(text.length) };
  for (let layer = 0; layer < MAX_LAYERS && ESCAPE_START.test(current.text); layer += 1) {
    const next = decodeLayer(current.text);
    if (next === null) break;
    current = { text: next.text, starts: next.starts.map((at) => current.starts[at]!) };
    views.push(current);
  }
  return views;
}

function identityStarts(length: number): Int32Array {
  const starts = new Int32Array(length + 1);
  for (let i = 0; i <= length; i += 1) starts[i] = i;
  return starts;
}

/** One layer of decoding, or null when `text` holds no escape. */
function decodeLayer(text: string): DecodedView | null {
  const parts: string[] = [];
  const starts: number[] = [];
  let changed = false;
  const emit = (chars: string, at: number) => {
    parts.push(chars);
    for (let k = 0; k < chars.length; k += 1) starts.push(at);
  };
  for (let at = 0; at < text.length; ) {
    const char = text[at]!;
    const taken = char === '%' ? percentRun(text, at, emit) : char === '&' ? entity(text, at, emit) : char === '\\' ? jsonEscape(text, at, emit) : 0;
    if (taken > 0) {
      changed = true;
      at += taken;
    } else {
      emit(char, at);
      at += 1;
    }
  }
  if (!changed) return null;
  starts.push(text.length);
  return { text: parts.join(''), starts: Int32Array.from(starts) };
}

type Emit = (chars: string, at: number) => void;

/**
 * A run of `%XX` escapes, decoded as UTF-8 (a character may take up to four escapes);
 * bytes that are not UTF-8 stay as they were. Returns how many characters it took.
 */
function percentRun(text: string, from: number, emit: Emit): number {
  const bytes: number[] = [];
  const offsets: number[] = [];
  for (let at = from; ; at += 3) {
    PERCENT.lastIndex = at;
    const match = PERCENT.exec(text);
    if (!match) break;
    bytes.push(parseInt(match[1]!, 16));
    offsets.push(at);
  }
  for (let k = 0; k < bytes.length; ) {
    const length = utf8Length(bytes, k);
    if (length === 0) {
      emit(text.slice(offsets[k]!, offsets[k]! + 3), offsets[k]!);
      k += 1;
    } else {
      emit(Buffer.from(bytes.slice(k, k + length)).toString('utf8'), offsets[k]!);
      k += length;
    }
  }
  return bytes.length * 3;
}

/** The length of the UTF-8 sequence starting at `k` (RFC 3629 §4), or 0 when none starts there. */
function utf8Length(bytes: readonly number[], k: number): number {
  const lead = bytes[k]!;
  const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  for (let c = 1; c < length; c += 1) {
    const next = bytes[k + c];
    if (next === undefined || next < 0x80 || next > 0xbf) return 0;
  }
  return length;
}

function entity(text: string, at: number, emit: Emit): number {
  ENTITY.lastIndex = at;
  const match = ENTITY.exec(text);
  if (!match) return 0;
  const decoded = decodeHTML(match[0]);
  if (decoded === match[0]) return 0;
  emit(decoded, at);
  return match[0].length;
}

function jsonEscape(text: string, at: number, emit: Emit): number {
  UNICODE_ESCAPE.lastIndex = at;
  const unicode = UNICODE_ESCAPE.exec(text);
  if (unicode) {
    emit(String.fromCharCode(parseInt(unicode[1]!, 16)), at);
    return 6;
  }
  const short = SHORT_ESCAPES[text[at + 1] ?? ''];
  if (short === undefined) return 0;
  emit(short, at);
  return 2;
}
