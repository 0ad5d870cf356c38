import { randomUUID } from 'node:crypto';
import { CompactSign } from 'jose';
import type { HmacAlg } from './compact.js';
import { hmacKey, privateJoseKey } from './jose-keys.js';
import { algOf, keyFits, type JwsAlg, type JwsInput, type SigningKey } from './jws.js';

/** The client assertion type of RFC 7523. @see RFC 7523 §2.2 */
export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** RFC 7521 §4.2 names the SAML 2.0 bearer assertion type (RFC 7522 §2.2) beside RFC 7523's. */
export const SAML2_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer';

/** How long a client assertion lives by default (SPEC §5: `exp` = now + 60). */
export const ASSERTION_LIFETIME_SECONDS = 60;

/** What a client needs to make its JWT client assertion (SPEC §5). */
export interface ClientAssertionParams {
  /** The client_id: both `iss` and `sub`. */
  clientId: string;
  /** The `aud`: the authorization server's token endpoint or issuer; an array is sent as one. */
  audience: string | string[];
  /**
   * The client secret (`client_secret_jwt`: its UTF-8 bytes are the HMAC key) or the client's
   * private JWK (`private_key_jwt`).
   */
  key: SigningKey;
  /** By default HS256 for a secret, the JWK's own `alg` or else ES256 for a private JWK. */
  alg?: JwsAlg;
  /** By default the JWK's `kid`; none for a secret. */
  kid?: string;
  /** The time of issue, NumericDate seconds: `iat`, and the start of the lifetime. @see RFC 7519 §2 */
  now: number;
  /** `exp` − `iat`, 60 by default. */
  lifetimeSeconds?: number;
  /** By default a fresh random UUID. */
  jti?: string;
}

/** The algorithm of a client's assertion: the one asked for, else HS256 for a secret, else the JWK's `alg` or ES256. */
function assertionAlg(key: SigningKey, alg: JwsAlg | undefined): JwsAlg {
  const chosen = alg ?? (key.kind === 'secret' ? 'HS256' : (key.jwk.alg ?? 'ES256'));
  if (!keyFits(chosen, key)) throw new RangeError(`a client assertion cannot be signed with alg "${chosen}" and this key`);
  return chosen;
}

/**
 * The `JwsInput` of a valid client assertion: header `{"alg", "kid"?}` (no `typ`), claims
 * `{"iss", "sub", "aud", "jti", "iat", "exp"}` in that order, `iss` = `sub` = client_id,
 * `exp` = `iat` + lifetime. The base every assertion forger starts from.
 * @throws RangeError when the alg cannot be computed with the key.
 * @see RFC 7523 §3 (the claims), OpenID Connect Core §9 (client_secret_jwt, private_key_jwt; jti REQUIRED)
 */
export function clientAssertionInput(params: ClientAssertionParams): JwsInput {
  const { clientId, audience, key, now, lifetimeSeconds = ASSERTION_LIFETIME_SECONDS, jti = randomUUID() } = params;
  const kid = params.kid ?? (key.kind === 'private-jwk' ? key.jwk.kid : undefined);
  const alg = assertionAlg(key, params.alg);
  return {
    header: kid === undefined ? { alg } : { alg, kid },
    claims: { iss: clientId, sub: clientId, aud: audience, jti, iat: now, exp: now + lifetimeSeconds },
    key,
  };
}

/** The key as jose takes it, imported once: the secret's UTF-8 bytes, or the private JWK imported for `alg`. */
function joseKeyOf(key: SigningKey, alg: JwsAlg) {
  if (key.kind === 'private-jwk') return privateJoseKey(key.jwk, alg);
  // keyFits has made alg an HMAC one for a secret.
  return typeof key.secret === 'string' ? hmacKey(key.secret, alg as HmacAlg) : key.secret;
}

/**
 * Mints a valid client assertion with jose (SPEC §5): the compact JWS of `clientAssertionInput`,
 * the claims serialised exactly as that input gives them.
 * @see RFC 7523 §2.2, §3, RFC 7521 §4.2, OpenID Connect Core §9
 */
export async function mintClientAssertion(params: ClientAssertionParams): Promise<string> {
  const input = clientAssertionInput(params);
  const alg = algOf(input);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(input.claims)))
    .setProtectedHeader({ ...input.header, alg })
    .sign(await joseKeyOf(input.key, alg));
}
