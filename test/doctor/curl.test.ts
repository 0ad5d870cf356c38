import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRequest, UnreadableRequest } from '../../doctor/index.js';
import { fixtureText } from './cases.js';

describe('readRequest: a curl command line', () => {
  it("reads seed 000's command: continuations, -X, -H, a multi-line -d", () => {
    const request = readRequest(fixtureText('seed-000.curl'), {});
    expect(request).toMatchObject({ format: 'curl', method: 'POST', url: 'http://localhost:10100/api/v0/oauth2/token', headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(request.body!)).toMatchObject({ client_id: 'e45fa79a-05f5-4f00-bbfe-bd0a14aead0a', code: 'AUTH_CODE_FROM_CONSENT' });
  });

  it("reads seed 001's Postman-style command: --location, --header, --data", () => {
    const request = readRequest(fixtureText('seed-001.curl'), {});
    expect(request).toMatchObject({ method: 'POST', url: 'http://localhost:10002/api/v0/oauth2/token', headers: { 'content-type': 'application/json' } });
  });

  it('bundled short flags, attached values, --opt=value, and a quote inside single quotes', () => {
    const request = readRequest(`curl -sSXPUT -H'Accept: */*' --header='X-Key: k' http://h/t --data-raw '{"a":"it'\\''s"}'`, {});
    expect(request).toMatchObject({ method: 'PUT', url: 'http://h/t', headers: { accept: '*/*', 'x-key': 'k', 'content-type': 'application/x-www-form-urlencoded' }, body: `{"a":"it's"}` });
  });

  it('as curl does: -d without a Content-Type is form-encoded, --json is JSON, several -d are joined with &, no body is GET', () => {
    expect(readRequest(`curl http://h/t -d '{}'`, {}).headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(readRequest(`curl http://h/t --json '{}'`, {})).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(readRequest(`curl http://h/t -d a=1 -d b=2`, {}).body).toBe('a=1&b=2');
    expect(readRequest(`curl http://h/t`, {})).toMatchObject({ method: 'GET', body: null });
  });

  it('-b name=value is a Cookie header (StorX binds codes to a session), -u a Basic Authorization', () => {
    expect(readRequest(`curl http://h/t -b 'session=abc' -u user:pw -d '{}'`, {}).headers).toMatchObject({ cookie: 'session=abc', authorization: `Basic ${Buffer.from('user:pw').toString('base64')}` });
  });

  it('expands $VARIABLES from the environment as the shell would, and keeps unset ones as written', () => {
    const request = readRequest(`curl http://h/t -H 'Content-Type: application/json' -d "{\\"client_secret\\": \\"$JWT\\", \\"code\\": \\"$CODE\\"}"`, { JWT: 'eyJ.x.y' });
    expect(JSON.parse(request.body!)).toEqual({ client_secret: 'eyJ.x.y', code: '$CODE' });
  });

  it('reads the body from a file with -d @file (line breaks dropped) and --data-binary @file (kept)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'doctor-curl-'));
    const file = path.join(dir, 'body.json');
    await writeFile(file, '{\n"a": 1\n}\n');
    expect(readRequest(`curl http://h/t -d @${file}`, {}).body).toBe('{"a": 1}');
    expect(readRequest(`curl http://h/t --data-binary @${file}`, {}).body).toBe('{\n"a": 1\n}\n');
    expect(() => readRequest(`curl http://h/t -d @${path.join(dir, 'missing.json')}`, {})).toThrow(/cannot be read/);
  });

  it('stops at the first pipe, redirection or comment; skips options whose value does not change the request', () => {
    const request = readRequest(`curl -o out.json -m 5 -w '%{http_code}' http://h/t -d '{}' | jq . # try`, {});
    expect(request).toMatchObject({ url: 'http://h/t', body: '{}' });
  });

  it.each([
    ['two URLs', `curl http://a/t http://b/t`, /two URLs/],
    ['a multipart form', `curl http://h/t -F a=1`, /-F sends no JSON body/],
    ['a header without a colon', `curl http://h/t -H Accept`, /is not "Name: value"/],
    ['an option without its value', `curl http://h/t -H`, /needs a value/],
    ['cookies from a file', `curl http://h/t -b cookies.txt`, /reads cookies from a file/],
  ])('refuses %s with a reason', (_, line, message) => {
    expect(() => readRequest(line, {})).toThrow(UnreadableRequest);
    expect(() => readRequest(line, {})).toThrow(message);
  });
});

describe('readRequest: a JSON body', () => {
  it('is posted as application/json', () => {
    expect(readRequest(fixtureText('seed-002.json'), {})).toMatchObject({ format: 'json', method: 'POST', url: null, headers: { 'content-type': 'application/json' } });
  });
  it('neither JSON nor curl, or empty, cannot be read', () => {
    expect(() => readRequest('client_id=abc&code=1', {})).toThrow(/neither a curl command line nor JSON/);
    expect(() => readRequest('  \n', {})).toThrow(/empty/);
  });
});
