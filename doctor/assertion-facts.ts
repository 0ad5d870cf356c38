import type { JWK } from 'jose';
import { decodeCompact, type DecodedCompact } from '../jwt/index.js';
import type { DoctorRequest } from './request.js';

/** The key the user gave to check the assertion's signature with. */
export type AssertionKey =
  /** client_secret_jwt: the client secret; the HMAC key is its UTF-8 bytes (OIDC Core §9). */
  | { readonly kind: 'secret'; readonly secret: string }
  /** private_key_jwt: the client's JWK, public or private (never shown). */
  | { readonly kind: 'jwk'; readonly jwk: JWK };

/** What the rfc7523 steps look at, read once from the request: nothing here judges. */
export interface AssertionFacts {
  readonly request: DoctorRequest;
  /**
   * Every value sent under each parameter name, in order: the form's, or a JSON object's string
   * members (so that a JSON body, refused at Content-Type, still has its assertion read).
   */
  readonly params: ReadonlyMap<string, readonly string[]> | null;
  /** Why there are no parameters to read, when there are none. */
  readonly paramsProblem: string | null;
  /** The `client_assertion` sent (once), when there is one. */
  readonly assertion: string | null;
  /** `client_assertion` decoded as a compact JWS, when it is one (not verified). */
  readonly jws: DecodedCompact | null;
  /** Why `client_assertion` is not a decodable JWS, in the decoder's words (which never quote it). */
  readonly jwsProblem: string | null;
  readonly key: AssertionKey | null;
  /** The `aud` the server must find: `--audience`, or the `--target` URL; null when not given. */
  readonly audience: string | null;
  /** The moment exp, nbf and iat are judged against, ms since the epoch. */
  readonly nowMs: number;
  /** The server's clock leeway, seconds (SPEC §4 `--leeway`). */
  readonly leewaySeconds: number;
}

export interface AssertionContext {
  readonly key: AssertionKey | null;
  readonly audience: string | null;
  readonly nowMs: number;
  readonly leewaySeconds: number;
}

export function gatherAssertionFacts(request: DoctorRequest, context: AssertionContext): AssertionFacts {
  const { params, problem } = parametersOf(request.body);
  const assertion = param({ params }, 'client_assertion');
  const decoded = assertion === null ? null : decodeCompact(assertion);
  return {
    request,
    params,
    paramsProblem: problem,
    assertion,
    jws: decoded?.ok ? decoded : null,
    jwsProblem: decoded && !decoded.ok ? decoded.message : null,
    ...context,
  };
}

/**
 * A parameter's value, or null when it is absent or sent empty (RFC 6749 §3.2: "Parameters sent
 * without a value MUST be treated as if they were omitted"); the first of several (their
 * repetition is a step's to judge).
 */
export function param({ params }: Pick<AssertionFacts, 'params'>, name: string): string | null {
  const value = params?.get(name)?.find((v) => v !== '');
  return value ?? null;
}

/** The parameters of a form body (WHATWG application/x-www-form-urlencoded parsing), or of a JSON object body. */
function parametersOf(body: string | null): { params: Map<string, string[]> | null; problem: string | null } {
  if (body === null) return { params: null, problem: 'the request has no body' };
  const json = jsonObjectOf(body);
  const entries = json === null ? [...new URLSearchParams(body)] : Object.entries(json).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  const params = new Map<string, string[]>();
  for (const [name, value] of entries) params.set(name, [...(params.get(name) ?? []), value]);
  return { params, problem: null };
}

function jsonObjectOf(body: string): Record<string, unknown> | null {
  if (!body.trimStart().startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
