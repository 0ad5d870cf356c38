import { readFileSync } from 'node:fs';
import { parse, type ParseEntry } from 'shell-quote';
import type { ProfileName } from '../vocabulary/profile.js';
import { UnreadableRequest, type DoctorRequest } from './request.js';

/** curl options that take a value and change the request the doctor judges. */
const VALUED: Readonly<Record<string, string>> = {
  '-X': 'request',
  '--request': 'request',
  '-H': 'header',
  '--header': 'header',
  '-d': 'data',
  '--data': 'data',
  '--data-ascii': 'data',
  '--data-binary': 'data-binary',
  '--data-raw': 'data-raw',
  '--data-urlencode': 'data-urlencode',
  '--json': 'json',
  '--url': 'url',
  '-b': 'cookie',
  '--cookie': 'cookie',
  '-u': 'user',
  '--user': 'user',
  '-A': 'user-agent',
  '--user-agent': 'user-agent',
};

/** curl options that take a value the request does not depend on (output, timing, TLS files …). */
const VALUED_IGNORED = new Set([
  '-o', '--output', '-e', '--referer', '-m', '--max-time', '--connect-timeout', '-w', '--write-out',
  '-x', '--proxy', '--cacert', '--cert', '-E', '--key', '-c', '--cookie-jar', '--retry', '--resolve',
  '--limit-rate', '-r', '--range', '-K', '--config', '--max-redirs', '--trace', '--trace-ascii',
]);

/** Options that would send something else than a body the doctor can judge. */
const UNSUPPORTED = new Set(['-F', '--form', '-G', '--get', '-T', '--upload-file', '-I', '--head']);
/** Options only a profile whose body is a form can judge (SPEC §5). */
const FORM_ONLY = new Set(['--data-urlencode']);

interface CurlState {
  /** Whose body is judged: a JSON one (storx) or a form (rfc7523). */
  profile: ProfileName;
  method: string | null;
  url: string | null;
  headers: Record<string, string>;
  data: string[];
  json: boolean;
}

/**
 * Reads the request a curl command line sends: method, URL, headers and body, as curl
 * itself builds them (a body given with -d and no Content-Type goes out as
 * `application/x-www-form-urlencoded`; `--json` sets `application/json`). Tokenised as a
 * POSIX shell would (shell-quote); backslash-newline continuations joined first.
 */
export function parseCurl(text: string, env: NodeJS.ProcessEnv, profile: ProfileName): DoctorRequest {
  const words = shellWords(text, env);
  if (words[0] === undefined || !/(?:^|[/\\])curl(?:\.exe)?$/.test(words[0])) throw new UnreadableRequest('a curl command line starts with curl');
  const state: CurlState = { profile, method: null, url: null, headers: {}, data: [], json: false };
  for (let i = 1; i < words.length; i += 1) {
    const word = words[i]!;
    const next = () => {
      i += 1;
      const value = words[i];
      if (value === undefined) throw new UnreadableRequest(`curl option ${word} needs a value`);
      return value;
    };
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const [name, inline] = eq > 0 ? [word.slice(0, eq), word.slice(eq + 1)] : [word, undefined];
      applyOption(state, name, () => inline ?? next());
    } else if (word.startsWith('-') && word.length > 1) {
      applyShortOptions(state, word, next);
    } else {
      setUrl(state, word);
    }
  }
  return toRequest(state);
}

function shellWords(text: string, env: NodeJS.ProcessEnv): string[] {
  // POSIX shell: a backslash-newline outside single quotes is removed (a line continuation).
  const entries = parse(text.replace(/\\\r?\n/g, ''), (name) => env[name] ?? `$${name}`);
  const words: string[] = [];
  for (const entry of entries) {
    const word = wordOf(entry);
    if (word === null) break;
    words.push(word);
  }
  return words;
}

/** A word, or null at the first operator or comment: only the first command is curl's. */
function wordOf(entry: ParseEntry): string | null {
  if (typeof entry === 'string') return entry;
  if ('op' in entry && entry.op === 'glob') return entry.pattern;
  return null;
}

