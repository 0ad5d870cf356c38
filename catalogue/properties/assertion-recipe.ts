import type { TokenBody } from '../case-kit.js';
import { identifierVariants, redirectUriVariants, type IdentifierVariant, type RedirectUriVariant } from '../near-variants.js';
import { signParts, isHmacAlg, JWT_BEARER_ASSERTION_TYPE, type JwsAlg, type SigningKey } from '../../jwt/index.js';
import { changeJwtPart, damaged, describeDamage, describeJwtPart, setOrDelete, shown, type Json, type JwtPartChange, type SignatureDamage } from './recipe-parts.js';
import { BODY_SIZE_JUDGED, expWindowVerdict, type Prepared, type Verdict } from './recipe.js';
import { formEncoded } from '../../vocabulary/form.js';
import { RFC7523_PARAMETERS } from '../../vocabulary/profile.js';

/**
 * The property stage's requests in profile rfc7523 (SPEC §5): recipes of changes to a fully
 * valid form request with a client assertion, and the oracle that says, from SPEC §5 and RFC
 * 7523 §3, what a conforming target must answer to each. The storx recipes (recipe.ts) are
 * the same idea over SPEC §1's JSON body.
 */


/** The claims SPEC §5 gives every assertion. */
export const ASSERTION_CLAIMS = ['iss', 'sub', 'aud', 'jti', 'iat', 'exp'] as const;

/** What a change does to the signature of an otherwise well-made assertion. */
export type AssertionSignatureChange = { readonly kind: 'other key' } | SignatureDamage;

/** One change to the fully valid request; a recipe is a list of them, the empty list the valid request. */
export type AssertionChange =
  | JwtPartChange
  | { readonly part: 'identity near'; readonly claim: 'iss' | 'sub' | 'both'; readonly variant: IdentifierVariant }
  | { readonly part: 'nbf offset'; readonly seconds: number }
  | { readonly part: 'signature'; readonly change: AssertionSignatureChange }
  | { readonly part: 'param'; readonly name: string; readonly value: string | undefined }
  | { readonly part: 'param near'; readonly name: 'code' | 'code_verifier'; readonly variant: IdentifierVariant }
  | { readonly part: 'redirect_uri near'; readonly variant: RedirectUriVariant }
  | { readonly part: 'client_id'; readonly which: 'own' | 'near'; readonly variant: IdentifierVariant }
  | { readonly part: 'duplicate param'; readonly name: string; readonly value: string }
  | { readonly part: 'content type'; readonly value: string | undefined }
  | { readonly part: 'json body' };

export type AssertionRecipe = readonly AssertionChange[];

/** The ingredients of the fully valid request a recipe changes. */
export interface AssertionBasis {
  readonly clientId: string;
  /** The client's key, and the alg its valid assertion is signed with. */
  readonly key: SigningKey;
  readonly alg: JwsAlg;
  /** Whether the client is pinned to its alg (SPEC §5: only then is another HMAC alg judged). */
  readonly pinned: boolean;
  readonly kid: string | undefined;
  readonly audience: string;
  readonly redirectUri: string;
  readonly code: string;
  readonly codeVerifier: string | null;
  readonly codeHeaders: Readonly<Record<string, string>>;
  readonly jti: string;
  /** The harness clock, seconds since the epoch. */
  readonly now: number;
  readonly leewaySeconds: number;
  readonly maxLifetimeSeconds: number;
  /** A key of the same kind no client was registered with. */
  readonly otherKey: SigningKey;
  /** The harness listener's base URL, for `jku` and `x5u`, and a token unique to this request. */
  readonly callbackUrl: string;
  readonly callbackToken: string;
}

/** The request a recipe describes, in parts, before it is put on the wire. */
interface Made {
  readonly header: Record<string, Json>;
  readonly claims: Record<string, Json>;
  signature: AssertionSignatureChange | undefined;
  /** Set when a parameter change replaced or removed the assertion itself. */
  assertionReplaced: boolean;
  readonly params: Record<string, string>;
  readonly duplicates: { readonly name: string; readonly value: string }[];
  contentType: string | undefined;
  jsonBody: boolean;
}

