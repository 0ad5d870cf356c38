import { describe, expect, it } from 'vitest';
import { runPlanOf } from '../../cli/program.js';
import { grantproof } from '../support/run-cli.js';

const STATE_ARGS = ['--target', 'http://127.0.0.1:1/api/v0/oauth2/token', '--state-url', 'http://127.0.0.1:1/provider-states'];

describe('messages for bad command lines', () => {
  it("a mistyped flag: one line, the suggestion on it, pointing to the command's own --help", async () => {
    const run = await grantproof(['run', '--tagret', 'http://127.0.0.1:1/token']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe("grantproof: unknown option '--tagret' (did you mean --target?). See `grantproof run --help`.\n");
  });

  it('an unknown command points to the top-level --help', async () => {
    const run = await grantproof(['frobnicate']);
    expect(run.stderr).toBe("grantproof: unknown command 'frobnicate'. See `grantproof --help`.\n");
  });

  it('--only reads IDs, prefixes and stages in any case', () => {
    expect(runPlanOf([...STATE_ARGS, '--only', 'auth-alg-none,Code-,PROPERTIES']).only).toEqual(['AUTH-ALG-NONE', 'CODE-', 'properties']);
  });

  it('--only with a name that matches nothing says where the IDs are listed', () => {
    expect(() => runPlanOf([...STATE_ARGS, '--only', 'nope-'])).toThrow('--only: "nope-" names no requirement ID, ID prefix or stage (conformance, properties, contract); `grantproof catalogue` lists the IDs');
  });
});
