/** An HTTP request as sent (and, in an exchange, as recorded: redacted). */
export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
}

/**
 * What the harness read of a JSON body too long to keep whole, through a streaming parser
 * that keeps only the top-level members (SPEC §1: a JSON object; its `error`, and for a
 * success its `access_grant` and `scopes`): a 1.5 MB `error_description` is parsed past,
 * never kept. `unfinished`: reading stopped at MAX_BODY_BYTES before the document ended,
 * so only the members read until then are known.
 */
export interface StreamedJson {
  readonly kind: 'object' | 'not an object' | 'not json' | 'unfinished';
  /** Top-level members whose values were read whole; values are as received (unredacted). */
  readonly members: Readonly<Record<string, unknown>>;
}

/** A request as recorded: the shape it was sent in, already redacted. */
export type RecordedRequest = HttpRequest;

/**
 * A response as recorded, already redacted. A body longer than BODY_EXCERPT_CHARS is kept as
 * its beginning (SPEC §4 only gains fields: the four below, present only then), so the
 * evidence stays small whatever a target answers; it was scanned and judged whole.
 */
export interface RecordedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The body is cut: `body` holds its first BODY_EXCERPT_CHARS characters. */
  readonly bodyCut?: true;
  /** The body's length in bytes, as received. */
  readonly bodyBytes?: number;
  /** The SHA-256 of the body's bytes as received, hex: matches what the target sent. */
  readonly bodySha256?: string;
  /** Reading stopped at MAX_BODY_BYTES: `bodyBytes` and `bodySha256` are of what was read. */
  readonly bodyUnread?: true;
}

/** What evidence keeps of a longer body. */
export const BODY_EXCERPT_CHARS = 2048;

/** What a report says under a cut body, so no reader takes the excerpt for the answer. */
export function bodyCutNote(response: RecordedResponse): string | null {
  if (!response.bodyCut) return null;
  const read = response.bodyUnread ? `the first ${response.bodyBytes} bytes read (the rest was not)` : `${response.bodyBytes} bytes`;
  return `[body cut: its first ${BODY_EXCERPT_CHARS} characters of ${read} are shown; SHA-256 ${response.bodySha256}]`;
}

/** Which kind of sensitive value of the run a response contained, and where. */
export interface Leak {
  readonly kind: SensitiveKind;
  readonly where: 'body' | `header ${string}`;
}

export type SensitiveKind = 'stored secret' | 'JWT' | 'client_secret' | 'client_assertion' | 'code_verifier' | 'passphrase' | 'access grant' | 'header value' | 'environment value';

/** One token request and what came back, redacted at the point of recording. */
export interface Exchange {
  /** Which case sent it and why, e.g. `AUTH-ALG-NONE: alg "None", no signature part`. */
  readonly label: string;
  readonly request: RecordedRequest;
  /** `null` when no answer came (timeout, connection refused). */
  readonly response: RecordedResponse | null;
  /** Why there is no response, e.g. `no answer within 10 s`. */
  readonly failure?: string;
  readonly ms: number;
  /** Sensitive values of the run found in the response before redaction (RESP-NO-LEAK). */
  readonly leaks: readonly Leak[];
  /** A command line that reproduces the request, with every secret left out. */
  readonly curl: string;
  /** For a cut body: what it told as JSON, read as it streamed (values redacted). */
  readonly cutJson?: StreamedJson;
}

/**
 * The response body parsed as JSON, or undefined when it is not JSON. For a cut body, the
 * top-level members the streaming parser read (a body that is JSON but no object: null),
 * so a long answer is judged by what it said, never by its excerpt.
 */
export function responseJson(exchange: Exchange): unknown {
  if (!exchange.response) return undefined;
  const cut = exchange.cutJson;
  if (cut) {
    if (cut.kind === 'not an object') return null;
    return cut.kind === 'object' || Object.keys(cut.members).length > 0 ? cut.members : undefined;
  }
  try {
    return JSON.parse(exchange.response.body) as unknown;
  } catch {
    return undefined;
  }
}

/** The `error` member of a JSON error body, when there is one. */
export function errorCodeOf(exchange: Exchange): string | undefined {
  const json = responseJson(exchange);
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const error = (json as Record<string, unknown>).error;
    if (typeof error === 'string') return error;
  }
  return undefined;
}

/**
 * Why an answer cannot be judged, or null: a body cut off before the JSON document ended,
 * with none of the members a check reads among what was read. Such an answer is reported as
 * such, never as the wrong error (issue 16 item 2).
 */
export function tooLongToJudge(exchange: Exchange): string | null {
  const cut = exchange.cutJson;
  if (cut?.kind !== 'unfinished' || Object.keys(cut.members).length > 0) return null;
  return `answer too long to judge: its JSON did not end within the ${exchange.response?.bodyBytes ?? 0} bytes read, and held no "error" or "access_grant" before`;
}
