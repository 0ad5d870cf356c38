import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** RFC 7636 §4.1: 32 random octets, base64url-encoded: a 43-character code verifier. */
export function makeCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

/** RFC 7636 §4.2: `code_challenge = BASE64URL-ENCODE(SHA256(ASCII(code_verifier)))` (S256). */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** RFC 7636 §4.1: `code-verifier = 43*128unreserved`, unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~". */
const codeVerifierSyntax = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * RFC 7636 §4.6: a well-formed verifier (§4.1) whose S256 transformation equals the challenge
 * the code was issued with.
 */
export function verifierMatches(verifier: string, challenge: string): boolean {
  if (!codeVerifierSyntax.test(verifier)) return false;
  const computed = Buffer.from(s256Challenge(verifier));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}
