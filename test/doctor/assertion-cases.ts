import manifest from '../../fixtures/doctor/rfc7523-cases.json' with { type: 'json' };

/** fixtures/doctor/rfc7523-cases.json: rfc7523 requests (SPEC §5), each with its expected diagnosis. */
export interface AssertionCase {
  readonly name: string;
  readonly file: string;
  readonly exit: 0 | 1;
  readonly verdict: Readonly<Record<string, unknown>>;
  /** Step → `mark` or `mark FINDING`; every other step passes. */
  readonly notPassed: Readonly<Record<string, string>>;
}

export const ASSERTION_SECRET: string = manifest.secret;
export const ASSERTION_AUDIENCE: string = manifest.audience;
export const ASSERTION_AT: string = manifest.at;
export const ASSERTION_CASES = manifest.cases as unknown as readonly AssertionCase[];
