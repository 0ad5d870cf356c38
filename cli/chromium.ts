import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { UsageError } from './errors.js';

/** Where Debian's chromium package puts the browser; `npx playwright install` is not needed. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
/** Names another Chromium executable (another distribution, another OS). */
export const CHROMIUM_ENV = 'GRANTPROOF_CHROMIUM';

/** The Chromium executable grantproof drives: `GRANTPROOF_CHROMIUM`, else Debian's. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env[CHROMIUM_ENV] || DEBIAN_CHROMIUM;
}

/** Starts headless Chromium through playwright-core, or says in one line how to install it. */
export async function launchChromium(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  const executablePath = chromiumPath(env);
  const howToInstall = `install Debian's chromium: apt-get install chromium (or set ${CHROMIUM_ENV} to a Chromium executable)`;
  if (!existsSync(executablePath)) throw new UsageError(`no Chromium at ${executablePath}: ${howToInstall}`);
  // Loaded on demand: only printing needs a browser.
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({ executablePath });
  } catch (error) {
    const firstLine = String((error as Error).message).split('\n')[0];
    throw new UsageError(`Chromium at ${executablePath} did not start (${firstLine}): ${howToInstall}`);
  }
}
