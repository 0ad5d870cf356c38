import type { TokenBody, TokenRequest } from '../case-kit.js';
import { formEncoded } from '../../vocabulary/form.js';
import { identifierVariants, redirectUriVariants, type IdentifierVariant, type RedirectUriVariant } from '../near-variants.js';
import { base64url, signCompact, type HmacAlg } from '../../jwt/compact.js';
import { changeJwtPart, damaged, describeDamage, describeJwtPart, setOrDelete, shown, type Json, type JwtPartChange, type SignatureDamage } from './recipe-parts.js';


/** The five fields of SPEC §1's body. */
export const TOKEN_FIELDS = ['client_id', 'client_secret', 'redirect_uri', 'code', 'passphrase'] as const;
export type TokenField = (typeof TOKEN_FIELDS)[number];

/** What a change does to the HMAC signature of an otherwise well-made JWT. */
export type SignatureChange =
  | { readonly kind: 'other key' }
  | { readonly kind: 'embedded jwk' }
  | { readonly kind: 'other alg'; readonly alg: Exclude<HmacAlg, 'HS256'> }
  | SignatureDamage;

/**
 * One change to the fully valid request. A recipe is a list of them: the empty list is the
 * valid request itself, and shrinking drops changes one by one, so a failure shrinks to the
 * fewest changes that still show it.
 */
export type Change =
  | JwtPartChange
  | { readonly part: 'claim client_id'; readonly variant: IdentifierVariant }
  | { readonly part: 'signature'; readonly change: SignatureChange }
  | { readonly part: 'field'; readonly name: string; readonly value: Json | undefined }
  | { readonly part: 'field near'; readonly name: 'client_id' | 'code'; readonly variant: IdentifierVariant }
  | { readonly part: 'redirect_uri near'; readonly variant: RedirectUriVariant }
  | { readonly part: 'content type'; readonly value: string | undefined }
  | { readonly part: 'form encoded' }
  | { readonly part: 'duplicate key'; readonly name: TokenField; readonly value: Json };

export type RequestRecipe = readonly Change[];

/** What a conforming target must answer: a grant, a refusal, or either (SPEC §1 leaves it open). */
export type Verdict = 'accept' | 'reject' | 'either';

/** The ingredients of the fully valid request a recipe changes. */
export interface Basis {
  readonly clientId: string;
  /** The stored secret: the HMAC key of a valid JWT. */
  readonly secret: string;
  readonly redirectUri: string;
  readonly code: string;
  readonly codeHeaders: Readonly<Record<string, string>>;
  readonly passphrase: string;
  /** A fresh exp inside the lifetime. */
  readonly exp: number;
  /** The harness clock, seconds since the epoch. */
  readonly now: number;
  readonly leewaySeconds: number;
  readonly maxLifetimeSeconds: number;
  /** A key no client was registered with. */
  readonly otherSecret: string;
  /** The harness listener's base URL, for `jku` and `x5u`, and a token unique to this request. */
  readonly callbackUrl: string;
  readonly callbackToken: string;
}

/** A body above this many bytes may meet a size limit: its acceptance is not judged. */
export const BODY_SIZE_JUDGED = 8 * 1024;

/**
 * Registered claims (RFC 7519 §4.1) that SPEC §1 does not name. SPEC ignores extra claims,
 * but a target whose JWT library honours these (a future nbf, say) is not judged for it.
 */
export const REGISTERED_CLAIMS = ['iss', 'sub', 'aud', 'nbf', 'iat', 'jti'] as const;

/** SPEC §1 edge cases: the harness keeps 2 s away from every expiry boundary. */
const CLEARANCE_SECONDS = 2;

/** The request a recipe describes, in parts, before it is put on the wire. */
interface Made {
  readonly header: Record<string, Json>;
  readonly claims: Record<string, Json>;
  signature: SignatureChange | undefined;
  /** Set when a field change replaced the JWT itself. */
  secretReplaced: boolean;
  readonly body: Record<string, Json>;
  contentType: string | undefined;
  formEncoded: boolean;
  readonly duplicates: { readonly name: TokenField; readonly value: Json }[];
}