/** `-sSL`, `-XPOST`, `-H 'A: b'`: flags bundled in one word, the last may take a value. */
function applyShortOptions(state: CurlState, word: string, next: () => string): void {
  for (let at = 1; at < word.length; at += 1) {
    const name = `-${word[at]}`;
    const rest = word.slice(at + 1);
    if (VALUED[name] !== undefined || VALUED_IGNORED.has(name)) {
      applyOption(state, name, () => (rest === '' ? next() : rest));
      return;
    }
    applyOption(state, name, () => '');
  }
}

function applyOption(state: CurlState, name: string, value: () => string): void {
  if (UNSUPPORTED.has(name) || (FORM_ONLY.has(name) && state.profile === 'storx')) {
    throw new UnreadableRequest(state.profile === 'storx' ? `curl option ${name} sends no JSON body: give the request as a JSON body instead` : `curl option ${name} sends no form body the doctor can read: give the form body (name=value&…) instead`);
  }
  if (VALUED_IGNORED.has(name)) {
    value();
    return;
  }
  switch (VALUED[name]) {
    case 'request':
      state.method = value().toUpperCase();
      return;
    case 'header':
      setHeader(state, value());
      return;
    case 'data':
      state.data.push(dataArgument(value(), true));
      return;
    case 'data-binary':
      state.data.push(dataArgument(value(), false));
      return;
    case 'data-raw':
      state.data.push(value());
      return;
    case 'data-urlencode':
      state.data.push(urlencodedArgument(value()));
      return;
    case 'json':
      state.data.push(dataArgument(value(), false));
      state.json = true;
      return;
    case 'url':
      setUrl(state, value());
      return;
    case 'cookie':
      setCookie(state, value());
      return;
    case 'user':
      state.headers['authorization'] = `Basic ${Buffer.from(value()).toString('base64')}`;
      return;
    case 'user-agent':
      state.headers['user-agent'] = value();
      return;
    default:
    // A flag without a value (-s, -L, --compressed …): it does not change the request.
  }
}

/** `-d @file` reads the file, without its line breaks; `--data-binary @file` keeps them (curl(1)). */
function dataArgument(value: string, stripNewlines: boolean): string {
  if (!value.startsWith('@')) return value;
  const file = value.slice(1);
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch {
    throw new UnreadableRequest(`curl reads the body from ${file}, which cannot be read: give the body inline or as a JSON file`);
  }
  return stripNewlines ? content.replace(/[\r\n]/g, '') : content;
}

/**
 * curl(1) --data-urlencode: `content`, `=content`, `name=content`, `@file`, `name@file`; the
 * content (a file's as it is) percent-encoded, every byte but A–Z a–z 0–9 - . _ ~.
 */
function urlencodedArgument(value: string): string {
  const encode = (content: string) => encodeURIComponent(content).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const at = value.search(/[=@]/);
  if (at < 0) return encode(value);
  const name = value.slice(0, at);
  const content = value[at] === '=' ? value.slice(at + 1) : dataArgument(value.slice(at), false);
  return `${name}${name === '' ? '' : '='}${encode(content)}`;
}

function setHeader(state: CurlState, header: string): void {
  const colon = header.indexOf(':');
  if (colon <= 0) throw new UnreadableRequest(`curl header "${header.split(/[:;]/)[0]}" is not "Name: value"`);
  state.headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
}

function setCookie(state: CurlState, cookie: string): void {
  if (!cookie.includes('=')) throw new UnreadableRequest('curl reads cookies from a file (-b FILE): give them inline, -b "name=value"');
  state.headers['cookie'] = cookie;
}

function setUrl(state: CurlState, url: string): void {
  if (state.url !== null) throw new UnreadableRequest(`the curl command line names two URLs (${state.url} and another): give one request`);
  state.url = url;
}

function toRequest(state: CurlState): DoctorRequest {
  const body = state.data.length > 0 ? state.data.join('&') : null;
  const headers = { ...state.headers };
  if (body !== null && headers['content-type'] === undefined) {
    headers['content-type'] = state.json ? 'application/json' : 'application/x-www-form-urlencoded';
  }
  return { format: 'curl', method: state.method ?? (body === null ? 'GET' : 'POST'), url: state.url, headers, body };
}
