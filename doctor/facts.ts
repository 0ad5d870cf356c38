import { decodeCompact, type DecodedCompact } from '../jwt/index.js';
import type { DoctorRequest } from './request.js';

/** What the steps look at, read once from the request: nothing here judges. */
export interface Facts {
  readonly request: DoctorRequest;
  /** The body parsed, when it is a JSON object. */
  readonly body: Readonly<Record<string, unknown>> | null;
  /** Why the body is not a JSON object, when it is not. */
  readonly bodyProblem: string | null;
  /** The body's `client_secret`, when it is a string. */
  readonly clientSecret: string | null;
  /** `client_secret` decoded as a compact JWS, when it is one (not verified). */
  readonly jws: DecodedCompact | null;
  /** Why `client_secret` is not a decodable JWS, in the decoder's words (which never quote it). */
  readonly jwsProblem: string | null;
  /** The client's stored secret, when the user gave it. */
  readonly secret: string | null;
  /** The moment `exp` is judged against, ms since the epoch. */
  readonly nowMs: number;
}

export function gatherFacts(request: DoctorRequest, secret: string | null, nowMs: number): Facts {
  const { body, problem } = parseBody(request.body);
  const clientSecret = typeof body?.client_secret === 'string' ? body.client_secret : null;
  const decoded = clientSecret === null ? null : decodeCompact(clientSecret);
  return {
    request,
    body,
    bodyProblem: problem,
    clientSecret,
    jws: decoded?.ok ? decoded : null,
    jwsProblem: decoded && !decoded.ok ? decoded.message : null,
    secret,
    nowMs,
  };
}

function parseBody(text: string | null): { body: Record<string, unknown> | null; problem: string | null } {
  if (text === null) return { body: null, problem: 'the request has no body' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { body: null, problem: `the body is not JSON (${(error as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { body: null, problem: `the body is JSON but ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}, not an object` };
  }
  return { body: value as Record<string, unknown>, problem: null };
}

/** The JSON type of a value, for lines like `exp is a string`. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
