import type { Judgement } from '../vocabulary/outcome.js';
import { responseJson, type Exchange } from '../vocabulary/exchange.js';
import { describeAnswer } from './answer.js';

/**
 * The positive control (SPEC §4): a fully valid request is answered 2xx with a non-empty
 * `access_grant`. When it is not, no negative result can be trusted.
 */
export function acceptedWithGrant(exchange: Exchange): Judgement {
  const status = exchange.response?.status ?? 0;
  const grant = grantOf(exchange);
  const ok = status >= 200 && status <= 299 && typeof grant === 'string' && grant !== '';
  return { ok, expected: '2xx with a non-empty access_grant', actual: ok ? describeAnswer(exchange) : `${describeAnswer(exchange)}${status >= 200 && status <= 299 ? ' without a non-empty access_grant' : ''}` };
}

/**
 * RESP-SUCCESS in full (SPEC §1 step 9): 200, a JSON body with a non-empty
 * `access_grant` and the scopes granted with the code, and `Cache-Control: no-store`
 * (RFC 6749 §5.1).
 */
export function successResponse(exchange: Exchange, grantedScopes: readonly string[]): Judgement {
  const expected = `200 {"access_grant", "scopes": ${JSON.stringify(grantedScopes)}} with Cache-Control: no-store`;
  const problems: string[] = [];
  const response = exchange.response;
  if (!response) return { ok: false, expected, actual: describeAnswer(exchange) };
  if (response.status !== 200) problems.push(`status ${response.status}`);
  const grant = grantOf(exchange);
  if (typeof grant !== 'string' || grant === '') problems.push('no non-empty access_grant');
  if (!grantsScopes(exchange, grantedScopes)) problems.push(`scopes ${JSON.stringify(scopesOf(exchange) ?? null)}`);
  if (!/(^|,)\s*no-store\s*(,|$)/i.test(response.headers['cache-control'] ?? '')) {
    problems.push(`Cache-Control ${JSON.stringify(response.headers['cache-control'] ?? null)}`);
  }
  return { ok: problems.length === 0, expected, actual: problems.length ? problems.join('; ') : describeAnswer(exchange) };
}

function grantOf(exchange: Exchange): unknown {
  const json = responseJson(exchange);
  return json && typeof json === 'object' ? (json as { access_grant?: unknown }).access_grant : undefined;
}

/** The `scopes` of a JSON answer, as sent (undefined when there are none). */
export function scopesOf(exchange: Exchange): unknown {
  return (responseJson(exchange) as { scopes?: unknown } | undefined)?.scopes;
}

/**
 * Whether the answer's `scopes` are the scopes granted with the code, compared as sets
 * (RFC 6749 §3.3: "the order does not matter"): a target that grants the same scopes
 * whatever the code was issued for fails it.
 */
export function grantsScopes(exchange: Exchange, granted: readonly string[]): boolean {
  const actual = scopesOf(exchange);
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
