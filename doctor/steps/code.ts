import type { Facts } from '../facts.js';
import { isPlaceholder } from '../placeholder.js';
import { fail, refusalOf, skipped, unknown, type StepResult } from '../step.js';

/** SPEC §1 step 7: the code is the server's to judge; template text left in it (seeds 000, 002) is `invalid_code`. */
export function checkCode({ body }: Facts): StepResult {
  const clause = 'SPEC §1 step 7';
  const code = body?.code;
  if (typeof code !== 'string' || code === '') return skipped('code', clause, 'no code string to judge');
  if (isPlaceholder(code)) return fail('code', clause, 'PLACEHOLDER', refusalOf('CODE-UNKNOWN'), `code ${JSON.stringify(code)} is a placeholder, not a code the consent flow returned`);
  return unknown('code', clause, 'only the server knows whether the code is live (StorX: 60 s), unused and issued to this client');
}

/** SPEC §1 step 8: the server compares redirect_uri with the code's, byte for byte. */
export function checkRedirectUri({ body }: Facts): StepResult {
  const clause = 'SPEC §1 step 8';
  const redirectUri = body?.redirect_uri;
  if (typeof redirectUri !== 'string' || redirectUri === '') return skipped('redirect-uri', clause, 'no redirect_uri string to judge');
  return unknown('redirect-uri', clause, `only the server knows whether ${JSON.stringify(redirectUri)} is, byte for byte, the one the code was issued for`);
}
