import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HarnessError, isHarnessError } from '../vocabulary/errors.js';
import { STATES, StateFailed, StateUnsupported, type StateAnswer, type StateName, type StateParams, type StateSource } from './states.js';

/** `--fixtures FILE.mjs`: `setup(state, params)` returns the answer, or nothing when it has none. */
interface FixtureModule {
  setup(state: string, params: StateParams): unknown;
  teardown?(state: string, params: StateParams): unknown;
}

/** A fixture call that did not settle within `--timeout`; the caller turns it into the StateFailed that names the call. */
class FixtureTimeout extends HarnessError<'fixture-timeout'> {
  override readonly name = 'FixtureTimeout';

  constructor(timeoutMs: number) {
    super('fixture-timeout', `did not settle within ${timeoutMs / 1000} s (--timeout)`);
  }
}

/**
 * SPEC §3 fixtures from a module. Every call into it — the import, each `setup` and
 * `teardown` — is bounded by `--timeout`, as a request to a state endpoint is: a promise
 * that never settles, or one waiting on a silent socket, fails its state instead of
 * holding the run (or ending it, exit 13, with nothing written). Every failure names the
 * module and the flag, so the line a run stops with says where to look.
 */
export class ModuleStates implements StateSource {
  private module: Promise<FixtureModule> | null = null;
  /** How every message names the module: by its flag and path. */
  private readonly name: string;

  constructor(
    private readonly file: string,
    private readonly timeoutMs: number,
  ) {
    this.name = `--fixtures ${file}`;
  }

  async setup(state: StateName, params: StateParams): Promise<StateAnswer> {
    const mod = await this.load(state);
    const answer = await this.call(state, `setup("${state}")`, () => mod.setup(state, params));
    if (answer === undefined || answer === null) throw new StateUnsupported(state, `${this.name} returned nothing`);
    if (typeof answer !== 'object' || Array.isArray(answer)) throw new StateFailed(state, `${this.name}: setup("${state}") did not return an object`);
    return answer as StateAnswer;
  }

  async teardown(state: StateName, params: StateParams): Promise<void> {
    const mod = await this.load(state);
    if (mod.teardown) await this.call(state, `teardown("${state}")`, () => mod.teardown!(state, params));
  }

  private async call(state: string, what: string, fn: () => unknown): Promise<unknown> {
    try {
      return await this.bounded(Promise.resolve().then(fn));
    } catch (error) {
      if (isHarnessError(error, 'fixture-timeout')) throw new StateFailed(state, `${this.name}: ${what} ${error.message}; make it resolve or reject in time, or raise --timeout`, { cause: error });
      throw new StateFailed(state, `${this.name}: ${what} threw: ${firstLine(error)}`, { cause: error });
    }
  }

  /** The module, imported once; its failure is the state's that needed it first (and every later one's). */
  private load(state: string): Promise<FixtureModule> {
    this.module ??= this.bounded(import(pathToFileURL(path.resolve(this.file)).href) as Promise<Partial<FixtureModule>>).then(
      (mod) => {
        if (typeof mod.setup !== 'function') throw new StateFailed(STATES.client, `${this.name} exports no setup(state, params) function: export one (see the README, "--fixtures")`);
        return mod as FixtureModule;
      },
      (error: unknown) => {
        if (isHarnessError(error, 'fixture-timeout')) throw new StateFailed(state, `${this.name}: importing it ${error.message}; a top-level await must finish in time`, { cause: error });
        throw new StateFailed(state, `${this.name} cannot be imported: ${firstLine(error)}`, { cause: error });
      },
    );
    return this.module;
  }

  /** `work`, or a FixtureTimeout after `--timeout`; the timer keeps the process alive while it waits. */
  private bounded<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new FixtureTimeout(this.timeoutMs)), this.timeoutMs);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }
}

/** An error's first line, as one line of a run's stop message (a SyntaxError's message may run on). */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  return text.split('\n')[0]!.trim();
}
