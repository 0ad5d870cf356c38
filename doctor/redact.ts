import { SensitiveValues } from '../client/redaction.js';

/** A client_secret as it may be shown: a JWT keeps header and payload, `eyJ….eyJ….[signature redacted]`. */
export function redactedJwt(token: string): string {
  const values = new SensitiveValues();
  values.add(token, 'client_secret');
  return values.redact(token);
}