function make(recipe: AssertionRecipe, basis: AssertionBasis): Made {
  const made: Made = {
    header: basis.kid === undefined ? { alg: basis.alg } : { alg: basis.alg, kid: basis.kid },
    claims: { iss: basis.clientId, sub: basis.clientId, aud: basis.audience, jti: basis.jti, iat: basis.now, exp: basis.now + 60 },
    signature: undefined,
    assertionReplaced: false,
    params: {
      grant_type: 'authorization_code',
      code: basis.code,
      redirect_uri: basis.redirectUri,
      ...(basis.codeVerifier === null ? {} : { code_verifier: basis.codeVerifier }),
      client_assertion_type: JWT_BEARER_ASSERTION_TYPE,
    },
    duplicates: [],
    contentType: 'application/x-www-form-urlencoded',
    jsonBody: false,
  };
  for (const change of recipe) {
    switch (change.part) {
      case 'header':
      case 'header url':
      case 'claim':
      case 'exp offset':
        changeJwtPart(made, change, basis);
        break;
      case 'identity near': {
        const near = identifierVariants[change.variant](basis.clientId);
        if (change.claim !== 'sub') made.claims.iss = near;
        if (change.claim !== 'iss') made.claims.sub = near;
        break;
      }
      case 'nbf offset':
        made.claims.nbf = basis.now + change.seconds;
        break;
      case 'signature':
        made.signature = change.change;
        break;
      case 'param':
        setOrDelete(made.params, change.name, change.value);
        if (change.name === 'client_assertion') made.assertionReplaced = true;
        break;
      case 'param near': {
        const valid = change.name === 'code' ? basis.code : basis.codeVerifier;
        if (valid !== null) made.params[change.name] = identifierVariants[change.variant](valid);
        break;
      }
      case 'redirect_uri near':
        made.params.redirect_uri = redirectUriVariants[change.variant](basis.redirectUri);
        break;
      case 'client_id':
        made.params.client_id = change.which === 'own' ? basis.clientId : identifierVariants[change.variant](basis.clientId);
        break;
      case 'duplicate param':
        made.duplicates.push({ name: change.name, value: change.value });
        break;
      case 'content type':
        made.contentType = change.value;
        break;
      case 'json body':
        made.jsonBody = true;
        break;
    }
  }
  return made;
}

/** The assertion: the made header and claims signed with the client's key and its alg, then the signature change. */
function assertionOf(made: Made, basis: AssertionBasis): string {
  const change = made.signature;
  const key = change?.kind === 'other key' ? basis.otherKey : basis.key;
  const signed = signParts(made.header, made.claims, key, basis.alg);
  return change === undefined || change.kind === 'other key' ? signed : damaged(signed, change);
}

/** The parameters as sent, the assertion in place unless a change replaced it. */
function paramsOf(made: Made, basis: AssertionBasis): Record<string, string> {
  if (made.assertionReplaced) return { ...made.params };
  return { ...made.params, client_assertion: assertionOf(made, basis) };
}

/** The request a recipe describes, with what a conforming target must answer to it. */
export function prepareAssertion(recipe: AssertionRecipe, basis: AssertionBasis): Prepared {
  const made = make(recipe, basis);
  const params = paramsOf(made, basis);
  const verdict = verdictOn(made, params, basis);
  const form: TokenBody = { ...params };
  for (const { name, value } of made.duplicates) form[name] = [...[form[name] ?? []].flat(), value];
  const plain = made.contentType === 'application/x-www-form-urlencoded' && !made.jsonBody;
  if (plain) return { request: { headers: basis.codeHeaders, form }, verdict };
  const text = made.jsonBody ? JSON.stringify(form) : formEncoded(form);
  return { request: { headers: basis.codeHeaders, raw: { text, ...(made.contentType === undefined ? {} : { contentType: made.contentType }), carries: form } }, verdict };
}

