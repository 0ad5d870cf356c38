/**
 * The server cannot take the request now, at a bound of what it keeps (SPEC §1 sets none):
 * answered 429 with `Retry-After` (RFC 6585 §4), never a 5xx.
 */
export interface Busy {
  readonly retryAfterSeconds: number;
}
