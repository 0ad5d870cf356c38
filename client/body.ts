import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { JSONParser } from '@streamparser/json';
import type { StreamedJson } from '../vocabulary/exchange.js';

/**
 * A body is read no further than this: the rest is left unread (and the connection
 * dropped), so a target cannot hold the harness with an endless body. No conforming
 * answer comes near it; what was read is scanned for leaks and judged.
 */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** A body as it arrived: whole, or its beginning with what was learnt of the rest. */
export interface ReadBody {
  /** The whole body, or its first `keepChars` characters when `beyond` is set. */
  readonly text: string;
  /** Bytes received (all of them unless `beyond.unread`). */
  readonly bytes: number;
  /** SHA-256 of the bytes received, hex. */
  readonly sha256: string;
  /** Set when `text` is not the whole body. */
  readonly beyond?: { readonly unread: boolean; readonly json: StreamedJson };
}

/** The members a check reads (SPEC §1); others are parsed past and dropped. */
const JUDGED_MEMBERS = new Set(['error', 'access_grant', 'scopes']);

/**
 * Reads a body chunk by chunk, in bounded memory: every decoded piece of text goes to
 * `onText` (the streamed leak scan) and is hashed and counted; the first `keepChars`
 * characters are kept; past them a streaming JSON parser reads the members the checks
 * judge. Nothing grows with the body's length but the transient value being parsed.
 */
export async function readBody(chunks: AsyncIterable<Buffer>, keepChars: number, onText: (text: string) => void = () => undefined): Promise<ReadBody> {
  const hash = createHash('sha256');
  const decoder = new StringDecoder('utf8');
  let head = '';
  let json: JsonMembers | null = null;
  let bytes = 0;
  let unread = false;
  const take = (text: string) => {
    if (text === '') return;
    onText(text);
    if (json) return json.write(text);
    if (head.length + text.length <= keepChars) {
      head += text;
      return;
    }
    json = new JsonMembers(head + text);
    head = `${head}${text}`.slice(0, keepChars);
  };
  for await (const chunk of chunks) {
    const part = chunk.subarray(0, MAX_BODY_BYTES - bytes);
    bytes += part.length;
    hash.update(part);
    take(decoder.write(part));
    if (part.length < chunk.length) {
      unread = true;
      break;
    }
  }
  take(decoder.end());
  const sha256 = hash.digest('hex');
  const watched = json as JsonMembers | null;
  return watched ? { text: detached(head), bytes, sha256, beyond: { unread, json: watched.end(!unread) } } : { text: head, bytes, sha256 };
}

/**
 * A copy of `text` that holds no reference to the string it was cut from: V8 keeps a long
 * string alive for every slice of it, so an excerpt would otherwise keep its whole chunk.
 */
function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** What a whole body tells as JSON, in the same terms as a streamed one (a body cut only for the evidence). */
export function jsonMembersOf(text: string): StreamedJson {
  return new JsonMembers(text).end(true);
}

/** @streamparser/json over a body, keeping the top-level members the checks read. */
class JsonMembers {
  private readonly parser = new JSONParser({ paths: ['$.*'], keepStack: false });
  private readonly members: Record<string, unknown> = {};
  private readonly isObject: boolean;
  private failed = false;
  private ended = false;

  constructor(start: string) {
    this.isObject = start.trimStart().startsWith('{');
    this.parser.onValue = ({ key, value, stack }) => {
      if (stack.length === 1 && typeof key === 'string' && JUDGED_MEMBERS.has(key)) this.members[key] = value;
    };
    this.parser.onError = () => {
      this.failed = true;
    };
    this.parser.onEnd = () => {
      this.ended = true;
    };
    this.write(start);
  }

  write(text: string): void {
    if (this.failed) return;
    // RFC 8259 §2: whitespace may follow the value; anything else makes it not JSON.
    if (this.ended) this.failed = text.trim() !== '';
    else this.parser.write(text);
  }

  /** `readAll`: the body ended here; a document still open is then broken JSON, not an unfinished one. */
  end(readAll: boolean): StreamedJson {
    const kind = this.failed || (!this.ended && readAll) ? 'not json' : !this.ended ? 'unfinished' : this.isObject ? 'object' : 'not an object';
    return { kind, members: kind === 'not json' ? {} : this.members };
  }
}
