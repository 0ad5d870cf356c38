import { existsSync } from 'node:fs';
import { chromiumPath, CHROMIUM_ENV } from '../../cli/chromium.js';

/**
 * Why the browser tests cannot run here, or null when a Chromium executable is present. CI
 * never skips them: there a missing browser is a failure (.ci/run installs Debian's chromium).
 */
export function browserTestsSkipReason(): string | null {
  if (process.env.CI) return null;
  const executable = chromiumPath();
  if (existsSync(executable)) return null;
  return `no Chromium at ${executable}; install Debian's chromium (apt-get install chromium) or set ${CHROMIUM_ENV}`;
}
