import { describe, expect, it } from 'vitest';
import { HarnessError, isHarnessError } from '../../vocabulary/errors.js';
import { CaseNotRun } from '../../vocabulary/outcome.js';
import { RunStopped, UsageError } from '../../cli/errors.js';
import { StateFailed, StateUnsupported } from '../../client/states.js';
import { RateLimited } from '../../client/rate-limit.js';
import { PactSourceError } from '../../contract/broker.js';
import { TargetContainerFailed } from '../../containers/errors.js';
import { TargetUnreachable, UnreadableRequest } from '../../doctor/index.js';

/** Issue 17: every harness error is a HarnessError whose fixed code is what callers decide by. */
describe('HarnessError', () => {
  it('keeps its code, its message and the error that caused it', () => {
    const cause = new Error('ECONNREFUSED');
    const error = new HarnessError('run-stopped', 'the --target host is unreachable', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('run-stopped');
    expect(error.message).toBe('the --target host is unreachable');
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('HarnessError');
  });

  it.each([
    [new UsageError('bad flag'), 'usage', 'UsageError'],
    [new RunStopped('stopped'), 'run-stopped', 'RunStopped'],
    [new PactSourceError('no broker'), 'pact-source', 'PactSourceError'],
    [new TargetContainerFailed('no engine'), 'target-container', 'TargetContainerFailed'],
    [new StateUnsupported('an authorization code', 'answered 404'), 'state-unsupported', 'StateUnsupported'],
    [new StateFailed('a registered client', 'answered 500'), 'state-failed', 'StateFailed'],
    [new RateLimited({ maxWaitMs: 30_000, answeredBeforeFirst429: 5, retryAfter: null, waits: 5, waitedMs: 30_000 }), 'rate-limited', 'RateLimited'],
    [new CaseNotRun('inconclusive', 'not tried'), 'case-not-run', 'CaseNotRun'],
    [new UnreadableRequest('empty'), 'unreadable-request', 'UnreadableRequest'],
    [new TargetUnreachable('no answer'), 'target-unreachable', 'TargetUnreachable'],
  ] as const)('%s has the fixed code %s', (error, code, name) => {
    expect(error).toBeInstanceOf(HarnessError);
    expect(error.code).toBe(code);
    expect(error.name).toBe(name);
  });

  it('is told apart by code, not by class', () => {
    const error = new StateFailed('a registered client', 'answered 500');
    expect(isHarnessError(error, 'state-failed')).toBe(true);
    expect(isHarnessError(error, 'state-unsupported', 'rate-limited')).toBe(false);
    expect(isHarnessError(error)).toBe(true);
    expect(isHarnessError(new Error('setting up "a registered client" failed'))).toBe(false);
    expect(isHarnessError({ code: 'state-failed', message: 'not an error' }, 'state-failed')).toBe(false);
  });
});
