import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The canonical pact: the catalogue's contract interactions as a consumer records them. */
export const CANONICAL_CONSUMER = 'grantproof-canonical-consumer';
/** The provider name pacts for a StorX-style token endpoint are published under. */
export const CANONICAL_PROVIDER = 'storx-token-endpoint';

/** `pacts/` at the package root, seen from contract/ (tests) or dist/contract/ (the bin). */
export const CANONICAL_PACT_DIR = ['../pacts/', '../../pacts/']
  .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
  .find((dir) => existsSync(path.join(dir, '..', 'package.json'))) as string;

export const CANONICAL_PACT_FILE = path.join(CANONICAL_PACT_DIR, `${CANONICAL_CONSUMER}-${CANONICAL_PROVIDER}.json`);

/** The provider name pacts for an RFC 7523 token endpoint (SPEC §5) are published under. */
export const CANONICAL_PROVIDER_RFC7523 = 'rfc7523-token-endpoint';

/**
 * The folder of the canonical pact of profile rfc7523: a folder of its own, since a pact
 * folder is verified whole and storx's canonical pact is verified from `pacts/`.
 */
export const CANONICAL_RFC7523_PACT_DIR = path.join(CANONICAL_PACT_DIR, 'rfc7523');

export const CANONICAL_RFC7523_PACT_FILE = path.join(CANONICAL_RFC7523_PACT_DIR, `${CANONICAL_CONSUMER}-${CANONICAL_PROVIDER_RFC7523}.json`);
