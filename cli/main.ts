#!/usr/bin/env node
import { CommanderError } from 'commander';
import { UsageError, RunStopped } from './errors.js';
import { PactSourceError } from '../contract/broker.js';
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

function exitFor(error: unknown, command: string | null): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return 0;
    // One line: commander puts its suggestion ("Did you mean --target?") on a line of its own.
    const message = error.message.replace(/^error: /, '').replace(/\.$/, '').replace(/\s*\n\(Did you mean (.*)\)/, ' (did you mean $1)');
    const help = command ? `grantproof ${command} --help` : 'grantproof --help';
    process.stderr.write(`grantproof: ${message}. See \`${help}\`.\n`);
    return 2;
  }
  if (error instanceof UsageError || error instanceof RunStopped || error instanceof PactSourceError) {
    process.stderr.write(`grantproof: ${error.message}\n`);
    return 2;
  }
  process.stderr.write(`grantproof: internal error: ${(error as Error)?.message ?? String(error)}. Please report it with the command you ran.\n`);
  return 2;
}

await main(process.argv);
