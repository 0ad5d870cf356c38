import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Introspector } from './configuration.js';

/** RFC 7521 §4.2's `client_assertion_type` for a JWT (RFC 7523 §2.2). */
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * Whether the provider holds `accessToken` active, by its introspection endpoint (RFC 7662
 * §2.1), the introspector authenticating with a `client_secret_jwt` assertion (OpenID
 * Connect Core §9) whose audience is the endpoint itself.
 */
export async function isActive(endpoint: string, introspector: Introspector, accessToken: string): Promise<boolean> {
  const now = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(introspector.client_id)
    .setSubject(introspector.client_id)
    .setAudience(endpoint)
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .sign(new TextEncoder().encode(introspector.client_secret));
  const response = await fetch(endpoint, {
    method: 'POST',
    body: new URLSearchParams({ token: accessToken, client_assertion_type: JWT_BEARER, client_assertion: assertion }),
  });
  const body = (await response.json()) as { active?: unknown };
  if (response.status !== 200 || typeof body.active !== 'boolean') {
    throw new Error(`introspection answered ${response.status} ${JSON.stringify(body)}`);
  }
  return body.active;
}
