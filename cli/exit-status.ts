import { CommanderError } from 'commander';
import { isHarnessError, type HarnessErrorCode } from '../vocabulary/errors.js';

/**
 * The harness errors that end `grantproof` with their own message as its one line (SPEC §4:
 * "exit 2 with one line saying what is wrong"). The others are caught and turned into these,
 * or into a case's status, before they get here; one that does get here is an internal error.
 */
export const ENDS_WITH_ITS_LINE: readonly HarnessErrorCode[] = ['usage', 'run-stopped', 'pact-source', 'not-replayable'];

/**
 * The exit status for what a command threw, after printing its one line on standard error
 * (SPEC §4: exit 2 with one line saying what is wrong and what to do; never a stack trace).
 * @param command the subcommand the user named, for the help it points to
 */
export function exitFor(error: unknown, command: string | null): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return 0;
    // One line: commander puts its suggestion ("Did you mean --target?") on a line of its own.
    const message = error.message.replace(/^error: /, '').replace(/\.$/, '').replace(/\s*\n\(Did you mean (.*)\)/, ' (did you mean $1)');
    const help = command ? `grantproof ${command} --help` : 'grantproof --help';
    process.stderr.write(`grantproof: ${message}. See \`${help}\`.\n`);
    return 2;
  }
  if (isHarnessError(error, ...ENDS_WITH_ITS_LINE)) {
    process.stderr.write(`grantproof: ${error.message}\n`);
    return 2;
  }
  process.stderr.write(`grantproof: internal error: ${(error as Error)?.message ?? String(error)}. Please report it with the command you ran.\n`);
  return 2;
}
