#!/usr/bin/env node
import { exitFor } from './exit-status.js';
import { ending, program } from './program.js';

/** SPEC §4: exit 2 with one line saying what is wrong and what to do; never a stack trace. */
async function main(argv: string[]): Promise<void> {
  const root = program();
  if (argv.length <= 2) {
    process.stderr.write(root.helpInformation());
    process.exitCode = 2;
    return;
  }
  try {
    await root.parseAsync(argv);
  } catch (error) {
    const command = root.commands.find((c) => c.name() === argv[2])?.name() ?? null;
    process.exitCode = exitFor(error, command);
  }
  // Output to pipes and files is written synchronously on POSIX, so nothing printed is lost.
  if (ending.afterRun) process.exit();
}

await main(process.argv);
