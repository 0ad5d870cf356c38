import { createPublicKey } from 'node:crypto';
import { withClaimJws, withClaimsJws, withoutClaimJws } from './forge-jws.js';
import { freshJwkPair, publicJwkOf } from './jwk.js';
import { algOf, isAsymmetricAlg, privateKeyOf, signParts, type JwsInput } from './jws.js';

/**
 * Forgers of RFC 7523 client assertions (SPEC §5): each takes the `JwsInput` of a valid
 * assertion (`clientAssertionInput`) and returns it, correctly signed with the client's key
 * unless the forger is about the key, with the one change its name says. Forgers of every JWS
 * (alg none, another alg, another key, tampering, malformed tokens) are in forge-jws.ts.
 */

/** The token endpoint of another authorization server, an `aud` that is not this one. */
export const OTHER_SERVER_AUDIENCE = 'https://other-server.example/oauth2/token';

/** How `audEmpty` spells an empty audience: the empty string or the empty array. */
export type EmptyAudience = 'string' | 'array';

/** How `algConfusion` reads a public key as an HMAC secret. */
export type PublicKeyReading = 'jwk-json' | 'spki-pem';

/** An assertion without `aud`. RFC 7523 §3 item 3: "The JWT MUST contain an "aud" (audience) claim". */
export function audMissing(assertion: JwsInput): string {
  return withoutClaimJws(assertion, 'aud');
}

/**
 * An assertion whose `aud` is `""` or `[]`, which names no server.
 * RFC 7523 §3 item 3: the server "MUST reject any JWT that does not contain its own identity as
 * the intended audience".
 */
export function audEmpty(assertion: JwsInput, spelling: EmptyAudience = 'string'): string {
  return withClaimJws(assertion, 'aud', spelling === 'string' ? '' : []);
}

/** An assertion whose `aud` is another server's token endpoint. RFC 7523 §3 item 3 (its own identity as the audience). */
export function audOtherServer(assertion: JwsInput, audience: string = OTHER_SERVER_AUDIENCE): string {
  return withClaimJws(assertion, 'aud', audience);
}

/**
 * An assertion whose `aud` is an array of other servers, none of them this one.
 * RFC 7523 §3 item 3; RFC 7519 §4.1.3 (an array of audiences: the server must be among them).
 */
export function audArrayWithoutServer(
  assertion: JwsInput,
  audiences: string[] = [OTHER_SERVER_AUDIENCE, 'https://another-server.example/token'],
): string {
  return withClaimJws(assertion, 'aud', audiences);
}

/** An assertion without `iss`. RFC 7523 §3 item 1: "The JWT MUST contain an "iss" (issuer) claim". */
export function issMissing(assertion: JwsInput): string {
  return withoutClaimJws(assertion, 'iss');
}

/** An assertion without `sub`. RFC 7523 §3 item 2: "The JWT MUST contain a "sub" (subject) claim". */
export function subMissing(assertion: JwsInput): string {
  return withoutClaimJws(assertion, 'sub');
}

/**
 * An assertion whose `iss` and `sub` are both `otherId`, not the client's id (while the key is
 * still the client's). RFC 7523 §3 item 2.B: "For client authentication, the subject MUST be the
 * "client_id" of the OAuth client"; OpenID Connect Core §9: `iss` "MUST contain the client_id".
 */
export function issSubNotClientId(assertion: JwsInput, otherId: string): string {
  return withClaimsJws(assertion, { ...assertion.claims, iss: otherId, sub: otherId });
}

/**
 * An assertion whose `iss` is `issuer` while `sub` stays the client_id, so `iss` ≠ `sub`.
 * RFC 7523 §3 item 1 and OpenID Connect Core §9 (`iss` MUST be the client_id, as `sub` is).
 */
export function issNotSub(assertion: JwsInput, issuer: string): string {
  return withClaimJws(assertion, 'iss', issuer);
}

/**
 * An assertion whose `sub` is another (registered) client's id while `iss` and the key stay this
 * client's. RFC 7523 §3 item 2.B: the subject MUST be the client_id of the client authenticating.
 */
