import { describe, expect, it } from 'vitest';
import { diagnose, readRequest, renderJson, renderText } from '../../doctor/index.js';
import { ASSERTION_AT, ASSERTION_AUDIENCE, ASSERTION_CASES, ASSERTION_SECRET } from './assertion-cases.js';
import { fixtureText } from './cases.js';

describe('rfc7523 requests, diagnosed (fixtures/doctor/rfc7523-cases.json)', () => {
  it.each(ASSERTION_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const request = readRequest(fixtureText(c.file), {}, 'rfc7523');
    const diagnosis = diagnose(request, { secret: ASSERTION_SECRET, nowMs: Date.parse(ASSERTION_AT), profile: 'rfc7523', audience: ASSERTION_AUDIENCE });
    expect(diagnosis.verdict).toEqual(c.verdict);
    for (const step of diagnosis.steps) {
      expect([step.step, step.finding && step.mark !== 'pass' ? `${step.mark} ${step.finding}` : step.mark]).toEqual([step.step, c.notPassed[step.step] ?? 'pass']);
    }
    const signature = new URLSearchParams(request.body!).get('client_assertion')!.split('.')[2]!;
    for (const output of [renderText({ request, diagnosis, target: null }), renderJson({ request, diagnosis, target: null })]) {
      expect(output).not.toContain(ASSERTION_SECRET);
      expect(output).not.toContain(signature);
    }
  });
});

describe('readRequest for rfc7523', () => {
  it('reads a pasted form body, its line breaks dropped', () => {
    const request = readRequest('grant_type=authorization_code\n&code=abc\r\n&redirect_uri=x', {}, 'rfc7523');
    expect(request).toEqual({ format: 'form', method: 'POST', url: null, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=authorization_code&code=abc&redirect_uri=x' });
  });

  it('reads --data-urlencode as curl(1) encodes it: name=content, =content, content, name@file', () => {
    const request = readRequest(`curl http://h/t --data-urlencode 'redirect_uri=https://c.example/cb?a=1&b=2' --data-urlencode '=a b' --data-urlencode "it's" -d x=1`, {}, 'rfc7523');
    expect(request.body).toBe("redirect_uri=https%3A%2F%2Fc.example%2Fcb%3Fa%3D1%26b%3D2&a%20b&it%27s&x=1");
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(request.body!).get('redirect_uri')).toBe('https://c.example/cb?a=1&b=2');
  });

  it('keeps the storx doctor\'s refusal of --data-urlencode, which sends no JSON body', () => {
    expect(() => readRequest('curl http://h/t --data-urlencode a=1', {})).toThrow(/--data-urlencode sends no JSON body/);
    expect(() => readRequest('curl http://h/t -F a=1', {}, 'rfc7523')).toThrow(/-F sends no form body the doctor can read/);
  });

  it('still reads a JSON body, and refuses text that is neither', () => {
    expect(readRequest('{"grant_type":"authorization_code"}', {}, 'rfc7523').format).toBe('json');
    expect(() => readRequest('not a request', {}, 'rfc7523')).toThrow(/neither a curl command line nor a form or JSON/);
  });
});
