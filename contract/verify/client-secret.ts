import { decodeCompact } from '../../jwt/decode.js';
import { signCompact } from '../../jwt/compact.js';
import { recordedBody, type PactDocument } from './pact-source.js';

/**
 * A pact records the client_secret JWT its consumer sent when the pact was written, long
 * expired by the time a provider verifies it. The request filter therefore gives each
 * recorded JWT the one change verification needs, decided by the answer the interaction
 * expects:
 * - `fresh`: signed with the stored secret the provider state handed out, exp a minute
 *   ahead: the interaction expects a grant, or an error of a later step (SPEC §1 steps 7–8,
 *   invalid_request), so its JWT must be valid now;
 * - `expired`: signed the same way, exp a day past: the interaction expects
 *   client_secret_expired (step 5), which only a well-signed JWT can earn;
 * - `as-recorded`: sent untouched: the interaction expects invalid_client, the answer to
 *   whatever was wrong with the consumer's JWT (an unknown client, a wrong key …).
 */
export type SecretTreatment = 'fresh' | 'expired' | 'as-recorded';

/** How far ahead a fresh JWT expires: well inside any target's maximum lifetime. */
const FRESH_LIFETIME_SECONDS = 60;
/** How far past an expired JWT's exp lies: clear of any sensible leeway. */
const EXPIRED_AGO_SECONDS = 86_400;

export function treatmentForAnswer(status: number, body: unknown): SecretTreatment {
  const error = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).error : undefined;
  if (error === 'invalid_client') return 'as-recorded';
  if (error === 'client_secret_expired') return 'expired';
  return status < 400 || typeof error === 'string' ? 'fresh' : 'as-recorded';
}

/** Which interaction a recorded client_secret belongs to, and how verification treats it. */
export interface RecordedSecret {
  readonly consumer: string;
  readonly description: string;
  readonly treatment: SecretTreatment;
}

/**
 * Every recorded client_secret of the pacts, with its interaction. The verifier sends the
 * recorded value, so the filter recognises each request by it. A JWT recorded by two
 * interactions that expect different treatments is left out: the filter then refreshes it.
 */
export function recordedSecrets(documents: readonly PactDocument[]): Map<string, RecordedSecret> {
  const found = new Map<string, RecordedSecret>();
  const ambiguous = new Set<string>();
  for (const doc of documents) {
    for (const interaction of doc.interactions) {
      const body = recordedBody(interaction.request.body);
      const secret = body && typeof body === 'object' ? (body as Record<string, unknown>).client_secret : undefined;
      if (typeof secret !== 'string') continue;
      const entry = { consumer: doc.consumer.name, description: interaction.description, treatment: treatmentForAnswer(interaction.response.status, recordedBody(interaction.response.body)) };
      const previous = found.get(secret);
      if (previous && previous.treatment !== entry.treatment) ambiguous.add(secret);
      else found.set(secret, entry);
    }
  }
  for (const secret of ambiguous) found.delete(secret);
  return found;
}

/**
 * The recorded JWT re-signed (HS256) with `storedSecret`, its claims kept but client_id set
 * to the client the provider state registered and exp set as `treatment` says. Null when the
 * recorded value is not a JWT whose parts decode: then it is sent as recorded.
 */
export function resignedClientSecret(recorded: string, clientId: string, storedSecret: string, treatment: Exclude<SecretTreatment, 'as-recorded'>, nowSeconds: number): string | null {
  const decoded = decodeCompact(recorded);
  if (!decoded.ok) return null;
  const exp = treatment === 'fresh' ? nowSeconds + FRESH_LIFETIME_SECONDS : nowSeconds - EXPIRED_AGO_SECONDS;
  return signCompact({ ...decoded.header, alg: 'HS256' }, { ...decoded.payload, client_id: clientId, exp }, storedSecret);
}