function make(recipe: RequestRecipe, basis: Basis): Made {
  const made: Made = {
    header: { alg: 'HS256', typ: 'JWT' },
    claims: { client_id: basis.clientId, exp: basis.exp },
    signature: undefined,
    secretReplaced: false,
    body: { client_id: basis.clientId, redirect_uri: basis.redirectUri, code: basis.code, passphrase: basis.passphrase },
    contentType: 'application/json',
    formEncoded: false,
    duplicates: [],
  };
  for (const change of recipe) {
    switch (change.part) {
      case 'header':
      case 'header url':
      case 'claim':
      case 'exp offset':
        changeJwtPart(made, change, basis);
        break;
      case 'claim client_id':
        made.claims.client_id = identifierVariants[change.variant](basis.clientId);
        break;
      case 'signature':
        made.signature = change.change;
        break;
      case 'field':
        setOrDelete(made.body, change.name, change.value);
        if (change.name === 'client_secret') made.secretReplaced = true;
        break;
      case 'field near':
        made.body[change.name] = identifierVariants[change.variant](change.name === 'code' ? basis.code : basis.clientId);
        break;
      case 'redirect_uri near':
        made.body.redirect_uri = redirectUriVariants[change.variant](basis.redirectUri);
        break;
      case 'content type':
        made.contentType = change.value;
        break;
      case 'form encoded':
        made.formEncoded = true;
        break;
      case 'duplicate key':
        made.duplicates.push({ name: change.name, value: change.value });
        break;
    }
  }
  return made;
}

/** The client_secret JWT: HS256 over the made header and claims, then the signature change. */
function jwtOf(made: Made, basis: Basis): string {
  const change = made.signature;
  if (change?.kind === 'other key') return signCompact(made.header, made.claims, basis.otherSecret);
  if (change?.kind === 'embedded jwk') return signCompact({ ...made.header, jwk: { kty: 'oct', k: base64url(basis.otherSecret) } }, made.claims, basis.otherSecret);
  if (change?.kind === 'other alg') return signCompact(made.header, made.claims, basis.secret, change.alg);
  const signed = signCompact(made.header, made.claims, basis.secret);
  return change === undefined ? signed : damaged(signed, change);
}

/** The body's fields as sent, the JWT in place unless a change replaced it. */
function fieldsOf(made: Made, basis: Basis): TokenBody {
  if (made.secretReplaced) return { ...made.body };
  const { client_id, ...rest } = made.body;
  return { ...(client_id === undefined ? {} : { client_id }), client_secret: jwtOf(made, basis), ...rest };
}

