import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import manifest from '../../fixtures/doctor/cases.json' with { type: 'json' };

/** fixtures/doctor/: the seeds' requests and the mistakes they show, each with its expected diagnosis. */
export const DOCTOR_FIXTURES = fileURLToPath(new URL('../../fixtures/doctor/', import.meta.url));

export interface DoctorCase {
  readonly name: string;
  readonly file: string;
  readonly withSecret: boolean;
  readonly at: string;
  readonly exit: 0 | 1;
  readonly verdict: { readonly status: number; readonly error: string; readonly step: string; readonly line: string };
  /** Step → `mark` or `mark FINDING`; every other step passes. */
  readonly notPassed: Readonly<Record<string, string>>;
  readonly lines: Readonly<Record<string, string>>;
  /** The first next action. */
  readonly next: string;
}

export const SEED_SECRET: string = manifest.secret;
export const SEED_CLIENT_ID = 'e45fa79a-05f5-4f00-bbfe-bd0a14aead0a';
export const CASES_TZ: string = manifest.tz;
export const DOCTOR_CASES = manifest.cases as unknown as readonly DoctorCase[];

export function fixtureText(file: string): string {
  return readFileSync(`${DOCTOR_FIXTURES}${file}`, 'utf8');
}
