import { createHash, randomBytes } from 'node:crypto';

/** An authorization request the adapter drives through the provider (RFC 6749 §4.1.1). */
export interface AuthorizationRequest {
  readonly authorizationEndpoint: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  /** The request's `state`, which the code policy may have marked. */
  readonly state: string;
  /** Whether to send an S256 challenge (RFC 7636 §4.3) or none. */
  readonly withChallenge: boolean;
}

/** The code the redirect carried, with the verifier of its challenge. */
export interface IssuedCode {
  readonly code: string;
  readonly codeVerifier?: string;
}

/** How many redirects one authorization may take: /auth, the interaction, the resume. */
const MAX_REDIRECTS = 5;

/** A random `state` value for one authorization request. */
export function newState(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Obtains a real code: GET the authorization endpoint, follow the provider's redirects to the
 * interaction and back with the cookies it sets, and read `code` from the redirect to the
 * client's `redirect_uri` (RFC 6749 §4.1.2). An error redirect or a page on the way is thrown.
 */
export async function obtainCode(request: AuthorizationRequest): Promise<IssuedCode> {
  const codeVerifier = request.withChallenge ? randomBytes(32).toString('base64url') : undefined;
  const cookies = new Map<string, string>();
  let location = authorizationUrl(request, codeVerifier).href;
  for (let hop = 0; hop < MAX_REDIRECTS; hop += 1) {
    if (location.startsWith(request.redirectUri)) return codeFromRedirect(new URL(location), request.state, codeVerifier);
    location = await nextLocation(location, cookies);
  }
  throw new Error(`the authorization took more than ${MAX_REDIRECTS} redirects`);
}

/** The authorization endpoint's URL with the request's parameters (RFC 6749 §4.1.1, RFC 7636 §4.3). */
function authorizationUrl(request: AuthorizationRequest, codeVerifier: string | undefined): URL {
  const url = new URL(request.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('scope', request.scopes.join(' '));
  url.searchParams.set('state', request.state);
  if (codeVerifier !== undefined) {
    url.searchParams.set('code_challenge', createHash('sha256').update(codeVerifier).digest('base64url'));
    url.searchParams.set('code_challenge_method', 'S256');
  }
  return url;
}

/** GETs `url` with the jar's cookies, keeps the ones it sets, and answers its redirect. */
async function nextLocation(url: string, cookies: Map<string, string>): Promise<string> {
  const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const eq = pair.indexOf('=');
    cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  const location = response.headers.get('location');
  if (response.status < 300 || response.status >= 400 || location === null) {
    throw new Error(`the authorization stopped at ${new URL(url).pathname}: ${response.status} ${await response.text()}`);
  }
  return new URL(location, url).href;
}

/** The code of the final redirect, checked against the request's `state` (RFC 6749 §4.1.2). */
function codeFromRedirect(redirect: URL, state: string, codeVerifier: string | undefined): IssuedCode {
  const { searchParams } = redirect;
  const error = searchParams.get('error');
  if (error !== null) throw new Error(`the provider refused the authorization: ${error} ${searchParams.get('error_description') ?? ''}`);
  const code = searchParams.get('code');
  if (code === null || searchParams.get('state') !== state) throw new Error(`the redirect carries no code for this request: ${redirect.href}`);
  return codeVerifier === undefined ? { code } : { code, codeVerifier };
}
