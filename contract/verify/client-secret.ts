import { randomBytes } from 'node:crypto';
import { decodeCompact, type DecodedCompact } from '../../jwt/decode.js';
import { encodeSegment, joinSegments, signCompact, type HmacAlg } from '../../jwt/compact.js';
import { CONTRACT_INTERACTIONS, payloadChangedAfterSigning, TAMPERED_EXP_SHIFT_SECONDS, type ContractInteraction, type RequestChange } from '../interactions.js';
import { recordedBody, recordedCredentials, type PactDocument, type RecordedCredential } from './pact-source.js';

/**
 * A pact records the client_secret JWT its consumer sent when the pact was written, long
 * expired by the time a provider verifies it, and signed with an example secret. The request
 * filter therefore gives each recorded JWT the one change verification needs: it is made
 * current for the client the provider state registered, and keeps the one fault it stands for.
 * - `fresh`: signed with the stored secret the provider state handed out, exp a minute
 *   ahead: the interaction expects a grant, or an error of a later step (SPEC §1 steps 7–8,
 *   invalid_request), or a refusal of a header it keeps (`crit`);
 * - `expired`: signed the same way, exp a day past: the interaction expects
 *   client_secret_expired (step 5), which only a well-signed JWT can earn;
 * - `as-recorded`: sent untouched: the interaction expects invalid_client, the answer to
 *   whatever was wrong with the consumer's JWT (an unknown client …);
 * - `another-key`, `another-key-expired`: as `fresh` or `expired`, but signed with a random key
 *   that is not the stored secret (step 4; steps 4–5 in that order);
 * - `unsigned`: the recorded header (alg none) and signature part kept, the claims made current (step 2);
 * - `recorded-alg`: as `fresh`, signed with the recorded header's HMAC alg (HS384 …) and the stored secret (step 2);
 * - `payload-changed`: as `fresh`, then the payload's exp moved a minute on, the signature kept (step 4;
 *   still inside the maximum lifetime, so that only the signature refuses it);
 * - `raw-stored-secret`: the stored secret itself, instead of a JWT (step 1);
 * - `other-client`: as `fresh`, but naming the interaction's other registered client and signed
 *   with its stored secret, so that only the comparison with the body's client_id refuses it (step 6);
 * - `without-client-id`, `without-exp`: as `fresh`, the claim left out (step 2);
 * - `exp-a-string`: as `fresh`, exp written as a numeric string (step 2; RFC 7519 §2 NumericDate).
 */
export type SecretTreatment =
  | 'fresh'
  | 'expired'
  | 'as-recorded'
  | 'another-key'
  | 'another-key-expired'
  | 'unsigned'
  | 'recorded-alg'
  | 'payload-changed'
  | 'raw-stored-secret'
  | 'other-client'
  | 'without-client-id'
  | 'without-exp'
  | 'exp-a-string';

/** How verification treats the client_secret of each change a contract interaction makes. */
const TREATMENT_OF_CHANGE: Readonly<Record<RequestChange, SecretTreatment>> = {
  none: 'fresh',
  'unregistered-client': 'as-recorded',
  'expired-jwt': 'expired',
  'unknown-code': 'fresh',
  'other-redirect-uri': 'fresh',
  'without-passphrase': 'fresh',
  'another-key': 'another-key',
  'alg-none': 'unsigned',
  'alg-hs384': 'recorded-alg',
  'crit-header': 'fresh',
  'payload-changed-after-signing': 'payload-changed',
  'raw-stored-secret': 'raw-stored-secret',
  'jwt-of-other-client': 'other-client',
  'jwt-without-client-id': 'without-client-id',
  'jwt-without-exp': 'without-exp',
  'exp-a-string': 'exp-a-string',
  'expired-and-another-key': 'another-key-expired',
  'code-of-other-client': 'fresh',
  'another-key-and-unknown-code': 'another-key',
  'passphrase-a-number': 'fresh',
  'empty-passphrase': 'fresh',
  'extra-field': 'fresh',
};

/** How far ahead a fresh JWT expires: well inside any target's maximum lifetime. */
const FRESH_LIFETIME_SECONDS = 60;
/** How far past an expired JWT's exp lies: clear of any sensible leeway. */
const EXPIRED_AGO_SECONDS = 86_400;
const HMAC_ALGS = new Set<string>(['HS256', 'HS384', 'HS512']);

/** Today's rule, for pacts written without `tokenInteraction`: the treatment the expected answer calls for. */
export function treatmentForAnswer(status: number, body: unknown): SecretTreatment {
  const error = errorOf(body);
  if (error === 'invalid_client') return 'as-recorded';
  if (error === 'client_secret_expired') return 'expired';
  return status < 400 || typeof error === 'string' ? 'fresh' : 'as-recorded';
}

/**
 * The treatment of an interaction's client_secret. An interaction `tokenInteraction` wrote is
 * described `ID: title`; when ID is a contract interaction's requirement and the interaction
 * records that requirement's answer, its change decides. Any other interaction is treated by
 * the answer it expects (`treatmentForAnswer`).
 */
