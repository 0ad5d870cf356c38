import { constants, createPrivateKey, sign, type KeyObject, type SignKeyObjectInput } from 'node:crypto';
import type { JWK } from 'jose';
import { bytesOf, encodeSegment, hmac, joinSegments, type HmacAlg, type HmacKey } from './compact.js';

/**
 * The asymmetric JWS algorithms the raw layer can compute.
 * @see RFC 7518 §3.3 (RS*), §3.4 (ES*), §3.5 (PS*), RFC 8037 §3.1 (EdDSA)
 */
export type AsymmetricAlg = 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512' | 'EdDSA';

/** Every JWS algorithm the raw layer can compute. */
export type JwsAlg = HmacAlg | AsymmetricAlg;

/**
 * The key a JWS is signed with: a shared secret (a string means its UTF-8 bytes, never a hex or
 * base64 decoding) or a private JWK.
 * @see RFC 7518 §3.2 (HMAC keys), RFC 7517 §4 (JWK)
 */
export type SigningKey = { kind: 'secret'; secret: HmacKey } | { kind: 'private-jwk'; jwk: JWK };

/**
 * A JWS to sign, neutral in its claim set and key: the exact header and claims (serialised in the
 * order given) and the key. Forgers start from the `JwsInput` of a valid token and change one thing.
 */
export interface JwsInput {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  key: SigningKey;
}

/** How node:crypto computes one asymmetric algorithm, and the keys it takes. */
export interface AsymmetricScheme {
  /** The digest; null for EdDSA, which hashes internally. */
  hash: 'sha256' | 'sha384' | 'sha512' | null;
  /** node:crypto's `asymmetricKeyType` values the algorithm accepts. */
  keyTypes: readonly string[];
  /** The curve an ES* key must be on (node:crypto's name); its signature is R || S. */
  curve?: string;
  /** The RSASSA-PSS salt length, the digest's length. @see RFC 7518 §3.5 */
  pssSaltLength?: number;
}

const HMAC_ALGS: readonly string[] = ['HS256', 'HS384', 'HS512'] satisfies HmacAlg[];

const ASYMMETRIC: Record<AsymmetricAlg, AsymmetricScheme> = {
  RS256: { hash: 'sha256', keyTypes: ['rsa'] },
  RS384: { hash: 'sha384', keyTypes: ['rsa'] },
  RS512: { hash: 'sha512', keyTypes: ['rsa'] },
  PS256: { hash: 'sha256', keyTypes: ['rsa'], pssSaltLength: 32 },
  PS384: { hash: 'sha384', keyTypes: ['rsa'], pssSaltLength: 48 },
  PS512: { hash: 'sha512', keyTypes: ['rsa'], pssSaltLength: 64 },
  ES256: { hash: 'sha256', keyTypes: ['ec'], curve: 'prime256v1' },
  ES384: { hash: 'sha384', keyTypes: ['ec'], curve: 'secp384r1' },
  ES512: { hash: 'sha512', keyTypes: ['ec'], curve: 'secp521r1' },
  EdDSA: { hash: null, keyTypes: ['ed25519', 'ed448'] },
};

/** Whether `alg` names an HMAC algorithm the raw layer computes. */
export function isHmacAlg(alg: unknown): alg is HmacAlg {
  return typeof alg === 'string' && HMAC_ALGS.includes(alg);
}

/** Whether `alg` names an asymmetric algorithm the raw layer computes. */
export function isAsymmetricAlg(alg: unknown): alg is AsymmetricAlg {
  return typeof alg === 'string' && Object.hasOwn(ASYMMETRIC, alg);
}

/** Each private JWK as node:crypto read it, by the JWK object (a client's key is one object for the run). */
const privateKeys = new WeakMap<JWK, KeyObject>();

/**
 * A private JWK as a node:crypto key, read once per JWK object: reading an RSA JWK takes about a
 * quarter of a millisecond, and a run signs thousands of assertions with a few keys (issue 19).
 * @throws when the JWK is not a private key node:crypto reads.
 */
export function privateKeyOf(jwk: JWK): KeyObject {
  let key = privateKeys.get(jwk);
  if (key === undefined) {
    key = createPrivateKey({ key: jwk, format: 'jwk' });
    privateKeys.set(jwk, key);
  }
  return key;
}

/** How node:crypto computes an asymmetric algorithm, or undefined for any other alg. */
export function asymmetricSchemeOf(alg: unknown): AsymmetricScheme | undefined {
  return isAsymmetricAlg(alg) ? ASYMMETRIC[alg] : undefined;
}

