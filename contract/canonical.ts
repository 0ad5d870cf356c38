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
