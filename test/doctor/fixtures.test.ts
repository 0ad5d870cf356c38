import { beforeAll, describe, expect, it } from 'vitest';
import { diagnose, readRequest, renderJson, renderText, type Diagnosis } from '../../doctor/index.js';
import { CASES_TZ, DOCTOR_CASES, fixtureText, SEED_SECRET } from './cases.js';

const SEED_SIGNATURES = ['UsHQ3A0EHWRahd4_zDf58Kjr4oLF7DsMfoIamqV6oZo', '2USHN3Ad7nu7hoHY1keDqst1sI9R-ONHsx_GJotsPvI'];

function marksOf(diagnosis: Diagnosis): Record<string, string> {
  return Object.fromEntries(diagnosis.steps.map((s) => [s.step, s.finding && s.mark !== 'pass' ? `${s.mark} ${s.finding}` : s.mark]));
}

describe('the seeds\' requests, diagnosed (fixtures/doctor/cases.json)', () => {
  beforeAll(() => {
    // Local times in the expected lines are the seeds' own zone (+05:30).
    process.env.TZ = CASES_TZ;
  });

  it.each(DOCTOR_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const request = readRequest(fixtureText(c.file), {});
    const diagnosis = diagnose(request, { secret: c.withSecret ? SEED_SECRET : null, nowMs: Date.parse(c.at) });

    expect(diagnosis.verdict).toEqual({ outcome: 'refused', ...c.verdict });
    const marks = marksOf(diagnosis);
    for (const [step, mark] of Object.entries(marks)) expect([step, mark]).toEqual([step, c.notPassed[step] ?? 'pass']);
    for (const [step, line] of Object.entries(c.lines)) expect(diagnosis.steps.find((s) => s.step === step)?.line).toBe(line);
    expect(diagnosis.next[0]).toBe(c.next);

    // Never the secret, never a signature: the JWT shows as eyJ….eyJ….[signature redacted].
    for (const output of [renderText({ request, diagnosis, target: null }), renderJson({ request, diagnosis, target: null })]) {
      expect(output).not.toContain(SEED_SECRET);
      for (const signature of SEED_SIGNATURES) expect(output).not.toContain(signature);
      expect(output).not.toContain('your-passphrase');
    }
  });

  it('shows a well-formed JWT as header, payload and a redacted signature', () => {
    const request = readRequest(fixtureText('seed-002.json'), {});
    const jws = diagnose(request, { secret: null, nowMs: 0 }).steps.find((s) => s.step === 'jws')!;
    expect(jws.detail).toEqual([
      'header  {"alg":"HS256","typ":"JWT"}',
      'payload {"client_id":"e45fa79a-05f5-4f00-bbfe-bd0a14aead0a","exp":1751019361}',
      'token   eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjbGllbnRfaWQiOiJlNDVmYTc5YS0wNWY1LTRmMDAtYmJmZS1iZDBhMTRhZWFkMGEiLCJleHAiOjE3NTEwMTkzNjF9.[signature redacted]',
    ]);
  });
});
