import type { Judgement } from '../vocabulary/outcome.js';
import { responseJson, type Exchange } from '../vocabulary/exchange.js';
import { describeAnswer } from './answer.js';
import { GRANT_FIELD, type ProfileName } from '../vocabulary/profile.js';

/**
 * The positive control (SPEC §4): a fully valid request is answered 2xx with a non-empty
 * grant, `access_grant` (SPEC §1 step 9) or `access_token` (SPEC §5, RFC 6749 §5.1). When it
 * is not, no negative result can be trusted.
 */
export function acceptedWithGrant(exchange: Exchange, profile: ProfileName): Judgement {
  const field = GRANT_FIELD[profile];
  const status = exchange.response?.status ?? 0;
  const grant = memberOf(exchange, field);
  const ok = status >= 200 && status <= 299 && typeof grant === 'string' && grant !== '';
  return { ok, expected: `2xx with a non-empty ${field}`, actual: ok ? describeAnswer(exchange) : `${describeAnswer(exchange)}${status >= 200 && status <= 299 ? ` without a non-empty ${field}` : ''}` };
}

/**
 * RESP-SUCCESS in full: 200, a JSON body with the grant and the scopes granted with the code,
 * and `Cache-Control: no-store` (RFC 6749 §5.1). In storx (SPEC §1 step 9) a non-empty
 * `access_grant` and `scopes` as an array; in rfc7523 (SPEC §5) a non-empty `access_token`,
 * `token_type` Bearer (case-insensitive, RFC 6749 §7.1) and `scope` space-separated, absent
 * allowed when equal to the requested scope (RFC 6749 §5.1), with `Pragma: no-cache` a SHOULD:
 * its absence alone only warns.
 */
export function successResponse(exchange: Exchange, grantedScopes: readonly string[], profile: ProfileName): Judgement {
  const expected =
    profile === 'storx'
      ? `200 {"access_grant", "scopes": ${JSON.stringify(grantedScopes)}} with Cache-Control: no-store`
      : `200 {"access_token", "token_type": "Bearer", "scope": ${JSON.stringify(grantedScopes.join(' '))} or none} with Cache-Control: no-store (and Pragma: no-cache)`;
  const response = exchange.response;
  // A refusal is said as what it is (`401 invalid_client`), not as the grant it lacks.
  if (!response || response.status < 200 || response.status > 299) return { ok: false, expected, actual: describeAnswer(exchange) };
  const problems: string[] = [];
  if (response.status !== 200) problems.push(`status ${response.status}`);
  const grant = memberOf(exchange, GRANT_FIELD[profile]);
  if (typeof grant !== 'string' || grant === '') problems.push(`no non-empty ${GRANT_FIELD[profile]}`);
  if (profile === 'rfc7523') {
    const tokenType = memberOf(exchange, 'token_type');
    if (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer') problems.push(`token_type ${JSON.stringify(tokenType ?? null)}`);
  }
  if (!grantsScopes(exchange, grantedScopes, profile)) problems.push(`${profile === 'storx' ? 'scopes' : 'scope'} ${JSON.stringify(scopesOf(exchange, profile) ?? null)}`);
  if (!/(^|,)\s*no-store\s*(,|$)/i.test(response.headers['cache-control'] ?? '')) {
    problems.push(`Cache-Control ${JSON.stringify(response.headers['cache-control'] ?? null)}`);
  }
  if (problems.length > 0) return { ok: false, expected, actual: problems.join('; ') };
  if (profile === 'rfc7523' && !/(^|,)\s*no-cache\s*(,|$)/i.test(response.headers.pragma ?? '')) {
    return { ok: false, expected, actual: `${describeAnswer(exchange)} without Pragma: no-cache (a SHOULD of RFC 6749 §5.1)`, warning: true };
  }
  return { ok: true, expected, actual: describeAnswer(exchange) };
}

function memberOf(exchange: Exchange, name: string): unknown {
  const json = responseJson(exchange);
  return json && typeof json === 'object' ? (json as Record<string, unknown>)[name] : undefined;
}

/** The scopes of a JSON answer, as sent: storx's `scopes` array, rfc7523's `scope` string (undefined when there are none). */
export function scopesOf(exchange: Exchange, profile: ProfileName): unknown {
  return memberOf(exchange, profile === 'storx' ? 'scopes' : 'scope');
}

/**
 * Whether the answer's scopes are the scopes granted with the code, compared as sets
 * (RFC 6749 §3.3: "the order does not matter"): a target that grants the same scopes
 * whatever the code was issued for fails it. In rfc7523 the `scope` string is split on
 * spaces, and its absence means the scopes requested (RFC 6749 §5.1).
 */
export function grantsScopes(exchange: Exchange, granted: readonly string[], profile: ProfileName): boolean {
  const sent = scopesOf(exchange, profile);
  if (profile === 'rfc7523' && sent === undefined) return true;
  const actual = profile === 'storx' ? sent : typeof sent === 'string' ? sent.split(' ').filter((s) => s !== '') : undefined;
  if (!Array.isArray(actual) || actual.length !== granted.length) return false;
  return [...actual].sort().join('\n') === [...granted].sort().join('\n');
}

/**
 * RESP-CORS-CREDENTIALS (SPEC §2; Fetch standard, CORS protocol): an answer to a request from
 * `origin` never grants that origin credentialed access (`Access-Control-Allow-Origin` naming
 * it with `Access-Control-Allow-Credentials: true`), which would let any page read the
 * endpoint's answers with the user's cookies. `*` with credentials is only a warning: browsers
 * refuse that pair, so it shows a misconfiguration, not an opening.
 */
export function noCredentialedCors(exchange: Exchange, origin: string): Judgement {
  const expected = `no credentialed CORS access for ${origin}`;
  const headers = exchange.response?.headers;
  if (!headers) return { ok: false, expected, actual: describeAnswer(exchange) };
  const allowOrigin = headers['access-control-allow-origin']?.trim();
  const credentials = headers['access-control-allow-credentials']?.trim().toLowerCase() === 'true';
  const actual = allowOrigin === undefined ? `${describeAnswer(exchange)}, no Access-Control-Allow-Origin` : `Access-Control-Allow-Origin: ${allowOrigin}${credentials ? ', Access-Control-Allow-Credentials: true' : ''}`;
  if (!credentials || (allowOrigin !== origin && allowOrigin !== '*')) return { ok: true, expected, actual };
  return allowOrigin === '*' ? { ok: false, expected, actual: `${actual} (browsers refuse the pair: a misconfiguration)`, warning: true } : { ok: false, expected, actual: `${actual}: any page can read the answers with the user's cookies` };
}
