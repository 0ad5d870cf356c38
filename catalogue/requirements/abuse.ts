import * as forge from '../../jwt/index.js';
import { describeAnswer } from '../../checks/answer.js';
import { CaseNotRun, NO_RATE_LIMIT_SEEN, type CaseOutcome, type CheckedExchange } from '../../vocabulary/outcome.js';
import type { Exchange } from '../../vocabulary/exchange.js';
import { randomKeyLike, validWith } from '../variants.js';
import type { Burst, CaseKit, Fixture, TokenRequest } from '../case-kit.js';
import type { Requirement } from '../types.js';
import { inEveryProfile } from '../../vocabulary/expectation.js';

/**
 * The abuse stage (SPEC §7): opt-in, since it sends bursts. One burst of failed client
 * authentications from one client finds the target's rate limit, once per run whichever of
 * these requirements are selected (`kit.keep`); the spoof check then sends, for each forwarded
 * header, as many requests as that burst needed for its 429, each with a fresh address in it.
 */

/** RFC 6585 §4: the answer a rate limit gives. */
const isTooMany = (exchange: Exchange) => exchange.response?.status === 429;

/** A fully valid request but for its JWT, signed with a random key: a failed client authentication (RFC 6749 §10.10's guessing). */
async function failedAuthentication(kit: CaseKit, fixture: Fixture): Promise<TokenRequest> {
  const input = kit.forgeInput(fixture.client);
  return validWith(kit, fixture, { [kit.credentialField]: forge.wrongKeyJws(input, randomKeyLike(input)) });
}

/** What the one burst of the run found: the client it authenticated as, and the requests up to a 429 (or `--abuse-burst` of them). */
interface RateLimitProbe {
  readonly fixture: Fixture;
  readonly burst: Burst;
}

function probeRateLimit(kit: CaseKit): Promise<RateLimitProbe> {
  return kit.once('the abuse stage\'s burst of failed client authentications', async () => {
    const fixture = await kit.fixture();
    const burst = await kit.burst('failed client authentications from one client (its JWT signed with a random key), until a 429', {
      count: kit.options.abuseBurst,
      build: () => failedAuthentication(kit, fixture),
      until: isTooMany,
    });
    return { fixture, burst };
  });
}

/** The probe's 429, or the reason the requirements that need one do not apply (SPEC §7). */
async function limitSeen(kit: CaseKit): Promise<RateLimitProbe & { readonly limited: Exchange }> {
  const probe = await probeRateLimit(kit);
  const { exchanges, stoppedBy } = probe.burst;
  if (stoppedBy !== 'answer') throw new CaseNotRun('skipped', `${NO_RATE_LIMIT_SEEN}: ABUSE-RATE-LIMIT's burst got no 429 in ${exchanges.length} failed client authentications`);
  return { ...probe, limited: exchanges.at(-1)! };
}

/**
 * The forwarded headers a limiter may be fooled by (RFC 7239 §8.1: they "can be spoofed"),
 * each naming a client address the way its proxies write it.
 */
const FORWARDED_HEADERS: readonly { readonly name: string; readonly naming: (address: string) => string }[] = [
  { name: 'X-Forwarded-For', naming: (address) => address },
  { name: 'X-Real-IP', naming: (address) => address },
  { name: 'Forwarded', naming: (address) => `for=${address}` },
  { name: 'True-Client-IP', naming: (address) => address },
  { name: 'CF-Connecting-IP', naming: (address) => address },
];

/** The n-th address of 198.18.0.0/15 (RFC 2544's benchmarking range, never a real client): a fresh one per request. */
function freshAddress(n: number): string {
  return `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
}

/** Addresses per forwarded header: above the largest `--abuse-burst`, so no two requests name the same one. */
const ADDRESSES_PER_HEADER = 20_000;

/** RFC 9110 §10.2.3: `Retry-After` is delay-seconds or an HTTP date. */
function isRetryAfter(value: string): boolean {
  return /^\d+$/.test(value.trim()) || !Number.isNaN(Date.parse(value));
}

async function rateLimitOutcome(kit: CaseKit): Promise<CaseOutcome> {
  const { burst } = await probeRateLimit(kit);
  const sent = burst.exchanges.length;
  const last = burst.exchanges.at(-1)!;
  const limited = burst.stoppedBy === 'answer';
  const check: CheckedExchange = {
    variant: `failed client authentications from one client, one after another (at most ${kit.options.abuseBurst})`,
    exchange: last,
    judgement: { ok: limited, expected: `429 within ${kit.options.abuseBurst} failed client authentications`, actual: limited ? `429 at request ${sent}` : `no 429 in ${sent} requests; the last got ${describeAnswer(last)}` },
  };
  if (burst.stoppedBy === 'time') throw new CaseNotRun('inconclusive', `the burst reached its time bound after ${sent} of ${kit.options.abuseBurst} requests, none answered 429: lower --abuse-burst or --timeout, or check the target's speed`, [check]);
  return { checks: [check], ...(limited ? { note: `429 at failed client authentication ${sent}` } : {}) };
}

