import { rejectsEach, bodyVariant, type Variant } from '../variants.js';
import type { Requirement } from '../types.js';
import type { Fixture } from '../case-kit.js';

/**
 * Near variants of the registered redirect URI: each one a lax comparison (normalising,
 * prefix matching, case folding, decoding) would accept. SPEC §1 step 8 compares exact
 * strings (RFC 6749 §4.1.3, RFC 9700 §4.1.3).
 */
const nearVariants: readonly [string, (uri: URL, text: string) => string | null][] = [
  ['a trailing slash added or removed', (_, text) => (text.endsWith('/') ? text.slice(0, -1) : `${text}/`)],
  ['a character appended', (_, text) => `${text}x`],
  ['the last character dropped', (_, text) => text.slice(0, -1)],
  ['a path segment appended', (_, text) => `${text.replace(/\/$/, '')}/extra`],
  ['a query added', (_, text) => `${text}${text.includes('?') ? '&' : '?'}x=1`],
  ['a fragment added', (_, text) => `${text}#x`],
  ['the scheme changed', (uri, text) => (uri.protocol === 'https:' ? text.replace(/^https:/i, 'http:') : text.replace(/^http:/i, 'https:'))],
  ['the host upper-cased', (uri, text) => (hasLetters(uri.hostname) ? text.replace(uri.hostname, uri.hostname.toUpperCase()) : null)],
  ['the path upper-cased', (uri, text) => (hasLetters(uri.pathname) ? text.replace(uri.pathname, uri.pathname.toUpperCase()) : null)],
  ['the default port written out', (uri, text) => (uri.port === '' ? text.replace(uri.host, `${uri.hostname}:${uri.protocol === 'https:' ? 443 : 80}`) : null)],
  ['a path character percent-encoded', (uri, text) => percentEncodeFirstPathLetter(uri, text)],
  ['another host with the same path', (uri, text) => text.replace(uri.host, 'attacker.example')],
];

function hasLetters(text: string): boolean {
  return /[a-z]/i.test(text);
}

function percentEncodeFirstPathLetter(uri: URL, text: string): string | null {
  const index = uri.pathname.search(/[a-z]/i);
  if (index < 0) return null;
  const encoded = `${uri.pathname.slice(0, index)}%${uri.pathname.charCodeAt(index).toString(16).toUpperCase()}${uri.pathname.slice(index + 1)}`;
  return text.replace(uri.pathname, encoded);
}

function nearVariant(name: string, change: (uri: URL, text: string) => string | null): Variant {
  const changed = (f: Fixture) => {
    try {
      return change(new URL(f.client.redirectUri), f.client.redirectUri);
    } catch {
      return null;
    }
  };
  return bodyVariant(
    `redirect_uri with ${name}`,
    (f) => ({ redirect_uri: changed(f) }),
    (f) => {
      const value = changed(f);
      return value !== null && value !== f.client.redirectUri;
    },
  );
}

export const redirectUri: readonly Requirement[] = [
  {
    id: 'REDIRECT-MISMATCH',
    level: 'MUST',
    category: 'redirect-uri',
    stage: 'conformance',
    title: 'The redirect_uri must equal the code\'s by exact string comparison',
    source: 'SPEC §1 step 8; RFC 6749 §4.1.3; RFC 9700 §4.1.3',
    expected: 'invalid_redirect_uri',
    run: rejectsEach('invalid_redirect_uri', [
      bodyVariant('another redirect_uri', () => ({ redirect_uri: 'https://attacker.example/steal' })),
      ...nearVariants.map(([name, change]) => nearVariant(name, change)),
    ]),
  },
];
