import { randomUUID } from 'node:crypto';
import { acceptedWithGrant } from '../../checks/success-response.js';
import { describeAnswer } from '../../checks/answer.js';
import { CaseNotRun, type CheckedExchange } from '../../vocabulary/outcome.js';
import { bodyVariant } from '../variants.js';
import type { Requirement } from '../types.js';

/** SPEC §2: CODE-CONCURRENT fires at least 20 simultaneous redemptions. */
export const CONCURRENT_REDEMPTIONS = 24;

export const authorizationCode: readonly Requirement[] = [
  {
    id: 'CODE-UNKNOWN',
    level: 'MUST',
    category: 'authorization-code',
    stage: 'conformance',
    title: 'A code that was never issued is refused',
    source: 'SPEC §1 step 7; RFC 6749 §5.2 (invalid_grant)',
    sourceIn: { rfc7523: 'SPEC §5; RFC 6749 §5.2 (invalid_grant)' },
    expect: { storx: { error: 'invalid_code' }, rfc7523: { error: 'invalid_grant' } },
    variants: [
      bodyVariant('a random code', () => ({ code: randomUUID() })),
      bodyVariant('the issued code with its last character changed', (f) => ({ code: `${f.code.code.slice(0, -1)}${f.code.code.endsWith('0') ? '1' : '0'}` })),
      bodyVariant(
        'the issued code upper-cased',
        (f) => ({ code: f.code.code.toUpperCase() }),
        (f) => f.code.code.toUpperCase() !== f.code.code,
      ),
    ],
  },
  {
    id: 'CODE-REUSED',
    level: 'MUST',
    category: 'authorization-code',
    stage: 'conformance',
    title: 'A code is redeemed once only',
    source: 'SPEC §1 step 7; RFC 6749 §4.1.2',
    sourceIn: { rfc7523: 'SPEC §5; RFC 6749 §4.1.2' },
    expect: { storx: { error: 'invalid_code', note: 'for the second redemption' }, rfc7523: { error: 'invalid_grant', note: 'for the second redemption' } },
    async run(kit) {
      const fixture = await kit.fixture();
      const first = await kit.send('first redemption', () => kit.validRequest(fixture));
      const firstCheck: CheckedExchange = { variant: 'first redemption', exchange: first, judgement: acceptedWithGrant(first, kit.profile) };
      if (!firstCheck.judgement.ok) throw new CaseNotRun('inconclusive', `the first redemption of a fresh code was not accepted (${firstCheck.judgement.actual}), so reuse could not be tried`, [firstCheck]);
      const second = await kit.send('second redemption, with a fresh JWT', () => kit.validRequest(fixture));
      return { checks: [firstCheck, { variant: 'second redemption, with a fresh JWT', exchange: second, judgement: kit.judge(second) }] };
    },
  },
  {
    id: 'CODE-REUSE-REVOKES',
    level: 'SHOULD',
    category: 'authorization-code',
    stage: 'conformance',
    title: "A code's second redemption revokes the access token its first redemption issued",
    source: 'SPEC §5; RFC 6749 §4.1.2 ("SHOULD revoke (when possible) all tokens previously issued based on that authorization code"); RFC 6819 §5.2.1.1',
    expect: { rfc7523: { rule: `after a code's second redemption, the state "an access token's status" answers {"active": false} for the access token of its first` } },
    async run(kit) {
      const fixture = await kit.fixture();
      const first = await kit.send('first redemption', () => kit.validRequest(fixture));
      const firstCheck: CheckedExchange = { variant: 'first redemption', exchange: first, judgement: acceptedWithGrant(first, kit.profile) };
      const accessToken = kit.accessTokenOf(first);
      if (!firstCheck.judgement.ok || accessToken === null) throw new CaseNotRun('inconclusive', `the first redemption of a fresh code was not accepted with an access_token (${firstCheck.judgement.actual}), so no token could be revoked`, [firstCheck]);
      // A status that never answers true would pass the case by itself: the fresh token must show active first.
      if (!(await kit.accessTokenActive(accessToken))) throw new CaseNotRun('inconclusive', `the state "an access token's status" answered {"active": false} for the token just issued, so its revocation cannot be told`, [firstCheck]);
      const variant = "the first redemption's access token, after a second redemption with a fresh JWT";
      const second = await kit.send('second redemption, with a fresh JWT', () => kit.validRequest(fixture));
      const active = await kit.accessTokenActive(accessToken);
      return {
        checks: [
          firstCheck,
          { variant, exchange: second, judgement: { ok: !active, expected: `{"active": false} from the state "an access token's status"`, actual: `{"active": ${active}} after the second redemption was answered ${describeAnswer(second)}` } },
        ],
      };
    },
  },
  {
    id: 'CODE-CONCURRENT',
    level: 'MUST',
    category: 'authorization-code',
    stage: 'conformance',
    title: `One code redeemed by ${CONCURRENT_REDEMPTIONS} simultaneous requests succeeds exactly once`,
    source: 'SPEC §1 step 7; RFC 6749 §4.1.2; RFC 6819 §5.2.1.1',
    sourceIn: { rfc7523: 'SPEC §5; RFC 6749 §4.1.2; RFC 6819 §5.2.1.1' },
    expect: { storx: { error: 'invalid_code', note: 'for every request but exactly one, which gets 200' }, rfc7523: { error: 'invalid_grant', note: 'for every request but exactly one, which gets 200' } },
    async run(kit) {
      const fixture = await kit.fixture();
      // Every request carries its own JWT (a target may refuse a JWT's second use, SPEC §3).
      const requests = await Promise.all(Array.from({ length: CONCURRENT_REDEMPTIONS }, () => kit.validRequest(fixture)));
      const exchanges = await Promise.all(requests.map((request, i) => kit.send(`simultaneous redemption ${i + 1} of ${CONCURRENT_REDEMPTIONS}`, () => request)));
      const accepted = exchanges.filter((e) => acceptedWithGrant(e, kit.profile).ok);
      const checks = exchanges.map((exchange, i): CheckedExchange => {
        const won = accepted[0] === exchange;
        const refused = kit.judge(exchange);
        return {
          variant: `simultaneous redemption ${i + 1} of ${CONCURRENT_REDEMPTIONS}`,
          exchange,
          judgement: { ok: won || refused.ok, expected: `one 200 in all, the others ${refused.expected}`, actual: describeAnswer(exchange) + (acceptedWithGrant(exchange, kit.profile).ok && !won ? ' (a second success)' : '') },
        };
      });
      if (accepted.length === 0) {
        throw new CaseNotRun('inconclusive', `none of ${CONCURRENT_REDEMPTIONS} simultaneous redemptions of a fresh code was accepted, so single use could not be judged`, checks);
      }
      return { checks };
    },
  },
  {
    id: 'CODE-OTHER-CLIENT',
    level: 'MUST',
    category: 'authorization-code',
    stage: 'conformance',
    title: 'A code issued to another client is refused',
    source: 'SPEC §1 step 7; RFC 6749 §4.1.3',
    sourceIn: { rfc7523: 'SPEC §5; RFC 6749 §4.1.3' },
    expect: { storx: { error: 'invalid_code' }, rfc7523: { error: 'invalid_grant' } },
    variants: [
      {
        name: 'a valid request of another registered client, with this client\'s code',
        build: async (fixture, kit) => {
          const other = await kit.registerClient();
          return kit.validRequest({ ...fixture, client: { ...other, redirectUri: fixture.client.redirectUri } });
        },
      },
    ],
  },
  {
    id: 'CODE-EXPIRED',
    level: 'MUST',
    category: 'authorization-code',
    stage: 'conformance',
    title: 'An expired code is refused',
    source: 'SPEC §1 step 7; SPEC §3 (an expired authorization code); RFC 6749 §4.1.2',
    sourceIn: { rfc7523: 'SPEC §5; RFC 6749 §4.1.2' },
    expect: { storx: { error: 'invalid_code' }, rfc7523: { error: 'invalid_grant' } },
    variants: [
      {
        name: 'a code the target reports expired',
        build: async (fixture, kit) => {
          const expired = await kit.issueCode(fixture.client, { expired: true });
          return kit.validRequest({ ...fixture, code: expired });
        },
      },
    ],
  },
];
