import { base64url, joinSegments } from '../../jwt/index.js';

/**
 * What the recipes of both profiles (recipe.ts for storx, assertion-recipe.ts for rfc7523) do
 * the same way: set or remove a member, damage a signature, and say a value in a report.
 */

/** Any JSON value, as the arbitraries generate them. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** Sets `name` to `value`, or removes it for `undefined`. */
export function setOrDelete<V>(target: Record<string, V>, name: string, value: V | undefined): void {
  if (value === undefined) delete target[name];
  else target[name] = value;
}

/** The changes to a JWT's header and claims both profiles' recipes make. */
export type JwtPartChange =
  | { readonly part: 'header'; readonly name: string; readonly value: Json | undefined }
  | { readonly part: 'header url'; readonly name: 'jku' | 'x5u' }
  | { readonly part: 'claim'; readonly name: string; readonly value: Json | undefined }
  | { readonly part: 'exp offset'; readonly seconds: number };

/** What a JWT part change needs of the request's basis: the clock, and the harness listener's URL with a token unique to the request. */
export interface JwtPartBasis {
  readonly now: number;
  readonly callbackUrl: string;
  readonly callbackToken: string;
}

/** Applies one change to the header and claims of the JWT being made. */
export function changeJwtPart(jwt: { readonly header: Record<string, Json>; readonly claims: Record<string, Json> }, change: JwtPartChange, basis: JwtPartBasis): void {
  switch (change.part) {
    case 'header':
      setOrDelete(jwt.header, change.name, change.value);
      break;
    case 'header url':
      jwt.header[change.name] = `${basis.callbackUrl}/${change.name === 'jku' ? 'jwks' : 'x5u'}/${basis.callbackToken}`;
      break;
    case 'claim':
      setOrDelete(jwt.claims, change.name, change.value);
      break;
    case 'exp offset':
      jwt.claims.exp = basis.now + change.seconds;
      break;
  }
}

/** A JWT part change, as a report shows it; `jwt` names the token (`JWT`, `assertion`). */
export function describeJwtPart(change: JwtPartChange, jwt: string): string {
  switch (change.part) {
    case 'header':
      return `${jwt} header ${change.name} ${change.value === undefined ? 'removed' : `= ${shown(change.value)}`}`;
    case 'header url':
      return `${jwt} header ${change.name} naming the harness listener`;
    case 'claim':
      return `claim ${change.name} ${change.value === undefined ? 'removed' : `= ${shown(change.value)}`}`;
    case 'exp offset':
      return `exp = now ${change.seconds < 0 ? '-' : '+'} ${Math.abs(change.seconds)} s`;
  }
}

/** Damage done to a valid signature: bytes cut off its end, a bit flipped, the segment emptied or left off. */
export type SignatureDamage = { readonly kind: 'truncated'; readonly bytes: number } | { readonly kind: 'bit flipped'; readonly bit: number } | { readonly kind: 'empty' } | { readonly kind: 'absent' };

/** The compact JWS `signed` with its signature damaged so. @see RFC 7515 §5.2 (validation fails on any of these) */
export function damaged(signed: string, damage: SignatureDamage): string {
  const signingInput = signed.slice(0, signed.lastIndexOf('.'));
  if (damage.kind === 'absent') return signingInput;
  if (damage.kind === 'empty') return `${signingInput}.`;
  const signature = Buffer.from(signed.slice(signingInput.length + 1), 'base64url');
  if (damage.kind === 'truncated') return joinSegments(signingInput, base64url(signature.subarray(0, Math.max(0, signature.length - damage.bytes))));
  const index = Math.floor(damage.bit / 8) % signature.length;
  signature.writeUInt8(signature.readUInt8(index) ^ (1 << damage.bit % 8), index);
  return joinSegments(signingInput, base64url(signature));
}

/** A damage, as a report shows it. */
export function describeDamage(damage: SignatureDamage): string {
  switch (damage.kind) {
    case 'truncated':
      return `the signature cut by ${damage.bytes} bytes`;
    case 'bit flipped':
      return `bit ${damage.bit} of the signature flipped`;
    case 'empty':
      return 'an empty signature';
    case 'absent':
      return 'no signature segment';
  }
}

/** A generated value in a report: removed, or its JSON, cut when long. */
export function shown(value: Json | undefined): string {
  if (value === undefined) return 'removed';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 40)}… (${text.length} characters of JSON)` : text;
}
