/**
 * Near variants: the strings a sloppy comparison would take for the right one. SPEC §1
 * steps 6 and 8 compare client_id and redirect_uri byte for byte, so each of these must be
 * refused whenever it differs from the original at all. The conformance cases send every
 * one; the property stage draws from them.
 */

type Variants = Readonly<Record<string, (original: string) => string>>;

/** Characters with a Unicode look-alike (hyphen, Cyrillic letters, fullwidth digits). */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '-': '\u2010',
  a: '\u0430',
  c: '\u0441',
  e: '\u0435',
  o: '\u043e',
  p: '\u0440',
  x: '\u0445',
  '0': '\uff10',
  '1': '\uff11',
  '4': '\uff14',
  '9': '\uff19',
};

function lookalike(text: string): string {
  const index = [...text].findIndex((char) => char in LOOKALIKES);
  if (index < 0) return text;
  const chars = [...text];
  chars[index] = LOOKALIKES[chars[index]!]!;
  return chars.join('');
}

function swapFirstLetterCase(text: string): string {
  const index = [...text].findIndex((char) => char.toLowerCase() !== char.toUpperCase());
  if (index < 0) return text;
  const chars = [...text];
  const char = chars[index]!;
  chars[index] = char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase();
  return chars.join('');
}

/** Variants of an identifier (client_id, code): case, whitespace, look-alikes, truncation. */
export const identifierVariants = {
  'upper case': (id: string) => id.toUpperCase(),
  'lower case': (id: string) => id.toLowerCase(),
  'one letter in the other case': swapFirstLetterCase,
  'a leading space': (id: string) => ` ${id}`,
  'a trailing space': (id: string) => `${id} `,
  'a trailing newline': (id: string) => `${id}\n`,
  'a trailing no-break space': (id: string) => `${id}\u00a0`,
  'a trailing zero-width space': (id: string) => `${id}\u200b`,
  'a Unicode look-alike': lookalike,
  'the last character cut': (id: string) => id.slice(0, -1),
  'a character appended': (id: string) => `${id}0`,
} as const satisfies Variants;

export type IdentifierVariant = keyof typeof identifierVariants;

/** scheme, `//`, authority, and the rest (path, query, fragment) of an absolute URL. */
const URL_PARTS = /^([A-Za-z][A-Za-z0-9+.-]*:)(\/\/)([^/?#]*)(.*)$/s;

/** Applies `change` to the parts of `uri`, or falls back to `otherwise` for a URI that is no URL. */
function onParts(change: (scheme: string, host: string, rest: string) => string, otherwise: (uri: string) => string) {
  return (uri: string): string => {
    const parts = URL_PARTS.exec(uri);
    return parts ? change(parts[1]!, parts[3]!, parts[4]!) : otherwise(uri);
  };
}

const append = (suffix: string) => (uri: string) => `${uri}${suffix}`;

function percentEncodeOne(uri: string): string {
  const parts = URL_PARTS.exec(uri);
  const rest = parts ? parts[4]! : uri;
  const index = rest.search(/[A-Za-z0-9]/);
  if (index < 0) return uri;
  const encoded = `${rest.slice(0, index)}%${rest.charCodeAt(index).toString(16).toUpperCase()}${rest.slice(index + 1)}`;
  return parts ? `${parts[1]}//${parts[3]}${encoded}` : encoded;
}

/**
 * Variants of a redirect_uri (SPEC §1 step 8, RFC 6749 §3.1.2.3): case, trailing slash,
 * extensions of either end, percent-encoding, scheme, port, host, fragment and query.
 */
export const redirectUriVariants = {
  'the host upper-cased': onParts((scheme, host, rest) => `${scheme}//${host.toUpperCase()}${rest}`, (uri) => uri.toUpperCase()),
  'the path upper-cased': onParts((scheme, host, rest) => `${scheme}//${host}${rest.toUpperCase()}`, (uri) => uri.toUpperCase()),
  'the scheme upper-cased': onParts((scheme, host, rest) => `${scheme.toUpperCase()}//${host}${rest}`, (uri) => uri.toUpperCase()),
  'a trailing slash': append('/'),
  'the trailing slash removed': (uri: string) => uri.replace(/\/$/, ''),
  'a path segment appended': append('/evil'),
  'characters appended to the path': append('x'),
  'a dot segment inserted': onParts((scheme, host, rest) => `${scheme}//${host}/.${rest.startsWith('/') ? rest : `/${rest}`}`, append('/.')),
  'a prefix before it': (uri: string) => `https://evil.example/?next=${uri}`,
  'its host as a subdomain of another': onParts((scheme, host, rest) => `${scheme}//${host}.evil.example${rest}`, append('.evil.example')),
  'user info before the host': onParts((scheme, host, rest) => `${scheme}//evil.example@${host}${rest}`, (uri) => `evil.example@${uri}`),
  'one character percent-encoded': percentEncodeOne,
  'http for https or https for http': onParts((scheme, host, rest) => `${scheme.toLowerCase() === 'https:' ? 'http:' : 'https:'}//${host}${rest}`, append('s')),
  'the default port made explicit': onParts((scheme, host, rest) => `${scheme}//${host}:${scheme.toLowerCase() === 'http:' ? 80 : 443}${rest}`, append(':443')),
  'another port': onParts((scheme, host, rest) => `${scheme}//${host.replace(/:\d+$/, '')}:8443${rest}`, append(':8443')),
  'another host': onParts((scheme, _host, rest) => `${scheme}//evil.example${rest}`, (uri) => `https://evil.example/${uri}`),
  'a fragment': append('#x'),
  'an empty fragment': append('#'),
  'a query': (uri: string) => `${uri}${uri.includes('?') ? '&' : '?'}x=1`,
  'an empty query': append('?'),
} as const satisfies Variants;

export type RedirectUriVariant = keyof typeof redirectUriVariants;
