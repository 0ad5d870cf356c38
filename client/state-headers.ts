import { StateFailed } from './states.js';

/** RFC 9110 §5.1: a field name is a token. */
const FIELD_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 9110 §5.5: a field value is visible characters, obs-text, spaces and tabs; never CR, LF or NUL (undici's own test). */
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Headers that frame or route the request, which the harness sets itself for each token
 * request (RFC 9112 §6, RFC 9110 §7.2 and §7.6.1), or which undici refuses outright: a state
 * answer that carries one would change every request, or fail every one unanswered.
 */
const HARNESS_HEADERS: Readonly<Record<string, string>> = {
  'content-length': 'the harness frames each body itself',
  'transfer-encoding': 'the harness frames each body itself',
  'content-type': 'each case sets its own Content-Type',
  host: 'the host is --target\'s',
  connection: 'the harness manages its connections',
  'keep-alive': 'the harness manages its connections',
  upgrade: 'a token request is never upgraded',
  te: 'the harness manages its connections',
  trailer: 'a token request carries no trailers',
  expect: 'the harness sends each body at once',
};

/**
 * SPEC §3: the `headers` of a code's state answer, sent with every token request that
 * redeems the code. A header that cannot be sent is the state endpoint's fault, not the
 * target's: StateFailed names it (never its value, which may be a session cookie), so the
 * run stops before any token request instead of failing every case unanswered.
 */
export function stateAnswerHeaders(headers: unknown, state: string): Record<string, string> {
  if (headers === undefined || headers === null) return {};
  if (typeof headers !== 'object' || Array.isArray(headers)) throw new StateFailed(state, 'the answer\'s "headers" is not an object of header names and string values');
  for (const [name, value] of Object.entries(headers)) {
    const problem = headerProblem(name, value);
    if (problem) throw new StateFailed(state, `the answer's header ${JSON.stringify(name)} cannot be sent with a token request: ${problem}`);
  }
  return headers as Record<string, string>;
}

function headerProblem(name: string, value: unknown): string | null {
  if (!FIELD_NAME.test(name)) return 'its name is not an HTTP field name (RFC 9110 §5.1)';
  const reserved = HARNESS_HEADERS[name.toLowerCase()];
  if (reserved) return reserved;
  if (typeof value !== 'string') return `its value is ${value === null ? 'null' : `a ${typeof value}`}, not a string`;
  if (/[\r\n]/.test(value)) return 'its value holds a CR or LF';
  if (!FIELD_VALUE.test(value)) return 'its value holds a character a header cannot carry (RFC 9110 §5.5)';
  return null;
}
