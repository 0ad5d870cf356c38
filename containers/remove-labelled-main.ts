/**
 * `node remove-labelled-main.js NAME=VALUE`: removes the containers with that label. The
 * interrupt handler runs it as a child and waits for it (see remove-on-interrupt.ts).
 */
import { removeLabelled } from './remove-labelled.js';

const label = process.argv[2];
if (!label?.includes('=')) {
  process.stderr.write('usage: remove-labelled-main.js NAME=VALUE\n');
  process.exitCode = 2;
} else {
  try {
    await removeLabelled(label);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
