import { describe, expect, it } from 'vitest';
import { rejectedWith } from '../../checks/error-response.js';
import { describeExpectation, judgeAnswer } from '../../checks/expectation.js';
import { errorShape, noHeaderUrlFetch, noLeak, noServerError } from '../../checks/run-wide.js';
import type { Exchange } from '../../vocabulary/exchange.js';
import { acceptedWithGrant, grantsScopes, noCredentialedCors, successResponse } from '../../checks/success-response.js';
import { answeredAsDue } from '../../catalogue/properties/probes.js';
import { diagnosePositiveControl } from '../../checks/positive-control.js';
import { exchange } from '../support/exchange.js';
import type { AnswerRules } from '../../vocabulary/error-codes.js';

/** SPEC §1's table, no --status override. */
const STORX: AnswerRules = { profile: 'storx', statuses: {} };

describe('rejectedWith', () => {
  it('passes the status and code of SPEC §1\'s table', () => {
    expect(rejectedWith(exchange(401, { error: 'invalid_client' }), 'invalid_client', STORX)).toEqual({ ok: true, expected: '401 invalid_client', actual: '401 invalid_client' });
  });
  it('says which of status and error differed', () => {
    expect(rejectedWith(exchange(500, { error: 'invalid_client_secret' }), 'invalid_client', STORX).actual).toBe('500 invalid_client_secret (status and error differ)');
    expect(rejectedWith(exchange(400, { error: 'invalid_client' }), 'invalid_client', STORX).actual).toBe('400 invalid_client (status differs)');
    expect(rejectedWith(exchange(401, { error: 'client_secret_expired' }), 'invalid_client', STORX).actual).toBe('401 client_secret_expired (error differs)');
  });
  it('applies --status overrides', () => {
    expect(rejectedWith(exchange(400, { error: 'invalid_client' }), 'invalid_client', { profile: 'storx', statuses: { invalid_client: 400 } }).ok).toBe(true);
  });
  it('fails a request without an answer, saying so', () => {
    expect(rejectedWith(exchange(null), 'invalid_client', STORX)).toMatchObject({ ok: false, actual: 'no answer within 10 s' });
  });
});

describe('judgeAnswer: a case judged by its typed expectation', () => {
  const mediaType = { error: 'invalid_request', orStatus: 415 } as const;
  it('takes the error code at its status, or the other status an expectation allows (REQ-CONTENT-TYPE)', () => {
    expect(judgeAnswer(mediaType, exchange(400, { error: 'invalid_request' }), STORX).ok).toBe(true);
    expect(judgeAnswer(mediaType, exchange(415, ''), STORX).ok).toBe(true);
    expect(judgeAnswer(mediaType, exchange(200, { access_grant: 'g' }), STORX).ok).toBe(false);
    expect(judgeAnswer(mediaType, exchange(400, { error: 'invalid_code' }), STORX).ok).toBe(false);
    expect(judgeAnswer(mediaType, exchange(400, { error: 'invalid_request' }), STORX).expected).toBe('400 invalid_request or 415');
  });
  it('takes a status alone (REQ-METHOD)', () => {
    expect(judgeAnswer({ status: 405 }, exchange(405), STORX).ok).toBe(true);
    expect(judgeAnswer({ status: 405 }, exchange(404), STORX).ok).toBe(false);
  });
  it('takes a grant as the positive control does, and an error as rejectedWith does, --status included', () => {
    expect(judgeAnswer({ grant: true }, exchange(200, { access_grant: 'g' }), STORX).ok).toBe(true);
    expect(judgeAnswer({ grant: true }, exchange(200, {}), STORX).ok).toBe(false);
    expect(judgeAnswer({ error: 'invalid_client' }, exchange(400, { error: 'invalid_client' }), { profile: 'storx', statuses: { invalid_client: 400 } }).ok).toBe(true);
    expect(judgeAnswer({ error: 'invalid_client' }, exchange(401, { error: 'invalid_code' }), STORX).actual).toBe('401 invalid_code (error differs)');
  });
  it('describes each kind of expectation in one line', () => {
    expect(describeExpectation(mediaType, 'storx')).toBe('invalid_request (415 accepted)');
    expect(describeExpectation({ error: 'invalid_client', note: 'never client_secret_expired' }, 'storx')).toBe('invalid_client, never client_secret_expired');
    expect(describeExpectation({ grant: true }, 'storx')).toBe('2xx with a non-empty access_grant');
    expect(describeExpectation({ status: 405 }, 'storx')).toBe('405');
    expect(describeExpectation({ rule: 'a status below 500 for every request' }, 'storx')).toBe('a status below 500 for every request');
  });
});

