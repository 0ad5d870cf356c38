import { errorShapeProblem } from '../../checks/run-wide.js';
import { describeAnswer } from '../../checks/answer.js';
import { checkPerAnswerProperty, checkProperty } from '../properties/check-property.js';
import { answeredAsDue, refutedBy, sendAssertionRecipe, sendRecipe, type Sent } from '../properties/probes.js';
import type { Judgement } from '../../vocabulary/outcome.js';
import { assertionExpRecipeArb, assertionRecipeArb, expOffsetRecipeArb, requestRecipeArb, withRequestedScopes, withScopesAndMethod } from '../properties/arbitraries/index.js';
import { singleUse } from '../properties/single-use.js';
import type { CaseKit } from '../case-kit.js';
import type { Requirement } from '../types.js';
import { inEveryProfile } from '../../vocabulary/expectation.js';

/** Generated requests of up to three changes, each code asked for its own scopes. */
const generatedRequests = (kit: CaseKit) => withRequestedScopes(requestRecipeArb(kit.options), kit.options.scopes);

/** The same in rfc7523 (SPEC §5), each example sent by one of the run's client authentication methods. */
const generatedAssertionRequests = (kit: CaseKit) => withScopesAndMethod(assertionRecipeArb(kit.options), kit.options.scopes);

/**
 * The generated requests every per-answer property judges: drawn and sent once per run, each
 * answer judged by all four (PROP-ONLY-VALID-ACCEPTED, PROP-NO-5XX, PROP-ERROR-SHAPE, PROP-NO-LEAK).
 */
const PER_ANSWER = 'PROP-PER-ANSWER';

/** A per-answer property: `judge` says whether one sent example's answer holds. */
const perAnswer = (judge: (sent: Sent, kit: CaseKit) => Judgement) => (kit: CaseKit) =>
  kit.profile === 'storx'
    ? checkPerAnswerProperty(kit, PER_ANSWER, generatedRequests(kit), (generated) => sendRecipe(kit, generated), (sent) => refutedBy(sent, judge(sent, kit)))
    : checkPerAnswerProperty(kit, PER_ANSWER, generatedAssertionRequests(kit), (generated) => sendAssertionRecipe(kit, generated), (sent) => refutedBy(sent, judge(sent, kit)));

/** PROP-EXP-WINDOW's property: a request valid but for its exp, answered as the window says. */
const expWindow = (kit: CaseKit) =>
  kit.profile === 'storx'
    ? checkProperty(kit, withRequestedScopes(expOffsetRecipeArb(kit.options), kit.options.scopes), async (generated) => {
        const sent = await sendRecipe(kit, generated);
        return refutedBy(sent, answeredAsDue(sent));
      })
    : checkProperty(kit, withScopesAndMethod(assertionExpRecipeArb(kit.options), kit.options.scopes), async (generated) => {
        const sent = await sendAssertionRecipe(kit, generated);
        return refutedBy(sent, answeredAsDue(sent));
      });

/**
 * The property stage (fast-check): each property is a requirement of its own, run over
 * generated requests and shrunk to a minimal one on failure. They hunt for what the
 * example cases did not name.
 */
export const properties: readonly Requirement[] = [
  {
    id: 'PROP-ONLY-VALID-ACCEPTED',
    level: 'MUST',
    category: 'properties',
    stage: 'properties',
    title: 'The target answers 200 only to an exactly valid request',
    source: 'SPEC §1 steps 1–9',
    sourceIn: { rfc7523: 'SPEC §5; RFC 7523 §3' },
    expect: inEveryProfile({ rule: 'a 2xx grant for every exactly valid request, and for nothing else' }),
    run: perAnswer((sent) => answeredAsDue(sent)),
  },
  {
    id: 'PROP-NO-5XX',
    level: 'MUST',
    category: 'properties',
    stage: 'properties',
    title: 'No generated request produces a server error',
    source: 'SPEC §1',
    sourceIn: { rfc7523: 'SPEC §5' },
    expect: inEveryProfile({ rule: 'a status below 500 for every request' }),
    run: perAnswer((sent) => ({ ok: (sent.exchange.response?.status ?? 0) < 500, expected: 'a status below 500', actual: describeAnswer(sent.exchange) })),
  },
  {
    id: 'PROP-ERROR-SHAPE',
    level: 'MUST',
    category: 'properties',
    stage: 'properties',
    title: 'Every error is JSON with one of SPEC §1\'s codes and the status that code calls for',
    source: 'SPEC §1 error table; RFC 6749 §5.2',
    sourceIn: { rfc7523: 'SPEC §5 (errors); RFC 6749 §5.2' },
    expect: inEveryProfile({ rule: 'Content-Type: application/json, {"error": code}, status per the table' }),
    run: perAnswer((sent, kit) => {
      const problem = errorShapeProblem(sent.exchange, kit.options);
      return { ok: problem === null, expected: 'a JSON {"error": code} body, the status the code calls for', actual: problem ?? describeAnswer(sent.exchange) };
    }),
  },
  {
    id: 'PROP-NO-LEAK',
    level: 'MUST',
    category: 'properties',
    stage: 'properties',
    title: 'No response contains the stored secret, the JWT or the passphrase of its request',
    source: 'SPEC §1',
    sourceIn: { rfc7523: 'SPEC §5; RFC 8725 §3.2' },
    expect: inEveryProfile({ rule: 'no secret, JWT or passphrase in any response' }),
    run: perAnswer((sent) => {
      const leaks = sent.exchange.leaks.map((leak) => `${leak.kind} in the ${leak.where}`).join('; ');
      return { ok: leaks === '', expected: 'no secret, JWT or passphrase in the response', actual: leaks || describeAnswer(sent.exchange) };
    }),
  },
  {
    id: 'PROP-SINGLE-USE',
    level: 'MUST',
    category: 'properties',
    stage: 'properties',
    title: 'Across any sequence of requests a code is redeemed at most once, and a one-time JWT accepted at most once',
    source: 'SPEC §1 step 7 and recommendations; RFC 6749 §4.1.2',
    sourceIn: { rfc7523: 'SPEC §5; RFC 6749 §4.1.2; RFC 7523 §3 item 7' },
    expect: inEveryProfile({ rule: 'no second success for a redeemed code or an accepted one-time JWT' }),
    run: singleUse,
  },
  {
    id: 'PROP-EXP-WINDOW',
    level: 'MUST',
    category: 'properties',
    stage: 'properties',
    title: 'A JWT expired past the leeway is never accepted; one within its lifetime always is',
    source: 'SPEC §1 step 5; RFC 7519 §4.1.4',
    sourceIn: { rfc7523: 'SPEC §5; RFC 7523 §3 item 4; RFC 7519 §4.1.4' },
    expect: inEveryProfile({ rule: 'refused when now ≥ exp + leeway; accepted when now < exp ≤ now + max lifetime (2 s clear of each boundary)' }),
    run: expWindow,
  },
];