/** Whether an asymmetric algorithm can be computed with `key`: its key type and, for ES*, its curve. */
export function schemeFits(scheme: AsymmetricScheme, key: KeyObject): boolean {
  const typeFits = key.asymmetricKeyType !== undefined && scheme.keyTypes.includes(key.asymmetricKeyType);
  return typeFits && (scheme.curve === undefined || key.asymmetricKeyDetails?.namedCurve === scheme.curve);
}

/**
 * Whether `alg` can be computed with `key`: an HMAC algorithm with a secret; an RSA algorithm with
 * an RSA JWK, ES256/384/512 with a P-256/384/521 JWK, EdDSA with an Ed25519 or Ed448 JWK.
 */
export function keyFits(alg: string, key: SigningKey): alg is JwsAlg {
  if (key.kind === 'secret') return isHmacAlg(alg);
  return isAsymmetricAlg(alg) && schemeFits(ASYMMETRIC[alg], privateKeyOf(key.jwk));
}

/** node:crypto's signing and verifying options for one scheme: PSS padding and salt, or an R || S ECDSA signature. */
export function schemeOptions(scheme: AsymmetricScheme, key: KeyObject): KeyObject | SignKeyObjectInput {
  if (scheme.pssSaltLength !== undefined) {
    return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: scheme.pssSaltLength };
  }
  // RFC 7518 §3.4: the ECDSA signature is the concatenation R || S, not DER.
  return scheme.curve === undefined ? key : { key, dsaEncoding: 'ieee-p1363' };
}

/**
 * The base64url signature of a JWS Signing Input with `key` under `alg`, computed synchronously
 * with node:crypto: a raw HMAC over the exact bytes for HS*, else the asymmetric signature.
 * @throws RangeError when `alg` cannot be computed with `key` (see `keyFits`).
 * @see RFC 7515 §5.1 step 5, RFC 7518 §3
 */
export function signatureOver(signingInput: string, key: SigningKey, alg: JwsAlg): string {
  if (key.kind === 'secret') {
    if (!isHmacAlg(alg)) throw cannotCompute(alg, key);
    return hmac(alg, key.secret, signingInput);
  }
  const privateKey = privateKeyOf(key.jwk);
  const scheme = isAsymmetricAlg(alg) ? ASYMMETRIC[alg] : undefined;
  if (scheme === undefined || !schemeFits(scheme, privateKey)) throw cannotCompute(alg, key);
  return sign(scheme.hash, bytesOf(signingInput), schemeOptions(scheme, privateKey)).toString('base64url');
}

function cannotCompute(alg: unknown, key: SigningKey): RangeError {
  return new RangeError(`alg ${JSON.stringify(alg)} cannot be computed with a ${describeKey(key)}`);
}

function describeKey(key: SigningKey): string {
  return key.kind === 'secret' ? 'secret' : `private JWK of kty ${String(key.jwk.kty)}`;
}

/**
 * `header.payload.signature` over already-encoded segments, whatever they say: a correct
 * signature under `alg` over exactly these bytes.
 * @see RFC 7515 §7.1, §5.1
 */
export function signSegments(header: string, payload: string, key: SigningKey, alg: JwsAlg): string {
  const signingInput = joinSegments(header, payload);
  return joinSegments(signingInput, signatureOver(signingInput, key, alg));
}

/**
 * A compact JWS for any header and payload (any JSON value, or a `RawSegment`), signed under
 * `alg` whatever the header says, so a header may claim `none`, another alg or nothing.
 * @see RFC 7515 §7.1, §5.1
 */
export function signParts(header: unknown, payload: unknown, key: SigningKey, alg: JwsAlg): string {
  return signSegments(encodeSegment(header), encodeSegment(payload), key, alg);
}

/**
 * The algorithm a valid token of this input is signed with: its header's `alg`.
 * @throws RangeError when the header's `alg` is not one the key can compute.
 * @see RFC 7515 §4.1.1
 */
export function algOf(input: JwsInput): JwsAlg {
  const alg = input.header['alg'];
  if (typeof alg !== 'string' || !keyFits(alg, input.key)) throw cannotCompute(alg, input.key);
  return alg;
}

/**
 * The compact JWS of `input`: its header and claims serialised as given, signed under `alg`
 * (by default the header's own `alg`).
 * @see RFC 7515 §7.1, RFC 7519 §7.1 (Creating a JWT)
 */
export function signJws(input: JwsInput, alg: JwsAlg = algOf(input)): string {
  return signParts(input.header, input.claims, input.key, alg);
}
