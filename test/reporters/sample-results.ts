import { catalogue } from '../../catalogue/index.js';
import { resultInfoOf } from '../../results/assemble.js';
import type { CaseResult, Evidence, RunResults } from '../../results/model.js';
import { summarize, verdictOf } from '../../results/model.js';
import { threatsCounteredBy } from '../../catalogue/threats.js';
import { threatResults } from '../../results/threats.js';

/** An evidence item as the target client records it (already redacted). */
export function evidence(overrides: Partial<Evidence> = {}): Evidence {
  return {
    variant: 'a fully valid request',
    ok: true,
    request: { method: 'POST', url: 'http://127.0.0.1:1/api/v0/oauth2/token', headers: { 'content-type': 'application/json' }, body: '{"client_secret":"eyJ.eyJ.[signature redacted]"}' },
    response: { status: 401, headers: { 'content-type': 'application/json' }, body: '{"error":"invalid_client"}' },
    ms: 12,
    expected: '401 invalid_client',
    actual: '401 invalid_client',
    curl: "curl -sS -X POST http://127.0.0.1:1/api/v0/oauth2/token --data-raw '{}'",
    ...overrides,
  };
}

/** A run whose every requirement passed, except those given. */
export function sampleRun(overrides: Readonly<Record<string, CaseResult>> = {}): RunResults {
  const results = catalogue.map((requirement) => ({
    ...resultInfoOf(requirement, 'storx'),
    ...(overrides[requirement.id] ?? { status: 'passed' as const, ms: 40, evidence: [evidence()] }),
    threats: threatsCounteredBy(requirement.id),
  }));
  return {
    schemaVersion: 1,
    harness: { name: 'grantproof', version: '0.0.0' },
    target: 'http://127.0.0.1:1/api/v0/oauth2/token',
    profile: 'storx',
    options: {},
    startedAt: '2026-01-02T03:04:05.678Z',
    finishedAt: '2026-01-02T03:04:17.901Z',
    verdict: verdictOf(results),
    summary: summarize(results),
    results,
    threats: threatResults('storx', results),
  };
}
