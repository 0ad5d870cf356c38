import type { Evidence, RequirementResult, RunResults } from '../../results/model.js';
import { summarize, verdictOf } from '../../results/model.js';
import { threatsCounteredBy } from '../../catalogue/threats.js';
import { threatResults } from '../../results/threats.js';
import { evidence as recordedEvidence } from './sample-results.js';

/** A hostile string: markup, an attribute breakout and an entity, as a target might answer. */
export const HOSTILE = `<script>alert("x")</script>"><img src=x onerror=alert(1)>&amp;'`;

/** An evidence item whose request carries a redacted passphrase. */
export const evidence = (overrides: Partial<Evidence> = {}): Evidence =>
  recordedEvidence({
    request: { method: 'POST', url: 'http://127.0.0.1:1/api/v0/oauth2/token', headers: { 'content-type': 'application/json' }, body: '{"passphrase":"[redacted passphrase]"}' },
    ms: 4,
    ...overrides,
  });

export function result(overrides: Partial<RequirementResult> & Pick<RequirementResult, 'id' | 'status'>): RequirementResult {
  return {
    level: 'MUST',
    category: 'client-authentication',
    title: `${overrides.id} title`,
    source: 'SPEC §1 step 4',
    expected: 'invalid_client',
    evidence: [evidence()],
    threats: threatsCounteredBy(overrides.id),
    ...overrides,
  };
}

/** A run with one result of each kind the report must tell apart. */
export function sampleRun(extra: Partial<RunResults> = {}): RunResults {
  const results: RequirementResult[] = [
    result({ id: 'RESP-SUCCESS', status: 'passed', category: 'response', source: 'SPEC §1 step 9; RFC 6749 §5.1' }),
    result({
      id: 'AUTH-EXP-PAST',
      status: 'failed',
      reason: 'expected 401 client_secret_expired, got 401 invalid_client (error differs)',
      evidence: [evidence(), evidence({ variant: 'exp 3 s past the leeway', ok: false, expected: '401 client_secret_expired', actual: '401 invalid_client' })],
    }),
    result({ id: 'AUTH-REPLAY', status: 'warning', level: 'SHOULD', reason: 'the same JWT was accepted twice' }),
    result({ id: 'CODE-EXPIRED', status: 'skipped', category: 'authorization-code', reason: 'no fixture: the target does not support "an expired authorization code"', evidence: [] }),
    result({ id: 'CODE-REUSED', status: 'inconclusive', category: 'authorization-code', reason: 'the positive control failed', evidence: [] }),
    result({ id: 'REDIRECT-MISMATCH', status: 'known-failure', category: 'redirect-uri', knownFailure: { reason: 'tracked upstream', link: 'https://issues.example/42' } }),
    result({
      id: 'PROP-NO-5XX',
      status: 'failed',
      category: 'properties',
      reason: 'a request produced a 500',
      evidence: [evidence({ variant: 'shrunk to: exp as a boolean', ok: false, seed: 1234, path: '7:0:1', shrunk: true, response: null, failure: 'no answer within 10 s' })],
    }),
    result({ id: 'CONTRACT-PACT', status: 'passed', category: 'contract', title: 'The pacts of the consumers verify', evidence: [evidence({ variant: 'interaction: a valid token request' })] }),
  ];
  return {
    schemaVersion: 1,
    harness: { name: 'grantproof', version: '0.1.0' },
    target: 'http://127.0.0.1:1/api/v0/oauth2/token',
    profile: 'storx',
    options: { target: 'http://127.0.0.1:1/api/v0/oauth2/token', headers: { 'x-api-key': '[redacted]' }, rate: null },
    startedAt: '2026-01-01T10:00:00.000Z',
    finishedAt: '2026-01-01T10:00:05.500Z',
    verdict: verdictOf(results),
    summary: summarize(results),
    results,
    threats: threatResults('storx', results),
    ...extra,
  };
}
