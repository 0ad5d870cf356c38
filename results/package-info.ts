import { readFileSync } from 'node:fs';

/** The harness's own name and version, from its package.json (two levels up from dist/cli or cli/). */
function readPackage(): { name: string; version: string } {
  for (const relative of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'grantproof' && pkg.version) return { name: pkg.name, version: pkg.version };
    } catch {
      // not at this level: try the next
    }
  }
  return { name: 'grantproof', version: '0.0.0' };
}

export const harness = readPackage();
