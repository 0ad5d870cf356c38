import { randomBytes, randomUUID } from 'node:crypto';
import { algConfusion, decodeCompact, encodeSegment, joinSegments, OTHER_SERVER_AUDIENCE, signParts, type DecodedCompact, type JwsAlg, type SigningKey } from '../../jwt/index.js';
import { payloadChangedAfterSigning, TAMPERED_EXP_SHIFT_SECONDS } from '../interactions.js';
import { RFC7523_CONTRACT_INTERACTIONS, type Rfc7523Change, type Rfc7523ContractInteraction } from '../rfc7523/interactions.js';
import { recordedBody, recordedCredentials, type PactDocument, type PactInteraction, type RecordedCredential } from './pact-source.js';

/**
 * An rfc7523 pact records the client assertion its consumer sent when the pact was written:
 * long expired by the time a provider verifies it, signed with an example key, and addressed to
 * an example `aud`. The request filter gives each recorded assertion the one change
 * verification needs: it is made current for the client the provider state registered (signed
 * with the secret or private JWK the state handed out, `iss` = `sub` = its client_id, the run's
 * `--audience`, a fresh `jti`, `iat` now, `exp` a minute ahead; SPEC §5), and keeps the one
 * fault it stands for:
 * - `fresh`: nothing else: the interaction expects a grant, or a refusal of a later step (the
 *   code, the redirect URI, a parameter), or of a header it keeps (`crit`);
 * - `expired`: `exp` a day past (RFC 7523 §3 item 4);
 * - `as-recorded`: sent untouched: the interaction expects the refusal of whatever was wrong
 *   with the consumer's assertion (an unknown client, no JWS at all …);
 * - `another-key`: signed HS256 with a random key that is not the client's;
 * - `unsigned`: the recorded header (alg none) and empty signature part kept, the claims made current;
 * - `recorded-alg`: signed with the recorded header's HMAC alg (HS384 …) and the client's secret;
 * - `payload-changed`: signed, then `exp` moved a minute on, the signature kept;
 * - `other-client`: signed by the interaction's other registered client, so that only the body's
 *   `client_id` differs from its `sub`;
 * - `without-exp`, `exp-a-string`: signed with `exp` left out, or written as a numeric string;
 * - `sub-other-client`: signed by the client, `sub` the interaction's other registered client's id;
 * - `other-audience`: `aud` another server's token endpoint (`OTHER_SERVER_AUDIENCE`), not the run's;
 * - `not-yet-valid`: `nbf` a day after the verification's now (RFC 7519 §4.1.5), clear of any
 *   sensible leeway; `exp` stays a minute on, so that a server ignoring nbf grants it;
 * - `public-key-as-hmac-secret`: for a `private_key_jwt` client, HS256 keyed with the public JWK
 *   of the private one the state handed out, as JSON text (RFC 8725 §2.1), its `kid` in the header.
 */
export type AssertionTreatment =
  | 'fresh'
  | 'expired'
  | 'as-recorded'
  | 'another-key'
  | 'unsigned'
  | 'recorded-alg'
  | 'payload-changed'
  | 'other-client'
  | 'without-exp'
  | 'exp-a-string'
  | 'sub-other-client'
  | 'other-audience'
  | 'not-yet-valid'
  | 'public-key-as-hmac-secret';

const TREATMENT_OF_CHANGE: Readonly<Record<Rfc7523Change, AssertionTreatment>> = {
  none: 'fresh',
  'unregistered-client': 'as-recorded',
  'another-key': 'another-key',
  'alg-none': 'unsigned',
  'alg-hs384': 'recorded-alg',
  'crit-header': 'fresh',
  'payload-changed-after-signing': 'payload-changed',
  'not-a-jws': 'as-recorded',
  'client-id-not-sub': 'other-client',
  'assertion-without-exp': 'without-exp',
  'exp-a-string': 'exp-a-string',
  'expired-assertion': 'expired',
  'unknown-code': 'fresh',
  'code-of-other-client': 'fresh',
  'other-redirect-uri': 'fresh',
  'without-redirect-uri': 'fresh',
  'extra-param': 'fresh',
  'another-key-and-unknown-code': 'another-key',
  'sub-other-client': 'sub-other-client',
  'aud-other-server': 'other-audience',
  'nbf-in-future': 'not-yet-valid',
  'saml2-assertion-type': 'fresh',
  'public-key-as-hmac-secret': 'public-key-as-hmac-secret',
};

