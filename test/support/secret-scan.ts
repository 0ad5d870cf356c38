import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import escapeHtml from 'escape-html';
import { ENCODINGS } from './encodings.js';
import type { ProxiedExchange } from './recording-proxy.js';

/** A credential of a run: what it is, and its value. */
export interface Secret {
  readonly kind: 'stored secret' | 'JWT' | 'client_secret' | 'passphrase' | 'access grant' | 'header value';
  readonly value: string;
}

/** Where a secret was found, and in which spelling. */
export interface Hit {
  readonly where: string;
  readonly kind: Secret['kind'];
  readonly encoding: string;
  /** The secret's first characters only, so a failing test does not print it whole. */
  readonly value: string;
}

/** SPEC §2: the leak scan looks for values of at least 8 characters. */
const MIN_LENGTH = 8;
/** A compact JWS anywhere in a text (RFC 7515 §7.1), whatever body format carries it. */
const COMPACT_JWS = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+/g;

/**
 * Every credential that crossed the wire in the recorded exchanges: stored secrets and
 * session headers the state endpoint handed out, the client_secret (a JWT or anything a
 * case sent instead) and passphrase of every token request, every JWT in any request or
 * response, and every access grant a token endpoint answered.
 */
export function secretsIn(exchanges: readonly ProxiedExchange[]): Secret[] {
  const secrets: Secret[] = [];
  for (const exchange of exchanges) {
    if (exchange.path.startsWith('/provider-states')) {
      const answer = jsonObject(exchange.responseBody);
      pushString(secrets, 'stored secret', answer?.client_secret);
      const headers = answer?.headers;
      if (headers && typeof headers === 'object') {
        for (const value of Object.values(headers)) {
          pushString(secrets, 'header value', value);
          // A cookie's id on its own (`session=<id>`): a target may echo it apart (issue 16 item 1).
          if (typeof value === 'string') for (const pair of value.split(';')) pushString(secrets, 'header value', pair.split('=').slice(1).join('=').trim());
        }
      }
      continue;
    }
    for (const text of [exchange.requestBody, exchange.responseBody]) for (const [jwt] of text.matchAll(COMPACT_JWS)) pushString(secrets, 'JWT', jwt);
    const fields = jsonObject(exchange.requestBody) ?? Object.fromEntries(new URLSearchParams(exchange.requestBody));
    if (!isUnsignedJwsParts(fields.client_secret)) pushString(secrets, 'client_secret', fields.client_secret);
    pushString(secrets, 'passphrase', fields.passphrase);
    pushString(secrets, 'access grant', jsonObject(exchange.responseBody)?.access_grant);
  }
  // Each value once, as the kind it was first seen as (a JWT sent as client_secret is a JWT).
  return [...new Map(secrets.reverse().map((s) => [s.value, s])).values()];
}

/**
 * A client_secret made only of a JWS's header and payload, without a signature (`alg: none`
 * tokens, a stripped signature, a lone header): public by design. Reports keep every JWT's
 * header and payload so a reader sees which forgery was sent; only a signature is a credential.
 */
function isUnsignedJwsParts(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const segments = value.split('.');
  if (segments.length > 3 || (segments.length === 3 && segments[2] !== '')) return false;
  return segments.filter((s) => s !== '').every((segment) => /^[A-Za-z0-9_-]+$/.test(segment) && jsonObject(Buffer.from(segment, 'base64url').toString('utf8')) !== undefined);
}

function pushString(secrets: Secret[], kind: Secret['kind'], value: unknown): void {
  if (typeof value === 'string' && value.length >= MIN_LENGTH) secrets.push({ kind, value });
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(text);
    return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The spellings a value takes in the artifacts, or in what a target echoed (issue 16 item 1):
 * every encoding of support/encodings.ts; inside a JSON string (and a JSON string inside
 * JSON, as a recorded body is in results.json), HTML-escaped (report.html) and XML-escaped
 * (junit.xml); and base64 and base64url wherever the value sits in the encoded text (the
 * characters that depend on the value alone, for each of the three alignments).
 */
function spellings(value: string): [string, string][] {
  const json = JSON.stringify(value).slice(1, -1);
  const forms: [string, string][] = [
    ...Object.entries(ENCODINGS).map(([encoding, encode]): [string, string] => [encoding, encode(value)]),
    ['HTML-escaped JSON', escapeHtml(json)],
    ['XML-escaped', value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&apos;')],
    ...base64Alignments(value),
  ];
  return forms.filter(([, form], i) => form.length >= MIN_LENGTH && forms.findIndex(([, other]) => other === form) === i);
}

/** The base64 and base64url characters that `value` alone decides, when it sits 0, 1 or 2 bytes past a 3-byte boundary. */
function base64Alignments(value: string): [string, string][] {
  const bytes = Buffer.from(value, 'utf8');
  return [0, 1, 2].flatMap((shift) =>
    (['base64', 'base64url'] as const).map((alphabet): [string, string] => {
      const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString(alphabet);
      return [`${alphabet} at offset ${shift}`, encoded.slice(Math.ceil((shift * 4) / 3), Math.floor(((shift + bytes.length) * 4) / 3))];
    }),
  );
}

/**
 * Finds any of `secrets`, in any of its spellings, in texts: one pass per text, each
 * position looked up by its first 8 characters.
 */
export class SecretScanner {
  private readonly byPrefix = new Map<string, { form: string; encoding: string; secret: Secret }[]>();

  constructor(secrets: readonly Secret[]) {
    for (const secret of secrets) {
      for (const [encoding, form] of spellings(secret.value)) {
        const prefix = form.slice(0, MIN_LENGTH);
        this.byPrefix.set(prefix, [...(this.byPrefix.get(prefix) ?? []), { form, encoding, secret }]);
      }
    }
  }

  scanText(where: string, text: string): Hit[] {
    const hits: Hit[] = [];
    for (let at = 0; at + MIN_LENGTH <= text.length; at += 1) {
      for (const candidate of this.byPrefix.get(text.slice(at, at + MIN_LENGTH)) ?? []) {
        if (text.startsWith(candidate.form, at)) {
          hits.push({ where, kind: candidate.secret.kind, encoding: candidate.encoding, value: `${candidate.secret.value.slice(0, 6)}…` });
        }
      }
    }
    return hits;
  }

  /** Every file under `dir`, subfolders included (allure-results/, when a run writes it). */
  async scanDir(dir: string): Promise<{ files: string[]; hits: Hit[] }> {
    const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
    const hits: Hit[] = [];
    for (const file of files.sort()) hits.push(...this.scanText(file, await readFile(path.join(dir, file), 'utf8')));
    return { files, hits };
  }
}
