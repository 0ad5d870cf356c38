import { describe, expect, it } from 'vitest';
import { runPlanOf } from '../../cli/program.js';
import { grantproof } from '../support/run-cli.js';
import { answering } from '../support/servers.js';

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
    expect(runPlanOf([...STATE_ARGS, '--only', 'auth-alg-none,Code-,PROPERTIES']).settings.only).toEqual(['AUTH-ALG-NONE', 'CODE-', 'properties']);
  });

  it('--only with a name that matches nothing says where the IDs are listed', () => {
    expect(() => runPlanOf([...STATE_ARGS, '--only', 'nope-'])).toThrow('--only: "nope-" names no requirement ID, ID prefix or stage (conformance, properties, contract, abuse); `grantproof catalogue` lists the IDs');
  });

  it('--abuse-burst takes a whole number from 1 to 10000, default 100 (SPEC §7)', () => {
    expect(runPlanOf(STATE_ARGS).settings.abuseBurst).toBe(100);
    expect(runPlanOf([...STATE_ARGS, '--abuse-burst', '12']).settings.abuseBurst).toBe(12);
    expect(() => runPlanOf([...STATE_ARGS, '--abuse-burst', '0'])).toThrow('--abuse-burst takes a whole number from 1 to 10000, not "0"');
  });

  it('a state endpoint refusing with 403 shows its body, without the --header values, and suggests a gateway key', async () => {
    const state = await answering(403, '{"message":"Forbidden: key header-key-sent-1234 is not valid"}\n<trace>');
    try {
      const run = await grantproof(['run', '--target', state.tokenUrl, '--state-url', state.stateUrl, '--header', 'X-Api-Key: header-key-sent-1234']);
      expect(run.exitCode).toBe(2);
      expect(run.stderr.trim().split('\n').at(-1)).toBe(
        'grantproof: setting up "a registered client" failed: the state endpoint answered 403: {"message":"Forbidden: key [redacted header value] is not valid"}; if a gateway guards the state endpoint, give its key with --header or --header-env; check --state-url or --fixtures',
      );
    } finally {
      await state.close();
    }
  });
});
