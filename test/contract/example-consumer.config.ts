import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Runs the example consumer project's own tests as its team would, with `grantproof/pact`
// resolved to this checkout instead of an installed copy.
export default defineConfig({
  root: fileURLToPath(new URL('../../examples/consumer-team/', import.meta.url)),
  resolve: { alias: { 'grantproof/pact': fileURLToPath(new URL('../../contract/index.ts', import.meta.url)) } },
  test: { include: ['test/**/*.test.ts'] },
});
