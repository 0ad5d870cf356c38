import { spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const REMOVER = fileURLToPath(new URL('./remove-labelled-main.js', import.meta.url));
const INTERRUPTS = ['SIGINT', 'SIGTERM'] as const;

/**
 * While a run's target container may exist: on Ctrl-C (SIGINT) or SIGTERM, remove every
 * container labelled `label`, then end the process with 128 + the signal's number, as a shell
 * reports it. The removal runs in a child process that the handler waits for synchronously:
 * vitest ends the process 1 ms after the same signals, so an asynchronous removal could be cut
 * off. Handlers are registered once: a second Ctrl-C during a stuck removal ends the process.
 * Returns the function that unregisters them.
 */
export function removeOnInterrupt(label: string, say: (line: string) => void): () => void {
  const handler = (signal: (typeof INTERRUPTS)[number]) => {
    // The removal talks to the engine only: a host override spares testcontainers its look-up
    // of the address containers are reached at, which may start a helper container.
    const env = { ...process.env, TESTCONTAINERS_HOST_OVERRIDE: process.env.TESTCONTAINERS_HOST_OVERRIDE ?? 'localhost' };
    const removal = spawnSync(process.execPath, [REMOVER, label], { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 30_000 });
    say(
      removal.status === 0
        ? `interrupted (${signal}): the target container was removed`
        : `interrupted (${signal}): the target container could not be removed (${removal.stderr?.trim() || removal.error?.message || 'no reason given'}); remove it with: docker rm -f $(docker ps -aq --filter label=${label})`,
    );
    process.exit(128 + constants.signals[signal]);
  };
  for (const signal of INTERRUPTS) process.once(signal, handler);
  return () => {
    for (const signal of INTERRUPTS) process.off(signal, handler);
  };
}