describe('the positive control and RESP-SUCCESS', () => {
  const ok = exchange(200, { access_grant: 'g', scopes: ['write', 'read'] }, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  it('accept a 2xx with a non-empty grant, scopes in any order, no-store', () => {
    expect(acceptedWithGrant(ok, 'storx').ok).toBe(true);
    expect(successResponse(ok, ['read', 'write'], 'storx').ok).toBe(true);
  });
  it('name each thing a success lacks', () => {
    const bad = exchange(200, { access_grant: '', scopes: ['read'] }, { 'content-type': 'application/json' });
    expect(acceptedWithGrant(bad, 'storx').ok).toBe(false);
    expect(successResponse(bad, ['read', 'write'], 'storx').actual).toBe('no non-empty access_grant; scopes ["read"]; Cache-Control null');
  });
  it('compare scopes as sets (RFC 6749 §3.3): the granted ones, no more, no fewer, in any order', () => {
    expect(grantsScopes(ok, ['read', 'write'], 'storx')).toBe(true);
    expect(grantsScopes(ok, ['read'], 'storx')).toBe(false);
    expect(grantsScopes(ok, ['read', 'write', 'admin'], 'storx')).toBe(false);
    expect(successResponse(ok, ['write'], 'storx').actual).toBe('scopes ["write","read"]');
  });
  it('hold a property example the oracle accepts to the scopes of its code', () => {
    const sent = { profile: 'storx' as const, recipe: 'the valid request, unchanged', verdict: 'accept' as const, exchange: ok };
    expect(answeredAsDue({ ...sent, grantedScopes: ['read', 'write'] })).toEqual({ ok: true, expected: 'a 2xx with an access_grant and scopes ["read","write"]', actual: '200' });
    expect(answeredAsDue({ ...sent, grantedScopes: ['read'] })).toEqual({ ok: false, expected: 'a 2xx with an access_grant and scopes ["read"]', actual: '200 with scopes ["write","read"]' });
    expect(answeredAsDue({ ...sent, verdict: 'either', grantedScopes: ['read'] }).ok).toBe(true);
    expect(answeredAsDue({ ...sent, verdict: 'reject', grantedScopes: ['read'] }).ok).toBe(false);
  });
  it('a missing no-store does not fail the positive control', () => {
    expect(acceptedWithGrant(exchange(200, { access_grant: 'g', scopes: [] }), 'storx').ok).toBe(true);
  });
  it('diagnoses a refused valid request with what to check', () => {
    expect(diagnosePositiveControl(exchange(401, { error: 'invalid_client' }))).toMatch(/UTF-8 text as the HMAC key/);
    expect(diagnosePositiveControl(exchange(404, 'not found', { 'content-type': 'text/plain' }))).toMatch(/--target is the full token endpoint URL/);
    expect(diagnosePositiveControl(exchange(401, 'unauthorized', {}))).toMatch(/--header/);
  });
});

/** A run of just these exchanges, nothing handed out to the listener. */
const runOf = (exchanges: Exchange[]) => ({ exchanges, handedOut: [], hits: [], targetLog: null });

describe('run-wide checks', () => {
  it('RESP-NO-5XX picks out server errors only', () => {
    expect(noServerError(runOf([exchange(500), exchange(400, { error: 'invalid_request' }), exchange(null)]), STORX).failures).toHaveLength(1);
  });
  it('RESP-NO-5XX and RESP-NO-LEAK judge only the exchanges that got an answer', () => {
    expect(noServerError(runOf([exchange(null)]), STORX)).toEqual({ judged: 0, of: 'answered exchanges', failures: [] });
    expect(noLeak(runOf([exchange(null), exchange(400, { error: 'invalid_request' })]), STORX).judged).toBe(1);
  });
  it('RESP-NO-LEAK picks out exchanges whose response held a sensitive value', () => {
    const leaked = exchange(401, { error: 'invalid_client' }, undefined, { leaks: [{ kind: 'stored secret', where: 'body' }] });
    expect(noLeak(runOf([leaked, exchange(401, { error: 'invalid_client' })]), STORX).failures.map((c) => c.judgement.actual)).toEqual(['stored secret in the body']);
  });
  it.each([
    [exchange(401, { error: 'invalid_client' }, { 'content-type': 'text/plain' }), 'Content-Type "text/plain"'],
    [exchange(400, '[1]'), 'the body is not a JSON object'],
    [exchange(400, { message: 'bad' }), 'no "error" string in the body'],
    [exchange(400, { error: 'invalid_grant' }), '"invalid_grant" is not an error code of SPEC §1'],
    [exchange(400, { error: 'invalid_client' }), '400 invalid_client, the code calls for 401'],
  ])('RESP-ERROR-SHAPE refuses %#: %s', (bad, problem) => {
    expect(errorShape(runOf([bad]), STORX).failures.map((c) => c.judgement.actual)).toEqual([problem]);
  });
  it('RESP-ERROR-SHAPE leaves 405, 415, 429 and 5xx to the checks made for them, and honours --status', () => {
    expect(errorShape(runOf([exchange(405, ''), exchange(415, ''), exchange(429, ''), exchange(503, '')]), STORX)).toEqual({ judged: 0, of: 'error answers', failures: [] });
    expect(errorShape(runOf([exchange(400, { error: 'invalid_client' }, { 'content-type': 'application/json; charset=utf-8' })]), { profile: 'storx', statuses: { invalid_client: 400 } }).failures).toEqual([]);
  });
  it('AUTH-HEADER-URL-FETCH names the exchange whose header URL the target fetched', () => {
    const carrier = exchange(200, { access_grant: 'g' });
    const quiet = exchange(401, { error: 'invalid_client' });
    const run = { exchanges: [carrier, quiet], handedOut: [{ token: 't1', carrier }, { token: 't2', carrier: quiet }], hits: [{ token: 't1', method: 'GET', path: '/jwks/t1' }], targetLog: null };
    const finding = noHeaderUrlFetch(run, STORX);
    expect(finding.judged).toBe(2);
    expect(finding.failures.map((f) => ['exchange' in f ? f.exchange : f.logLine, f.judgement.actual])).toEqual([[carrier, 'the target fetched it: GET /jwks/t1']]);
  });
});

describe('noCredentialedCors (RESP-CORS-CREDENTIALS)', () => {
  const origin = 'https://4d1c.example';
  const answered = (headers: Record<string, string>) => ({ ...exchange(200, { access_grant: 'g' }), response: { status: 200, headers: { 'content-type': 'application/json', ...headers }, body: '{"access_grant":"g"}' } });
  it('fails the request\'s origin reflected with credentials, and warns on * with credentials', () => {
    expect(noCredentialedCors(answered({ 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' }), origin)).toMatchObject({ ok: false, actual: expect.stringContaining("any page can read the answers with the user's cookies") });
    expect(noCredentialedCors(answered({ 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'TRUE' }), origin)).toMatchObject({ ok: false, warning: true });
  });
  it('passes no CORS at all, another origin with credentials, and the origin without credentials', () => {
    expect(noCredentialedCors(answered({}), origin).ok).toBe(true);
    expect(noCredentialedCors(answered({ 'access-control-allow-origin': 'https://app.example', 'access-control-allow-credentials': 'true' }), origin).ok).toBe(true);
    expect(noCredentialedCors(answered({ 'access-control-allow-origin': origin }), origin).ok).toBe(true);
  });
});