export function treatmentOf(description: string, status: number, body: unknown): SecretTreatment {
  const id = description.slice(0, description.indexOf(':'));
  const interaction = CONTRACT_INTERACTIONS.find((i) => i.requirementId === id);
  if (interaction && recordsAnswerOf(interaction, status, body)) return TREATMENT_OF_CHANGE[interaction.change];
  return treatmentForAnswer(status, body);
}

function recordsAnswerOf(interaction: ContractInteraction, status: number, body: unknown): boolean {
  return 'grant' in interaction.answer ? status < 300 : errorOf(body) === interaction.answer.error;
}

function errorOf(body: unknown): unknown {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).error : undefined;
}

/** Which interaction a recorded client_secret belongs to, and how verification treats it. */
export type RecordedSecret = RecordedCredential<SecretTreatment>;

/** Every recorded client_secret of the pacts, with its interaction (`recordedCredentials`). */
export function recordedSecrets(documents: readonly PactDocument[]): Map<string, RecordedSecret> {
  return recordedCredentials(documents, (interaction) => {
    const body = recordedBody(interaction.request.body);
    return body && typeof body === 'object' ? (body as Record<string, unknown>).client_secret : undefined;
  }, treatmentOf);
}

/** A client a provider state registered: its client_id and stored secret. */
export interface RegisteredClient {
  readonly clientId: string;
  readonly storedSecret: string;
}

/** What a recorded client_secret is made current for: the request's client, and the interaction's other client if it set up two. */
export interface SecretContext {
  readonly client: RegisteredClient;
  readonly otherClient?: RegisteredClient;
  readonly nowSeconds: number;
}

/** What a re-signing changes in the recorded JWT. */
interface Resigning {
  /** Another key than the signer's stored secret. */
  readonly key?: string;
  readonly alg?: HmacAlg;
  /** Claims set here replace the recorded ones; a claim set to undefined is left out. */
  readonly claims: Readonly<Record<string, unknown>>;
}

/**
 * The recorded client_secret made current as `treatment` says (see `SecretTreatment`): its
 * header and other claims kept, client_id and exp set for the client the provider state
 * registered. Null when there is nothing to make current (`as-recorded`, or an `other-client`
 * treatment in an interaction with one client), or when the recorded value is not a JWT whose
 * parts decode: then it is sent as recorded.
 */
export function resignedClientSecret(recorded: string, treatment: SecretTreatment, context: SecretContext): string | null {
  if (treatment === 'as-recorded') return null;
  if (treatment === 'raw-stored-secret') return context.client.storedSecret;
  const decoded = decodeCompact(recorded);
  if (!decoded.ok) return null;
  const { client, otherClient, nowSeconds } = context;
  const fresh = nowSeconds + FRESH_LIFETIME_SECONDS;
  const past = nowSeconds - EXPIRED_AGO_SECONDS;
  const current = { client_id: client.clientId, exp: fresh };
  switch (treatment) {
    case 'fresh':
      return signed(decoded, client, { claims: current });
    case 'expired':
      return signed(decoded, client, { claims: { ...current, exp: past } });
    case 'another-key':
      return signed(decoded, client, { key: anotherKey(), claims: current });
    case 'another-key-expired':
      return signed(decoded, client, { key: anotherKey(), claims: { ...current, exp: past } });
    case 'unsigned':
      return joinSegments(encodeSegment(decoded.header), encodeSegment(claimsOf(decoded, current)), decoded.signature);
    case 'recorded-alg': {
      const alg = String(decoded.header.alg);
      return HMAC_ALGS.has(alg) ? signed(decoded, client, { alg: alg as HmacAlg, claims: current }) : null;
    }
    case 'payload-changed':
      return payloadChangedAfterSigning(signed(decoded, client, { claims: current }), claimsOf(decoded, { ...current, exp: fresh + TAMPERED_EXP_SHIFT_SECONDS }));
    case 'other-client':
      return otherClient ? signed(decoded, otherClient, { claims: { client_id: otherClient.clientId, exp: fresh } }) : null;
    case 'without-client-id':
      return signed(decoded, client, { claims: { client_id: undefined, exp: fresh } });
    case 'without-exp':
      return signed(decoded, client, { claims: { client_id: client.clientId, exp: undefined } });
    case 'exp-a-string':
      return signed(decoded, client, { claims: { ...current, exp: String(fresh) } });
  }
}

/** The recorded JWT signed again (HS256 unless said otherwise) with the signer's stored secret or another key. */
function signed(decoded: DecodedCompact, signer: RegisteredClient, resigning: Resigning): string {
  const alg = resigning.alg ?? 'HS256';
  return signCompact({ ...decoded.header, alg }, claimsOf(decoded, resigning.claims), resigning.key ?? signer.storedSecret, alg);
}

function claimsOf(decoded: DecodedCompact, changes: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const claims: Record<string, unknown> = { ...decoded.payload, ...changes };
  for (const [name, value] of Object.entries(changes)) if (value === undefined) delete claims[name];
  return claims;
}

/** A key that is not the stored secret: 32 random bytes, as hex text. */
function anotherKey(): string {
  return randomBytes(32).toString('hex');
}