export function subOtherClient(assertion: JwsInput, otherClientId: string): string {
  return withClaimJws(assertion, 'sub', otherClientId);
}

/** The assertion's numeric `iat`. @throws RangeError when it has none to count from. */
function numericIat(assertion: JwsInput): number {
  const iat = assertion.claims['iat'];
  if (typeof iat !== 'number') throw new RangeError('nbfInFuture needs an assertion whose "iat" claim is a number');
  return iat;
}

/**
 * An assertion with `nbf` = `iat` + `seconds` (placed last), not yet valid when sent.
 * RFC 7523 §3 item 5: the JWT "MAY contain an "nbf" (not before) claim that identifies the time
 * before which the token MUST NOT be accepted for processing"; RFC 7519 §4.1.5.
 * @throws RangeError unless `seconds` is positive.
 */
export function nbfInFuture(assertion: JwsInput, seconds: number): string {
  if (!(seconds > 0)) throw new RangeError('nbfInFuture needs a positive number of seconds');
  return withClaimJws(assertion, 'nbf', numericIat(assertion) + seconds);
}

/** An assertion without `jti`. OpenID Connect Core §9: `jti` "REQUIRED. JWT ID. A unique identifier for the token". */
export function jtiMissing(assertion: JwsInput): string {
  return withoutClaimJws(assertion, 'jti');
}

/** The private JWK of a `private_key_jwt` assertion. @throws RangeError for a secret-keyed one. */
function privateJwkOf(assertion: JwsInput, forger: string) {
  if (assertion.key.kind !== 'private-jwk') throw new RangeError(`${forger} needs a private_key_jwt assertion (a private JWK)`);
  return assertion.key.jwk;
}

/**
 * The client's public key as the text of an HMAC secret: the JSON serialisation of its public
 * JWK (`publicJwkOf`, members in the private JWK's order), or its SubjectPublicKeyInfo PEM
 * (`-----BEGIN PUBLIC KEY-----`, ending in a newline, as OpenSSL writes it).
 */
export function publicKeyAsSecret(assertion: JwsInput, reading: PublicKeyReading): string {
  const jwk = privateJwkOf(assertion, 'publicKeyAsSecret');
  if (reading === 'jwk-json') return JSON.stringify(publicJwkOf(jwk));
  return createPublicKey(privateKeyOf(jwk)).export({ type: 'spki', format: 'pem' }).toString();
}

/**
 * Algorithm confusion against a `private_key_jwt` client: the valid header with `alg` HS256
 * (its `kid` kept) and the claims, HMAC-SHA256 keyed with the client's *public* key read as a
 * secret (`publicKeyAsSecret`), which a server that lets the token's `alg` pick the verification
 * accepts. RFC 8725 §2.1 ("RS256" changed into "HS256", and libraries validating "using the RSA
 * public key as the HMAC shared secret"), §3.1 ("each key MUST be used with exactly one algorithm").
 * @throws RangeError for a secret-keyed assertion.
 */
export function algConfusion(assertion: JwsInput, reading: PublicKeyReading): string {
  const secret = publicKeyAsSecret(assertion, reading);
  return signParts({ ...assertion.header, alg: 'HS256' }, assertion.claims, { kind: 'secret', secret }, 'HS256');
}

/**
 * The valid header plus an embedded `jwk`: the public half of a fresh attacker key pair (of the
 * assertion's alg, ES256 for an HMAC one), the token signed with its private half. A server that
 * verifies with the key the token brings accepts it (CVE-2018-0114).
 * RFC 7515 §4.1.3 (`jwk`: the key the JWS was signed with, which says nothing of who holds it);
 * RFC 8725 §3.10 (do not trust received claims).
 */
export function embeddedJwk(assertion: JwsInput): string {
  const validAlg = algOf(assertion);
  const alg = isAsymmetricAlg(validAlg) ? validAlg : 'ES256';
  const attacker = freshJwkPair(alg);
  return signParts({ ...assertion.header, alg, jwk: attacker.publicJwk }, assertion.claims, { kind: 'private-jwk', jwk: attacker.privateJwk }, alg);
}
