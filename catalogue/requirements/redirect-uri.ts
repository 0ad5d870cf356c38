import { bodyVariant, type Variant } from '../variants.js';
import type { Requirement } from '../types.js';
import { redirectUriVariants, type RedirectUriVariant } from '../near-variants.js';

/**
 * Every near variant of the registered redirect URI that a lax comparison (normalising,
 * prefix matching, case folding, decoding) would accept. SPEC §1 step 8 compares exact
 * strings (RFC 6749 §4.1.3, RFC 9700 §4.1.3).
 */
const nearVariants: readonly Variant[] = Object.keys(redirectUriVariants).map((name) => {
  const change = redirectUriVariants[name as RedirectUriVariant];
  return bodyVariant(
    `redirect_uri with ${name}`,
    (f) => ({ redirect_uri: change(f.client.redirectUri) }),
    (f) => change(f.client.redirectUri) !== f.client.redirectUri,
  );
});

export const redirectUri: readonly Requirement[] = [
  {
    id: 'REDIRECT-MISMATCH',
    level: 'MUST',
    category: 'redirect-uri',
    stage: 'conformance',
    title: 'The redirect_uri must equal the code\'s by exact string comparison',
    source: 'SPEC §1 step 8; RFC 6749 §4.1.3; RFC 9700 §4.1.3',
    sourceIn: { rfc7523: 'SPEC §5; RFC 6749 §4.1.3; RFC 9700 §4.1.3' },
    expect: { storx: { error: 'invalid_redirect_uri' }, rfc7523: { error: 'invalid_grant' } },
    variants: [
      bodyVariant('another redirect_uri', () => ({ redirect_uri: 'https://attacker.example/steal' })),
      ...nearVariants,
    ],
  },
];