/** Combines findings: any refusal refuses; else anything left open leaves the whole open. */
function combined(findings: readonly Verdict[]): Verdict {
  if (findings.includes('reject')) return 'reject';
  return findings.includes('either') ? 'either' : 'accept';
}

/** SPEC §5, rule by rule, on the request as made: the oracle of the property stage in rfc7523. */
function verdictOn(made: Made, params: Readonly<Record<string, string>>, basis: AssertionBasis): Verdict {
  return combined([
    contentTypeVerdict(made),
    duplicatesVerdict(made),
    paramsVerdict(params, basis),
    made.assertionReplaced ? 'reject' : assertionVerdict(made, basis),
    new URLSearchParams(params).toString().length > BODY_SIZE_JUDGED ? 'either' : 'accept',
  ]);
}

/** RFC 6749 Appendix B: a form; in other letter case or with parameters left open (RFC 9110 §8.3.1); JSON refused (REQ-CONTENT-TYPE). */
function contentTypeVerdict(made: Made): Verdict {
  if (made.jsonBody || made.contentType === undefined) return 'reject';
  if (made.contentType === 'application/x-www-form-urlencoded') return 'accept';
  return made.contentType.split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded' ? 'either' : 'reject';
}

/** RFC 6749 §3.2: "Request and response parameters MUST NOT be included more than once" (REQ-DUPLICATE-PARAM); an unknown one's repetition is left open. */
function duplicatesVerdict(made: Made): Verdict {
  if (made.duplicates.length === 0) return 'accept';
  return made.duplicates.some((d) => (RFC7523_PARAMETERS as readonly string[]).includes(d.name) || d.name === 'client_id') ? 'reject' : 'either';
}

/** SPEC §5: each parameter exactly the valid one; client_id, when sent, the client's; others ignored (RFC 6749 §3.2). */
function paramsVerdict(params: Readonly<Record<string, string>>, basis: AssertionBasis): Verdict {
  const exact: Readonly<Record<string, string | null>> = {
    grant_type: 'authorization_code',
    code: basis.code,
    redirect_uri: basis.redirectUri,
    code_verifier: basis.codeVerifier,
    client_assertion_type: JWT_BEARER_ASSERTION_TYPE,
  };
  const findings = Object.entries(exact).map(([name, valid]): Verdict => {
    // A code issued without a challenge: a verifier sent with it is PKCE-DOWNGRADE's refusal.
    if (valid === null) return params[name] === undefined ? 'accept' : 'reject';
    return params[name] === valid ? 'accept' : 'reject';
  });
  if (params.client_id !== undefined && params.client_id !== basis.clientId) findings.push('reject');
  return combined(findings);
}

/** RFC 7523 §3 and SPEC §5 on the assertion's header, claims and signature. */
function assertionVerdict(made: Made, basis: AssertionBasis): Verdict {
  const { header, claims } = made;
  if (made.signature !== undefined) return 'reject';
  return combined([headerVerdict(header, basis), identityVerdict(claims, basis), audienceVerdict(claims.aud, basis.audience), timeVerdict(claims, basis), jtiVerdict(claims.jti)]);
}

/**
 * The alg must be the client's (RFC 8725 §3.1), another HMAC alg only judged for a pinned
 * client (SPEC §5 AUTH-ALG-OTHER); crit refuses (RFC 7515 §4.1.11); a changed kid, typ or
 * other parameter is left open: a server may select keys by kid, or check typ.
 */
function headerVerdict(header: Readonly<Record<string, Json>>, basis: AssertionBasis): Verdict {
  const alg = header.alg;
  if (alg !== basis.alg) return typeof alg === 'string' && isHmacAlg(alg) && basis.key.kind === 'secret' && !basis.pinned ? 'either' : 'reject';
  if ('crit' in header) return 'reject';
  const valid = basis.kid === undefined ? ['alg'] : ['alg', 'kid'];
  const untouched = Object.keys(header).length === valid.length && (basis.kid === undefined || header.kid === basis.kid);
  return untouched ? 'accept' : 'either';
}

