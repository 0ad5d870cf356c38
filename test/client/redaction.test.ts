import { describe, expect, it } from 'vitest';
import { SensitiveValues } from '../../client/redaction.js';
import { redactUrl } from '../../client/redact-url.js';
import { curlCommand, ExchangeRecorder } from '../../client/recorder.js';
import { ENCODINGS } from '../support/encodings.js';
import { SecretScanner, type Secret } from '../support/secret-scan.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJjbGllbnRfaWQiOiJhIn0.c2lnbmF0dXJlLWJ5dGVz';

describe('SensitiveValues', () => {
  it('redacts a JWT to its header and payload, and other values to their kind', () => {
    const values = new SensitiveValues();
    values.add(JWT, 'JWT');
    values.add('stored-secret-0123', 'stored secret');
    expect(values.redact(`{"a":"${JWT}","b":"stored-secret-0123"}`)).toBe('{"a":"eyJhbGciOiJIUzI1NiJ9.eyJjbGllbnRfaWQiOiJhIn0.[signature redacted]","b":"[redacted stored secret]"}');
  });
  it('prefers the longest value at a position, so a secret inside a longer value never leaves the rest behind', () => {
    const values = new SensitiveValues();
    values.add('abcdefgh', 'passphrase');
    values.add('abcdefgh-and-more', 'stored secret');
    expect(values.redact('xabcdefgh-and-more abcdefgh')).toBe('x[redacted stored secret] [redacted passphrase]');
  });
  it('finds a value JSON-escaped in a response', () => {
    const values = new SensitiveValues();
    values.add('pässphrase"quoted', 'passphrase');
    expect(values.findLeaks(JSON.stringify({ echo: 'pässphrase"quoted' }), {})).toEqual([{ kind: 'passphrase', where: 'body' }]);
    expect(values.findLeaks('{}', { 'x-debug': 'pässphrase"quoted' })).toEqual([{ kind: 'passphrase', where: 'header x-debug' }]);
  });
  it('ignores values shorter than 8 characters (SPEC §2 leak scan)', () => {
    const values = new SensitiveValues();
    values.add('short', 'passphrase');
    expect(values.findLeaks('short', {})).toEqual([]);
  });
});

describe('an empty passphrase (REQ-PASSPHRASE-EMPTY)', () => {
  it('is never taken for a leak, nor redacted out of the body that carries it', () => {
    const recorder = new ExchangeRecorder();
    const body = { client_id: 'c', client_secret: JWT, redirect_uri: 'https://myapp.com/callback', code: 'code-1', passphrase: '' };
    recorder.registerBody(body);
    const exchange = recorder.record(
      'REQ-PASSPHRASE-EMPTY: a fully valid request with passphrase ""',
      { method: 'POST', url: 'http://h/t', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      { answer: { status: 200, headers: { 'content-type': 'application/json', 'x-note': '' }, body: '{"access_grant":"grant-0123456789","scopes":[""],"note":""}' }, ms: 1 },
    );
    expect(exchange.leaks).toEqual([]);
    expect(JSON.parse(exchange.request.body ?? '{}')).toMatchObject({ passphrase: '', client_secret: 'eyJhbGciOiJIUzI1NiJ9.eyJjbGllbnRfaWQiOiJhIn0.[signature redacted]' });
  });
});

describe('redactUrl and curlCommand', () => {
  it('hides a URL password and query values', () => {
    expect(redactUrl('https://user:pw@example.test/token?api_key=k1&x=2')).toBe('https://user:redacted@example.test/token?api_key=redacted&x=redacted');
    expect(redactUrl('not a url')).toBe('[unparseable URL]');
  });
  it('quotes for a POSIX shell', () => {
    expect(curlCommand({ method: 'POST', url: 'http://h/t', headers: { 'content-type': 'application/json' }, body: `{"a":"it's"}` })).toBe(
      `curl -sS -X POST http://h/t -H 'content-type: application/json' --data-raw '{"a":"it'\\''s"}'`,
    );
  });
});

describe('every spelling a response can carry (issue 16 item 1)', () => {
  const STORED = '$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy';
  const SESSION_ID = '7c1f0e5a9b3d4c2e8f6a1b0c9d8e7f6a';
  const BEARER = 'Bearer tok-3b9f1c7a2e5d8046';
  const PASSPHRASE = 'pässphrase "quoted" <&>';
  const values = new SensitiveValues();
  values.add(STORED, 'stored secret');
  values.add(JWT, 'JWT');
  values.add(PASSPHRASE, 'passphrase');
  values.addHeaderValue(`session=${SESSION_ID}`);
  values.addHeaderValue(BEARER);
  const secrets: Secret[] = [
    { kind: 'stored secret', value: STORED },
    { kind: 'JWT', value: JWT },
    { kind: 'passphrase', value: PASSPHRASE },
    { kind: 'header value', value: SESSION_ID },
    { kind: 'header value', value: BEARER },
  ];
  const scanner = new SecretScanner(secrets);
  /** The request as a target echoes it: the secret inside a longer text, at every alignment base64 can give it. */
  const echoes = (secret: string) => ['', 'a', 'ab'].map((lead) => `${lead}{"client_secret":"${secret}","redirect_uri":"https://myapp.com/callback?x=1"}`);

  it.each(Object.keys(ENCODINGS))('%s: found by the leak scan, and no spelling of it left once redacted', (encoding) => {
    for (const { kind, value } of secrets) {
      for (const echo of echoes(value)) {
        const text = `<p>echo: ${ENCODINGS[encoding]!(echo)}</p>`;
        expect(values.kindsIn(text), `${kind} ${encoding} in ${text}`).toContain(kind);
        const redacted = values.redact(text);
        expect(scanner.scanText(`${kind} ${encoding}`, redacted)).toEqual([]);
        expect(redacted).not.toBe(text);
      }
    }
  });

  it('finds a cookie id apart from its cookie, and a bearer token apart from its scheme', () => {
    expect(values.redact(`id ${SESSION_ID} token tok-3b9f1c7a2e5d8046`)).toBe('id [redacted header value] token [redacted header value]');
  });

  it('keeps the text around an encoded secret, and a JWT its header and payload', () => {
    expect(values.redact(`a=${encodeURIComponent(STORED)}&b=2`)).toBe('a=[redacted stored secret]&b=2');
    expect(values.redact(`"${JWT.replaceAll('.', '\\u002e')}"`)).toBe('"eyJhbGciOiJIUzI1NiJ9.eyJjbGllbnRfaWQiOiJhIn0.[signature redacted]"');
  });

  it('finds a secret split across the chunks of a streamed body, whatever the chunk size', () => {
    const body = `{"error":"invalid_client","error_description":"${'x'.repeat(5000)}${ENCODINGS['HTML entities, hex']!(STORED)}${'y'.repeat(3000)}"}`;
    for (const size of [7, 64, 1000, 4096]) {
      const scan = values.scan();
      for (let at = 0; at < body.length; at += size) scan.push(body.slice(at, at + size));
      expect(scan.kinds(), `chunks of ${size}`).toEqual(['stored secret']);
    }
  });

  it('leaves text without a secret as it is, escapes and all', () => {
    const text = '{"a":"%41&amp;\\u0042 &#x43;","b":"aGVsbG8gd29ybGQ="}';
    expect(values.redact(text)).toBe(text);
    expect(values.kindsIn(text)).toEqual([]);
  });
});
