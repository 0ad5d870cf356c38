/** Three base64url segments joined by dots: a compact JWS (RFC 7515 §7.1) when the first is a JOSE header. */
const THREE_SEGMENTS = /[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+/g;

/**
 * `text` with the signature of every compact JWS in it replaced, as recorded exchanges' JWTs
 * are (`eyJ….eyJ….[signature redacted]`): for the lines of a target's log, which may hold a JWT
 * the run's registry does not know (the preflight's, made in another process, or the target's
 * own), and whose signature is what makes it a credential.
 */
export function withoutJwsSignatures(text: string): string {
  return text.replace(THREE_SEGMENTS, (token) => (isJws(token) ? `${token.slice(0, token.lastIndexOf('.'))}.[signature redacted]` : token));
}

/** RFC 7515 §7.1: the first segment of a compact JWS is a base64url-encoded JSON object (a host name is not). */
function isJws(text: string): boolean {
  try {
    const header: unknown = JSON.parse(Buffer.from(text.slice(0, text.indexOf('.')), 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && !Array.isArray(header);
  } catch {
    return false;
  }
}