/** RFC 7523 §3 items 1 and 2.B: iss and sub both the client_id (RFC7523-ISS-SUB). */
function identityVerdict(claims: Readonly<Record<string, Json>>, basis: AssertionBasis): Verdict {
  return claims.iss === basis.clientId && claims.sub === basis.clientId ? 'accept' : 'reject';
}

/** RFC 7523 §3 item 3: aud identifies the server: the run's audience, or an array that holds it (RFC7523-AUD). */
function audienceVerdict(aud: Json | undefined, audience: string): Verdict {
  if (aud === audience) return 'accept';
  if (Array.isArray(aud) && aud.includes(audience)) return 'accept';
  return 'reject';
}

/**
 * RFC 7523 §3 items 4 and 5: exp required and inside the window (as in storx, 2 s clear of each
 * boundary); nbf, when present, not in the future (RFC7523-NBF: beyond leeway + 2 s refused);
 * iat any NumericDate (a server MAY refuse one far in the past, item 6: left open when changed).
 */
function timeVerdict(claims: Readonly<Record<string, Json>>, basis: AssertionBasis): Verdict {
  const exp = claims.exp;
  if (typeof exp !== 'number') return 'reject';
  const findings: Verdict[] = [expWindowVerdict(exp - basis.now, basis)];
  const nbf = claims.nbf;
  if (nbf !== undefined) {
    if (typeof nbf !== 'number') findings.push('either');
    else if (nbf - basis.now > basis.leewaySeconds + 2) findings.push('reject');
    else findings.push(nbf - basis.now <= -2 ? 'accept' : 'either');
  }
  if (claims.iat !== basis.now) findings.push('either');
  return combined(findings);
}

/** OIDC Core §9: jti REQUIRED, yet RFC 7523 makes it optional (RFC7523-JTI-MISSING is a SHOULD): its absence or another type is left open. */
function jtiVerdict(jti: Json | undefined): Verdict {
  return typeof jti === 'string' && jti !== '' ? 'accept' : 'either';
}

function describeSignature(change: AssertionSignatureChange): string {
  return change.kind === 'other key' ? 'the assertion signed with another key' : describeDamage(change);
}

/** One change, as a report shows it. */
export function describeAssertionChange(change: AssertionChange): string {
  switch (change.part) {
    case 'header':
    case 'header url':
    case 'claim':
    case 'exp offset':
      return describeJwtPart(change, 'assertion');
    case 'identity near':
      return `${change.claim === 'both' ? 'iss and sub' : change.claim} the client_id with ${change.variant}`;
    case 'nbf offset':
      return `nbf = now ${change.seconds < 0 ? '-' : '+'} ${Math.abs(change.seconds)} s`;
    case 'signature':
      return describeSignature(change.change);
    case 'param':
      return `parameter ${change.name} ${change.value === undefined ? 'removed' : `= ${shown(change.value)}`}`;
    case 'param near':
      return `the ${change.name} with ${change.variant}`;
    case 'redirect_uri near':
      return `redirect_uri with ${change.variant}`;
    case 'client_id':
      return change.which === 'own' ? 'client_id sent, the client\'s own' : `client_id sent, the client's with ${change.variant}`;
    case 'duplicate param':
      return `parameter ${change.name} repeated with ${shown(change.value)}`;
    case 'content type':
      return change.value === undefined ? 'no Content-Type' : `Content-Type: ${change.value}`;
    case 'json body':
      return 'the parameters as a JSON body';
  }
}

/** A recipe in one line: its changes to the valid request, in order. */
export function describeAssertionRecipe(recipe: AssertionRecipe): string {
  return recipe.length === 0 ? 'the valid request, unchanged' : recipe.map(describeAssertionChange).join('; ');
}