async function spoofOutcome(kit: CaseKit): Promise<CaseOutcome> {
  const { fixture, burst } = await limitSeen(kit);
  const allowance = burst.exchanges.length;
  const checks: CheckedExchange[] = [];
  for (const [h, header] of FORWARDED_HEADERS.entries()) {
    const spoofed = await kit.burst(`failed client authentications from the same client, each with a fresh ${header.name}`, {
      count: allowance,
      build: async (index) => ({ ...(await failedAuthentication(kit, fixture)), openHeaders: { [header.name]: header.naming(freshAddress(h * ADDRESSES_PER_HEADER + index + 1)) } }),
      until: isTooMany,
    });
    const held = spoofed.stoppedBy === 'answer';
    const check: CheckedExchange = {
      variant: `a fresh ${header.name} on each request`,
      exchange: spoofed.exchanges.at(-1)!,
      judgement: {
        ok: held,
        expected: `429 within ${allowance} requests, as without ${header.name}`,
        actual: held ? `429 at request ${spoofed.exchanges.length}` : `${spoofed.exchanges.length} requests without a 429: a fresh ${header.name} lifted the limit`,
      },
    };
    checks.push(check);
    if (spoofed.stoppedBy === 'time') throw new CaseNotRun('inconclusive', `the burst with ${header.name} reached its time bound after ${spoofed.exchanges.length} of ${allowance} requests, none answered 429`, checks);
  }
  return { checks };
}

async function retryAfterOutcome(kit: CaseKit): Promise<CaseOutcome> {
  const { limited } = await limitSeen(kit);
  const value = limited.response!.headers['retry-after'];
  const ok = value !== undefined && isRetryAfter(value);
  const actual = value === undefined ? '429 without Retry-After' : `429 with Retry-After: ${value}${ok ? '' : ', neither seconds nor an HTTP date'}`;
  return { checks: [{ variant: "the 429 of ABUSE-RATE-LIMIT's burst", exchange: limited, judgement: { ok, expected: '429 with Retry-After, seconds or an HTTP date (RFC 9110 §10.2.3)', actual } }] };
}

export const abuse: readonly Requirement[] = [
  {
    id: 'ABUSE-RATE-LIMIT',
    level: 'SHOULD',
    category: 'abuse',
    stage: 'abuse',
    title: 'Failed client authentications from one client are answered 429 within at most --abuse-burst requests',
    source: 'SPEC §7; RFC 6749 §10.10 (credentials guessing attacks); RFC 6819 §5.1.4.2 (online attacks on secrets)',
    expect: inEveryProfile({ rule: 'a 429 within --abuse-burst (default 100) requests signed with a wrong key' }),
    run: rateLimitOutcome,
  },
  {
    id: 'ABUSE-RATE-LIMIT-SPOOF',
    level: 'MUST',
    category: 'abuse',
    stage: 'abuse',
    title: 'The rate limit holds when every request names a fresh client address in X-Forwarded-For, X-Real-IP, Forwarded, True-Client-IP or CF-Connecting-IP',
    source: 'SPEC §7; RFC 7239 §8.1 (header validity and integrity); RFC 6819 §5.1.4.2',
    expect: inEveryProfile({ rule: 'where ABUSE-RATE-LIMIT saw a 429: a 429 within as many requests again, each forwarded header spoofed with a fresh address' }),
    run: spoofOutcome,
  },
  {
    id: 'ABUSE-RETRY-AFTER',
    level: 'SHOULD',
    category: 'abuse',
    stage: 'abuse',
    title: 'A 429 says when to retry, in Retry-After',
    source: 'SPEC §7; RFC 6585 §4; RFC 9110 §10.2.3',
    expect: inEveryProfile({ rule: 'where ABUSE-RATE-LIMIT saw a 429: Retry-After, delay-seconds or an HTTP date' }),
    run: retryAfterOutcome,
  },
];