/** How far ahead a fresh assertion expires (SPEC §5: `exp` = now + 60). */
const FRESH_LIFETIME_SECONDS = 60;
/** How far past an expired assertion's exp lies: clear of any sensible leeway. */
const EXPIRED_AGO_SECONDS = 86_400;
/** How far ahead a not-yet-valid assertion's nbf lies: verify-pact knows no target leeway, so a day, clear of any sensible one. */
const NOT_YET_VALID_FOR_SECONDS = 86_400;
const HMAC_ALGS = new Set<string>(['HS256', 'HS384', 'HS512']);

/** Which interaction a recorded client_assertion belongs to, and how verification treats it. */
export type RecordedAssertion = RecordedCredential<AssertionTreatment>;

/**
 * The treatment of an interaction's assertion. An interaction `tokenInteraction` wrote for
 * rfc7523 is described `ID: title (method)`; when ID is an rfc7523 contract interaction's and the
 * interaction records its answer, its change decides. Any other is treated by the answer it
 * expects: sent as recorded when that is invalid_client (whatever was wrong stays wrong), else fresh.
 */
export function assertionTreatmentOf(description: string, status: number, body: unknown): AssertionTreatment {
  const id = description.slice(0, description.indexOf(':'));
  const interaction = RFC7523_CONTRACT_INTERACTIONS.find((i) => i.requirementId === id);
  if (interaction && recordsAnswerOf(interaction, status, body)) return TREATMENT_OF_CHANGE[interaction.change];
  return errorOf(body) === 'invalid_client' ? 'as-recorded' : 'fresh';
}

function recordsAnswerOf(interaction: Rfc7523ContractInteraction, status: number, body: unknown): boolean {
  if ('grant' in interaction.answer) return status < 300;
  const error = errorOf(body);
  return typeof error === 'string' && (interaction.answer.errors as readonly string[]).includes(error);
}

function errorOf(body: unknown): unknown {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).error : undefined;
}

/** A request's form parameters as a pact records them: a form body (v4: its text), or a parsed object. */
export function formParamsOf(interaction: PactInteraction): Record<string, unknown> | null {
  const body = recordedBody(interaction.request.body);
  if (typeof body === 'string') return Object.fromEntries(new URLSearchParams(body));
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
}

/** Every recorded client_assertion of the pacts, with its interaction (`recordedCredentials`). */
export function recordedAssertions(documents: readonly PactDocument[]): Map<string, RecordedAssertion> {
  return recordedCredentials(documents, (interaction) => formParamsOf(interaction)?.client_assertion, assertionTreatmentOf);
}

/** A client a provider state registered (SPEC §5): its client_id and the key its assertions are signed with. */
export interface AssertingClient {
  readonly clientId: string;
  readonly key: SigningKey;
  /** The alg of its assertions: the one it is pinned to, else HS256 for a secret, the JWK's `alg` (or ES256) for a key. */
  readonly alg: JwsAlg;
  /** The private JWK's `kid`, which the header names (SPEC §5). */
  readonly kid?: string;
}

export interface AssertionContext {
  readonly client: AssertingClient;
  readonly otherClient?: AssertingClient;
  /** The run's `--audience` for this client. */
  readonly audience: string;
  readonly nowSeconds: number;
}

/**
 * The recorded assertion made current as `treatment` says (see `AssertionTreatment`): its other
 * header parameters and claims kept. Null when it is to be sent as recorded, when it is not a
 * JWS whose parts decode, or when the treatment needs what the interaction lacks (another
 * client, an HMAC alg and a secret, a private JWK).
 */
