import { describe, expect, it } from 'vitest';
import { SensitiveValues } from '../../client/redaction.js';
import { redactUrl } from '../../client/redact-url.js';
import { curlCommand, ExchangeRecorder } from '../../client/recorder.js';

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