/** Raw JSON with each duplicate key written after the fields it repeats (RFC 8259 §4). */
function withDuplicates(fields: TokenBody, duplicates: Made['duplicates']): string {
  const members = [...Object.entries(fields), ...duplicates.map(({ name, value }) => [name, value] as const)];
  return `{${members.map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`).join(',')}}`;
}

/** The request a recipe describes, with what a conforming target must answer to it. */
export interface Prepared {
  readonly request: TokenRequest;
  readonly verdict: Verdict;
}

export function prepare(recipe: RequestRecipe, basis: Basis): Prepared {
  const made = make(recipe, basis);
  const fields = fieldsOf(made, basis);
  const verdict = verdictOn(made, fields, basis);
  const plain = made.contentType === 'application/json' && !made.formEncoded && made.duplicates.length === 0;
  if (plain) return { request: { headers: basis.codeHeaders, body: fields }, verdict };
  const text = made.formEncoded ? formEncoded(fields) : withDuplicates(fields, made.duplicates);
  return {
    request: { headers: basis.codeHeaders, raw: { text, ...(made.contentType === undefined ? {} : { contentType: made.contentType }), carries: fields } },
    verdict,
  };
}

/** The parts of a change that make or break the JWT itself. */
const JWT_PARTS: ReadonlySet<Change['part']> = new Set(['header', 'header url', 'claim', 'claim client_id', 'exp offset', 'signature']);

/** The body fields SPEC §1 authenticates the client by. */
const AUTHENTICATING_FIELDS: ReadonlySet<string> = new Set(['client_id', 'client_secret']);

/**
 * Whether a recipe leaves the client's authentication as the valid request has it: the JWT
 * unchanged (the valid one, its exp the basis's) and the body's client_id and client_secret
 * not touched, so that whatever the target refuses, it is never a failed client
 * authentication (SPEC §7) and the JWT is as distinct as the basis's exp.
 */
export function keepsClientAuthentication(recipe: RequestRecipe): boolean {
  return recipe.every((change) => {
    if (JWT_PARTS.has(change.part)) return false;
    if (change.part === 'field' || change.part === 'field near' || change.part === 'duplicate key') return !AUTHENTICATING_FIELDS.has(change.name);
    return true;
  });
}

/** SPEC §1, step by step, on the request as made: the oracle of the property stage. */
function verdictOn(made: Made, fields: TokenBody, basis: Basis): Verdict {
  // SPEC §1 edge cases: with duplicate keys either value may win, and the harness does not judge it.
  if (made.duplicates.length > 0) return 'either';
  const findings: Verdict[] = [
    contentTypeVerdict(made),
    ...TOKEN_FIELDS.map((name) => fieldVerdict(name, fields[name], basis)),
    made.secretReplaced ? 'reject' : jwtVerdict(made, basis),
    JSON.stringify(fields).length > BODY_SIZE_JUDGED ? 'either' : 'accept',
  ];
  if (findings.includes('reject')) return 'reject';
  return findings.includes('either') ? 'either' : 'accept';
}

/** SPEC §1 table: `invalid_request` for a wrong Content-Type; case and parameters are left open. */
function contentTypeVerdict(made: Made): Verdict {
  if (made.formEncoded || made.contentType === undefined) return 'reject';
  if (made.contentType === 'application/json') return 'accept';
  return made.contentType.split(';')[0]!.trim().toLowerCase() === 'application/json' ? 'either' : 'reject';
}

/** SPEC §1: all five fields are required strings; four must be exactly the valid ones. */
function fieldVerdict(name: TokenField, value: unknown, basis: Basis): Verdict {
  if (typeof value !== 'string') return 'reject';
  switch (name) {
    case 'client_id':
      return value === basis.clientId ? 'accept' : 'reject';
    case 'redirect_uri':
      return value === basis.redirectUri ? 'accept' : 'reject';
    case 'code':
      return value === basis.code ? 'accept' : 'reject';
    case 'client_secret':
    case 'passphrase':
      return 'accept';
  }
}

/** SPEC §1 steps 1–6 and its edge cases, on the JWT's header, claims and signature. */
function jwtVerdict(made: Made, basis: Basis): Verdict {
  const { header, claims } = made;
  if (made.signature !== undefined) return 'reject';
  if (header.alg !== 'HS256' || 'crit' in header) return 'reject';
  if (claims.client_id !== basis.clientId) return 'reject';
  const exp = claims.exp;
  if (typeof exp !== 'number') return 'reject';
  const typ = header.typ;
  const plainHeader = (typ === undefined || typ === 'JWT') && !('b64' in header);
  const leftOpen: Verdict = plainHeader && !REGISTERED_CLAIMS.some((name) => name in claims) ? 'accept' : 'either';
  const expVerdict = expWindowVerdict(exp - basis.now, basis);
  return expVerdict === 'reject' ? 'reject' : expVerdict === 'either' || leftOpen === 'either' ? 'either' : 'accept';
}

/**
 * SPEC §1 step 5 and the recommendations: expired once `now ≥ exp + leeway`; past the
 * maximum lifetime a refusal is only recommended. Within 2 s of a boundary, and for an exp
 * with a fraction, either answer conforms.
 */
export function expWindowVerdict(offsetSeconds: number, limits: Pick<Basis, 'leewaySeconds' | 'maxLifetimeSeconds'>): Verdict {
  if (!Number.isInteger(offsetSeconds)) return 'either';
  if (offsetSeconds <= -limits.leewaySeconds - CLEARANCE_SECONDS) return 'reject';
  if (offsetSeconds >= -limits.leewaySeconds + CLEARANCE_SECONDS && offsetSeconds <= limits.maxLifetimeSeconds - CLEARANCE_SECONDS) return 'accept';
  return 'either';
}

function describeSignature(change: SignatureChange): string {
  switch (change.kind) {
    case 'other key':
      return 'the JWT signed with another key';
    case 'embedded jwk':
      return 'the JWT signed with another key, embedded as its jwk header (CVE-2018-0114)';
    case 'other alg':
      return `the JWT signed with ${change.alg} under an HS256 header`;
    default:
      return describeDamage(change);
  }
}

/** One change, as a report shows it. */
export function describeChange(change: Change): string {
  switch (change.part) {
    case 'header':
    case 'header url':
    case 'claim':
    case 'exp offset':
      return describeJwtPart(change, 'JWT');
    case 'claim client_id':
      return `the JWT's client_id with ${change.variant}`;
    case 'signature':
      return describeSignature(change.change);
    case 'field':
      return `body ${change.name} ${change.value === undefined ? 'removed' : `= ${shown(change.value)}`}`;
    case 'field near':
      return `the body's ${change.name} with ${change.variant}`;
    case 'redirect_uri near':
      return `redirect_uri with ${change.variant}`;
    case 'content type':
      return change.value === undefined ? 'no Content-Type' : `Content-Type: ${change.value}`;
    case 'form encoded':
      return 'the body form-encoded';
    case 'duplicate key':
      return `body key ${change.name} repeated with ${shown(change.value)}`;
  }
}

/** A recipe in one line: its changes to the valid request, in order. */
export function describeRecipe(recipe: RequestRecipe): string {
  return recipe.length === 0 ? 'the valid request, unchanged' : recipe.map(describeChange).join('; ');
}