export function resignedAssertion(recorded: string, treatment: AssertionTreatment, context: AssertionContext): string | null {
  if (treatment === 'as-recorded') return null;
  const decoded = decodeCompact(recorded);
  if (!decoded.ok) return null;
  const { client, otherClient, audience, nowSeconds } = context;
  const current = (signer: AssertingClient, exp: unknown = nowSeconds + FRESH_LIFETIME_SECONDS) => ({
    iss: signer.clientId,
    sub: signer.clientId,
    aud: audience,
    jti: randomUUID(),
    iat: nowSeconds,
    exp,
  });
  switch (treatment) {
    case 'fresh':
      return signedBy(decoded, client, current(client));
    case 'expired':
      return signedBy(decoded, client, { ...current(client), iat: nowSeconds - EXPIRED_AGO_SECONDS - FRESH_LIFETIME_SECONDS, exp: nowSeconds - EXPIRED_AGO_SECONDS });
    case 'another-key':
      return signParts({ ...headerOf(decoded, client), alg: 'HS256' }, claimsOf(decoded, current(client)), { kind: 'secret', secret: randomBytes(32).toString('hex') }, 'HS256');
    case 'unsigned':
      return joinSegments(encodeSegment(decoded.header), encodeSegment(claimsOf(decoded, current(client))), decoded.signature);
    case 'recorded-alg': {
      const alg = String(decoded.header.alg);
      return HMAC_ALGS.has(alg) && client.key.kind === 'secret' ? signParts({ ...decoded.header, alg }, claimsOf(decoded, current(client)), client.key, alg as JwsAlg) : null;
    }
    case 'payload-changed': {
      const claims = current(client);
      return payloadChangedAfterSigning(signedBy(decoded, client, claims), claimsOf(decoded, { ...claims, exp: nowSeconds + FRESH_LIFETIME_SECONDS + TAMPERED_EXP_SHIFT_SECONDS }));
    }
    case 'other-client':
      return otherClient ? signedBy(decoded, otherClient, current(otherClient)) : null;
    case 'without-exp':
      return signedBy(decoded, client, { ...current(client), exp: undefined });
    case 'exp-a-string':
      return signedBy(decoded, client, { ...current(client), exp: String(nowSeconds + FRESH_LIFETIME_SECONDS) });
    case 'sub-other-client':
      return otherClient ? signedBy(decoded, client, { ...current(client), sub: otherClient.clientId }) : null;
    case 'other-audience':
      return signedBy(decoded, client, { ...current(client), aud: OTHER_SERVER_AUDIENCE });
    case 'not-yet-valid':
      return signedBy(decoded, client, { ...current(client), nbf: nowSeconds + NOT_YET_VALID_FOR_SECONDS });
    case 'public-key-as-hmac-secret':
      return client.key.kind === 'private-jwk' ? algConfusion({ header: headerOf(decoded, client), claims: claimsOf(decoded, current(client)), key: client.key }, 'spki-pem') : null;
  }
}

/** The recorded header with the signer's alg and kid (SPEC §5: the JWK's `kid`; none for a secret). */
function headerOf(decoded: DecodedCompact, signer: AssertingClient): Record<string, unknown> {
  const rest = Object.fromEntries(Object.entries(decoded.header).filter(([name]) => name !== 'kid'));
  return signer.kid === undefined ? { ...rest, alg: signer.alg } : { ...rest, alg: signer.alg, kid: signer.kid };
}

function signedBy(decoded: DecodedCompact, signer: AssertingClient, claims: Readonly<Record<string, unknown>>): string {
  return signParts(headerOf(decoded, signer), claimsOf(decoded, claims), signer.key, signer.alg);
}

/** The recorded claims with `changes` over them; a claim set to undefined is left out. */
function claimsOf(decoded: DecodedCompact, changes: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const claims: Record<string, unknown> = { ...decoded.payload, ...changes };
  for (const [name, value] of Object.entries(changes)) if (value === undefined) delete claims[name];
  return claims;
}
