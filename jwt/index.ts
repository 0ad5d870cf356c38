export { mintClientSecret, type ClientSecretClaims } from './mint.js';
export {
  base64url,
  encodeSegment,
  hmac,
  joinSegments,
  bytesOf,
  rawSegment,
  RawSegment,
  signCompact,
  type HmacAlg,
  type HmacKey,
} from './compact.js';
export {
  decodeBase64url,
  decodeCompact,
  verifyHs256,
  type DecodeErrorCode,
  type DecodeFailure,
  type DecodeResult,
  type DecodedCompact,
} from './decode.js';
export {
  algOf,
  isAsymmetricAlg,
  isHmacAlg,
  keyFits,
  privateKeyOf,
  signatureOver,
  signJws,
  signParts,
  signSegments,
  type AsymmetricAlg,
  type JwsAlg,
  type JwsInput,
  type SigningKey,
} from './jws.js';
export {
  ASSERTION_LIFETIME_SECONDS,
  clientAssertionInput,
  JWT_BEARER_ASSERTION_TYPE,
  mintClientAssertion,
  type ClientAssertionParams,
} from './assertion.js';
export { freshJwkPair, publicJwkOf, type JwkPair } from './jwk.js';
export * from './forge-jws.js';
export * from './forge-assertion.js';
export * from './forge.js';
export { publicKeyOfJwk, verifierFits, verifySignature, type VerificationKey } from './verify.js';
