import { describe, expect, it } from 'vitest';
import { diagnose, explainAnswers, readRequest, type Diagnosis, type TargetAnswer } from '../../doctor/index.js';
import { fixtureText, SEED_CLIENT_ID, SEED_SECRET } from './cases.js';

const BEFORE_EXP = Date.parse('2025-06-27T10:15:00Z');
const AFTER_EXP = Date.parse('2026-11-01T00:00:00Z');

function diagnosisOf(file: string, nowMs: number, secret: string | null = SEED_SECRET): Diagnosis {
  return diagnose(readRequest(fixtureText(file), {}), { secret, nowMs });
}

function answer(status: number, error: string | null, contentType = 'application/json'): TargetAnswer {
  return { status, error, contentType, body: error === null ? '' : JSON.stringify({ error }), ms: 1 };
}

const CLIENT_ID = SEED_CLIENT_ID;
const mismatch = () => diagnosisOf('client-id-mismatch.json', BEFORE_EXP, SEED_SECRET);
/** A request with no local fault: seed 002 with its code filled in, judged before its exp. */
const clean = () =>
  diagnose(readRequest(fixtureText('seed-002.json').replace('AUTH_CODE_FROM_CONSENT', '84feaa9c-6782-417b-b77c-f9642b5562ff').replace('your-passphrase', ''), {}), {
    secret: SEED_SECRET,
    nowMs: Date.parse('2025-06-27T10:15:00Z'),
  });

describe('explainAnswers: what the server said, set against the local verdict', () => {
  it('local checks pass and a fresh JWT still gets invalid_client: the server does not know the client (seed 001)', () => {
    const e = explainAnswers({ original: answer(401, 'invalid_client'), fresh: answer(401, 'invalid_client'), clientId: CLIENT_ID }, clean());
    expect(e.line).toBe(`a JWT freshly minted with the given secret is refused too (401 invalid_client): the server does not know client "${CLIENT_ID}", or holds another secret for it`);
    expect(e.next[0]).toMatch(/^register the client \(seed 001/);
  });

  it('a local fault in the client_secret, and a fresh JWT passes: confirmed, then the code', () => {
    const e = explainAnswers({ original: answer(401, 'invalid_client'), fresh: answer(400, 'invalid_code'), clientId: CLIENT_ID }, diagnosisOf('hex-decoded-key.curl', BEFORE_EXP));
    expect(e.line).toMatch(/^confirmed: the client_secret is at fault \(401 invalid_client, as diagnosed\); .* then fails at the code: the code is unknown/);
    expect(e.next[0]).toMatch(/^key the HMAC with the stored secret's UTF-8 bytes/);
    expect(e.next[1]).toMatch(/^get a new code/);
  });

  it('no local fault, the JWT refused but a fresh one accepted: it was used before', () => {
    const e = explainAnswers({ original: answer(401, 'invalid_client'), fresh: answer(200, null), clientId: CLIENT_ID }, clean());
    expect(e.line).toMatch(/accepts a fresh one minted with the same secret: it was most likely used before \(.*AUTH-REPLAY\), and was accepted/);
  });

  it('the server accepted what SPEC §1 refuses: it skips a check', () => {
    const e = explainAnswers({ original: answer(200, null), fresh: null, clientId: CLIENT_ID }, mismatch());
    expect(e.line).toBe('the server accepted a request SPEC §1 says it must refuse (401 invalid_client (SPEC §1 step 6)): it does not check the client-id step');
  });

  it('accepted as it should be', () => {
    expect(explainAnswers({ original: answer(200, null), fresh: null, clientId: CLIENT_ID }, clean()).line).toMatch(/^the server accepted the request/);
  });

  it('a 5xx, and an answer that is no token endpoint\'s', () => {
    expect(explainAnswers({ original: answer(500, null, 'text/plain'), fresh: null, clientId: null }, clean()).line).toMatch(/failed on this request \(500 text\/plain\); SPEC §1: no input may produce a 5xx/);
    const notFound = explainAnswers({ original: answer(404, null, 'text/html'), fresh: null, clientId: null }, clean());
    expect(notFound.line).toMatch(/^the answer \(404 text\/html\) is not a token endpoint's JSON error/);
    expect(notFound.next[0]).toMatch(/^check --target/);
  });

  it('a fresh JWT called expired: the server\'s clock', () => {
    expect(explainAnswers({ original: answer(401, 'client_secret_expired'), fresh: answer(401, 'client_secret_expired'), clientId: null }, clean()).line).toMatch(/its clock is off/);
  });

  it('invalid_request as diagnosed, or where SPEC §1 accepts the shape', () => {
    expect(explainAnswers({ original: answer(400, 'invalid_request'), fresh: null, clientId: null }, diagnosisOf('missing-passphrase.json', BEFORE_EXP)).line).toBe('as diagnosed: 400 invalid_request (SPEC §1 Request)');
    expect(explainAnswers({ original: answer(400, 'invalid_request'), fresh: answer(400, 'invalid_request'), clientId: null }, clean()).line).toMatch(/though its shape passes SPEC §1 locally/);
  });

  it('without the secret: an expired JWT answered client_secret_expired proves the client and secret right', () => {
    const e = explainAnswers({ original: answer(401, 'client_secret_expired'), fresh: null, clientId: CLIENT_ID }, diagnosisOf('seed-000.curl', AFTER_EXP, null));
    expect(e.line).toBe('as diagnosed: 401 client_secret_expired (exp); the server verified the signature first, so it knows the client and this secret');
  });

  it('without the secret: invalid_client where the local checks pass asks for the secret', () => {
    const e = explainAnswers({ original: answer(401, 'invalid_client'), fresh: null, clientId: CLIENT_ID }, diagnosisOf('seed-000.curl', AFTER_EXP, null));
    expect(e.line).toMatch(/before any check the doctor could make fails: it does not know the client, holds another secret/);
    expect(e.next[0]).toMatch(/^give the stored secret with --secret-env VAR/);
  });

  it('past client authentication: the code, or the redirect_uri', () => {
    expect(explainAnswers({ original: answer(400, 'invalid_redirect_uri'), fresh: null, clientId: null }, clean()).line).toMatch(/^client authentication passed; the redirect_uri differs/);
    expect(explainAnswers({ original: answer(400, 'invalid_code'), fresh: answer(400, 'invalid_code'), clientId: null }, clean()).line).toMatch(/^client authentication passes; the code is unknown/);
  });
});
