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
export * from './forge.js';
