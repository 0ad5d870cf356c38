import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommanderError } from 'commander';
import { exitFor } from '../../cli/exit-status.js';
import { HarnessError } from '../../vocabulary/errors.js';

/** SPEC §4: exit 2 with one line saying what is wrong; the code of a harness error decides the line. */
describe('the exit status of what a command threw', () => {
  const stderr = () => vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(['usage', 'run-stopped', 'pact-source'] as const)('a %s error exits 2 with its message as the one line', (code) => {
    const write = stderr();
    expect(exitFor(new HarnessError(code, '--rate takes a number of requests a second, not "fast"'), 'run')).toBe(2);
    expect(write.mock.calls).toEqual([['grantproof: --rate takes a number of requests a second, not "fast"\n']]);
  });

  it('a harness error whose code should have been handled before is an internal error, still exit 2', () => {
    const write = stderr();
    expect(exitFor(new HarnessError('state-failed', 'setting up "a registered client" failed: answered 500'), 'run')).toBe(2);
    expect(write.mock.calls).toEqual([['grantproof: internal error: setting up "a registered client" failed: answered 500. Please report it with the command you ran.\n']]);
  });

  it("commander's own errors keep their line and point to the command's help", () => {
    const write = stderr();
    expect(exitFor(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--taget'\n(Did you mean --target?)"), 'run')).toBe(2);
    expect(write.mock.calls).toEqual([["grantproof: unknown option '--taget' (did you mean --target?). See `grantproof run --help`.\n"]]);
  });
});
