import type { Exchange } from '../../vocabulary/exchange.js';

/** An exchange as the target client records it, for unit tests of the checks. */
export function exchange(status: number | null, body: unknown = {}, headers: Record<string, string> = { 'content-type': 'application/json' }, extra: Partial<Exchange> = {}): Exchange {
  return {
    label: 'TEST: an exchange',
    request: { method: 'POST', url: 'http://127.0.0.1/api/v0/oauth2/token', headers: {}, body: '{}' },
    response: status === null ? null : { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) },
    ...(status === null ? { failure: 'no answer within 10 s' } : {}),
    ms: 1,
    leaks: [],
    curl: 'curl',
    ...extra,
  };
}
