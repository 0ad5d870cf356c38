import { errorCodeOf, type Exchange } from '../vocabulary/exchange.js';

/** An exchange's answer in a report's words: `401 invalid_client`, `200`, `no answer within 10 s`. */
export function describeAnswer(exchange: Exchange): string {
  if (!exchange.response) return exchange.failure ?? 'no answer';
  const error = errorCodeOf(exchange);
  return error === undefined ? `${exchange.response.status}` : `${exchange.response.status} ${error}`;
}
