import { randomBytes } from 'node:crypto';
import { judgeAnswer } from '../../checks/expectation.js';
import { CaseNotRun } from '../../vocabulary/outcome.js';
import type { AnswerExpectation } from '../../vocabulary/expectation.js';
import type { Rfc6749ErrorCode } from '../../vocabulary/error-codes.js';
import { bodyVariant, eachVariant, eachVariantAsExpected, validWith } from '../variants.js';
import type { Fixture } from '../case-kit.js';
import type { Requirement } from '../types.js';

/** RFC 7636 §4.1: a fresh, well-formed code verifier (32 random octets, base64url: 43 characters) that no challenge was made from. */
const freshVerifier = () => randomBytes(32).toString('base64url');

/** Whether the target issued the fixture's code with a challenge (SPEC §5: S256 by default); the PKCE-VERIFIER variants need one. */
const hasVerifier = (fixture: Fixture) => fixture.code.codeVerifier !== null;

/**
 * PKCE-VERIFIER's answer to a request without a code_verifier: RFC 7636 §4.6 has a missing verifier
 * fail the grant, RFC 6749 §5.2 calls a missing parameter invalid_request; SPEC §5 accepts both.
 */
export const MISSING_VERIFIER: AnswerExpectation<Rfc6749ErrorCode> = { error: ['invalid_grant', 'invalid_request'] };

/** `verifier` with its last character changed, within the unreserved characters of RFC 7636 §4.1. */
const lastCharacterChanged = (verifier: string) => `${verifier.slice(0, -1)}${verifier.endsWith('A') ? 'B' : 'A'}`;

export const pkce: readonly Requirement[] = [
  {
    id: 'PKCE-VERIFIER',
    level: 'MUST',
    category: 'authorization-code',
    stage: 'conformance',
    title: 'A code issued with a PKCE challenge is redeemed only with its own code_verifier',
    source: 'SPEC §5; RFC 7636 §4.6',
    expect: { rfc7523: { error: 'invalid_grant', note: 'for a missing code_verifier, invalid_grant or invalid_request' } },
    async run(kit) {
      const mismatched = await eachVariantAsExpected([
        bodyVariant('a fresh code_verifier no challenge was made from', () => ({ code_verifier: freshVerifier() }), hasVerifier),
        bodyVariant('the code_verifier with its last character changed', (f) => ({ code_verifier: lastCharacterChanged(f.code.codeVerifier!) }), hasVerifier),
        {
          name: "the code_verifier of another code issued to the same client",
          applies: hasVerifier,
          build: async (fixture, k) => {
            const other = await k.issueCode(fixture.client);
            if (other.codeVerifier === null) throw new CaseNotRun('inconclusive', 'the second code was issued without a code_verifier, so another code\'s verifier could not be tried');
            return validWith(k, fixture, { code_verifier: other.codeVerifier });
          },
        },
      ])(kit);
      const missing = await eachVariant([bodyVariant('code_verifier missing', () => ({ code_verifier: undefined }), hasVerifier)], (exchange, k) =>
        judgeAnswer(MISSING_VERIFIER, exchange, k.options),
      )(kit);
      return { checks: [...mismatched.checks, ...missing.checks] };
    },
  },
  {
    id: 'PKCE-DOWNGRADE',
    level: 'MUST',
    category: 'authorization-code',
    stage: 'conformance',
    title: 'A code_verifier for a code issued without a PKCE challenge is refused',
    source: 'SPEC §5; RFC 9700 §2.1.1 ("to prevent PKCE downgrade attacks")',
    expect: { rfc7523: { error: 'invalid_grant' } },
    variants: [
      {
        name: 'a well-formed code_verifier for a code issued with code_challenge_method "none"',
        build: async (fixture, kit) => {
          // SPEC §5: a target that issues no code without a challenge answers 404 or 501, and the case is skipped.
          const code = await kit.issueCode(fixture.client, { challenge: 'none' });
          if (code.codeVerifier !== null) throw new CaseNotRun('skipped', 'the target issued the code with code_challenge_method "none" with a code_verifier all the same, so it has no code without a challenge to downgrade');
          return validWith(kit, { ...fixture, code }, { code_verifier: freshVerifier() });
        },
      },
    ],
  },
];
