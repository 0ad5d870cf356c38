import { POSITIVE_CONTROL_ID, catalogue } from '../catalogue/index.js';
import type { CaseRequirement, Requirement, RunWideRequirement } from '../catalogue/types.js';
import { eachVariantAsExpected } from '../catalogue/variants.js';
import type { Exchange } from '../vocabulary/exchange.js';
import { CaseNotRun, type CaseOutcome, type CheckedExchange, type CheckedLogLine, type Judgement } from '../vocabulary/outcome.js';
import type { RunWideFailure } from '../checks/run-wide.js';
import { isHarnessError, type HarnessErrorCode } from '../vocabulary/errors.js';
import { diagnosePositiveControl } from '../checks/positive-control.js';
import { TargetKit } from '../client/kit.js';
import type { TargetClient } from '../client/target.js';
import { applyExpectedFailure } from '../results/known-failures.js';
import { type CaseResult, type Evidence } from '../results/model.js';
import { NOT_SELECTED } from '../vocabulary/outcome.js';
import { leftOutBy } from './selection.js';

/** At most this many offending exchanges are kept as a run-wide check's evidence. */
export const RUN_WIDE_EVIDENCE_LIMIT = 20;

/**
 * Evaluates the catalogue's requirements against one target, in the order and overlap
 * suites/schedule.ts gives them, keeping what the positive control found so that no
 * negative result is trusted without it.
 */
export class Evaluation {
  private positiveControl: { judgement: Judgement; exchange?: CheckedExchange } | { notRun: string } | undefined;
  /** When this evaluation began: each result records its start from it. */
  private readonly began = performance.now();
  /**
   * The teardowns of ended cases, in flight while the next cases run: a case's result waits on
   * none of them (SPEC §3: teardown is best effort, and never judged).
   */
  private readonly teardowns: Promise<void>[] = [];

  constructor(
    private readonly target: TargetClient,
    private readonly log: (message: string) => void,
  ) {}

  /** Resolves once every ended case's fixtures are torn down: the run awaits it before it closes its connections to the target. */
  async tornDown(): Promise<void> {
    await Promise.all(this.teardowns);
  }

  /** A requirement's result as the run reports it: timed, and a listed failure made a known failure (SPEC §4). */
  async result(requirement: Requirement): Promise<CaseResult> {
    const started = performance.now();
    const result = await this.evaluate(requirement);
    const timing = { ms: Math.round(performance.now() - started), at: Math.round(started - this.began) };
    return applyExpectedFailure({ ...result, ...timing }, requirement.id, this.target.config.expectedFailures);
  }

  async evaluate(requirement: Requirement): Promise<CaseResult> {
    const leftOut = leftOutBy(requirement, this.target.config);
    if (leftOut) return leftOut;
    // SPEC §4: once the target stayed rate limited past --max-wait, every case left is skipped unsent; run-wide checks still judge what was sent.
    const stopped = requirement.stage === 'run-wide' ? null : this.target.rateLimit.sustained;
    if (stopped) return { status: 'skipped', reason: stopped.message, evidence: [] };
    return requirement.stage === 'run-wide' ? this.runWide(requirement) : requirement.stage === 'contract' ? await this.verifyContract() : await this.runCase(requirement);
  }

  private async runCase(requirement: CaseRequirement): Promise<CaseResult> {
    const isControl = requirement.id === POSITIVE_CONTROL_ID;
    if (!isControl) {
      const gate = this.gate();
      if (gate) return { status: 'inconclusive', reason: gate, evidence: [] };
    }
    const kit = new TargetKit(this.target, requirement.id, this.log, requirement.expect[this.target.config.profile] ?? null);
    try {
      const outcome = await ('variants' in requirement ? eachVariantAsExpected(requirement.variants)(kit) : requirement.run(kit));
      if (isControl) this.positiveControl = { judgement: outcome.positiveControl!.judgement, exchange: outcome.positiveControl!.check };
      return judge(requirement, outcome);
    } catch (error) {
      const notRun = notRunOf(error);
      if (isControl) this.positiveControl = { notRun: notRun.reason };
      return { status: notRun.status, reason: notRun.reason, evidence: notRun.checks.map(toEvidence) };
    } finally {
      this.teardowns.push(kit.close().catch((error: Error) => this.log(`${requirement.id}: teardown failed: ${error.message}`)));
    }
  }

  /** Why negative results cannot be trusted, or null when the positive control passed. */
  private gate(): string | null {
    const control = this.positiveControl;
    if (!control) return 'the positive control (RESP-SUCCESS) did not run';
    if ('notRun' in control) return `the positive control (RESP-SUCCESS) could not run: ${control.notRun}`;
    if (control.judgement.ok) return null;
    const diagnosis = control.exchange ? diagnosePositiveControl(control.exchange.exchange) : control.judgement.actual;
    return `the positive control failed, so no refusal can be trusted: ${diagnosis}`;
  }

  /**
   * Not gated by the positive control: a contract failure is judged by Pact against the
   * recorded answers, so a target that refuses everything fails it rather than passing.
   */
  private async verifyContract(): Promise<CaseResult> {
    const { config } = this.target;
    if (config.pacts === null) return { status: 'skipped', reason: `${NOT_SELECTED}: no pact source (--pact-dir or --broker-url)`, evidence: [] };
    try {
      // Loaded on demand: Pact's native core is only needed when a pact source is given.
      const { contractResult, verifyPacts } = await import('../contract/verify/verify-pacts.js');
      const verification = await verifyPacts(config, config.pacts);
      // Its exchanges are the run's too: the run-wide checks judge them.
      this.target.exchanges.push(...verification.outcomes.flatMap((o) => (o.exchange ? [o.exchange] : [])));
      return contractResult(verification);
    } catch (error) {
      return { status: 'inconclusive', reason: `pact verification could not run: ${(error as Error)?.message ?? String(error)}`, evidence: [] };
    }
  }

  private async runWide(requirement: RunWideRequirement): Promise<CaseResult> {
    const record = await this.target.record();
    const { judged, of, failures, notJudged } = requirement.check({ ...record, exchanges: inCatalogueOrder(record.exchanges) }, this.target.config);
    // A requirement without its input is left out, as a stage without its input is (SPEC §4, §7).
    if (notJudged) return notJudged.status === 'left out' ? { status: 'skipped', reason: `${NOT_SELECTED}: ${notJudged.reason}`, evidence: [] } : { status: notJudged.status, reason: notJudged.reason, evidence: [] };
    if (judged === 0) return { status: 'skipped', reason: `nothing to judge: the run had no ${of}`, evidence: [] };
    const note = `judged ${judged} ${of} of the run`;
    if (failures.length === 0) return { status: 'passed', note, evidence: [] };
    const shown = failures.slice(0, RUN_WIDE_EVIDENCE_LIMIT);
    return {
      status: requirement.level === 'MUST' ? 'failed' : 'warning',
      reason: `${failures.length} of ${judged} ${of} broke it, in ${casesOf(failures).join(', ')}${failures.length > shown.length ? `; the first ${shown.length} are shown` : ''}`,
      note,
      evidence: shown.map(runWideEvidence),
    };
  }
}

/** Where each requirement stands in the catalogue, to order exchanges by the case that sent them. */
const CATALOGUE_POSITION = new Map(catalogue.map((requirement, index) => [requirement.id, index]));

/**
 * The run's exchanges ordered by the catalogue position of the case that sent each, each case's
 * in the order it sent them (a stable sort), those of no case (pact verification) last: cases
 * overlap (--concurrency), so the order they ended in differs from run to run, and a run-wide
 * result's evidence and reason must not.
 */
export function inCatalogueOrder(exchanges: readonly Exchange[]): Exchange[] {
  const position = (exchange: Exchange) => CATALOGUE_POSITION.get(sentBy(exchange.label)?.id ?? '') ?? CATALOGUE_POSITION.size;
  return [...exchanges].sort((a, b) => position(a) - position(b));
}

/**
 * The cases whose exchanges broke a run-wide requirement, each once, in catalogue order:
 * every exchange's label starts with the ID of the requirement that sent it (client/kit.ts),
 * so a row like RESP-NO-5XX says which cases it failed in, not only how many exchanges. A
 * line of the target's log (LOG-NO-SECRET) is named by its number, the first
 * RUN_WIDE_EVIDENCE_LIMIT of them.
 */
export function casesOf(failures: readonly RunWideFailure[]): string[] {
  const cases = failures.flatMap((failure) => ('exchange' in failure ? [sentBy(failure.exchange.label)?.id ?? failure.exchange.label] : []));
  const lines = failures.flatMap((failure) => ('logLine' in failure ? [`line ${failure.logLine.line}`] : []));
  // A log may hold thousands: the reason names as many lines as the evidence shows.
  const named = lines.length > RUN_WIDE_EVIDENCE_LIMIT ? [...lines.slice(0, RUN_WIDE_EVIDENCE_LIMIT), `${lines.length - RUN_WIDE_EVIDENCE_LIMIT} more lines`] : lines;
  return [...new Set(cases), ...named];
}

/** The requirement an exchange's label names as its sender, and the rest of the label (client/kit.ts `send`); null for a label of none. */
export function sentBy(label: string): { readonly id: string; readonly label: string } | null {
  const match = /^([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*): (.*)$/s.exec(label);
  return match ? { id: match[1]!, label: match[2]! } : null;
}

/** A case's status from its judgements: any failed check fails a MUST and warns a SHOULD. */
function judge(requirement: CaseRequirement, outcome: CaseOutcome): CaseResult {
  const evidence = outcome.checks.map(toEvidence);
  const note = outcome.note !== undefined ? { note: outcome.note } : {};
  if (outcome.checks.length === 0 && outcome.note === undefined) return { status: 'skipped', reason: 'none of its variants applies to the fixtures this target hands out', evidence };
  const failed = outcome.checks.filter((c) => !c.judgement.ok);
  if (failed.length === 0) return { status: 'passed', ...note, evidence };
  const first = failed[0]!;
  // An answer too long to read its error code is no evidence either way (issue 16 item 2).
  if (failed.every((c) => c.judgement.undecided)) return { status: 'inconclusive', reason: `${first.variant}: ${first.judgement.actual}`, ...note, evidence };
  return {
    status: requirement.level === 'MUST' && !failed.every((c) => c.judgement.warning) ? 'failed' : 'warning',
    reason: first.replay
      ? `${first.variant}: expected ${first.judgement.expected}, got ${first.judgement.actual} (replay with --seed ${first.replay.seed})`
      : `${failed.length} of ${outcome.checks.length} requests answered wrongly; first: ${first.variant}: expected ${first.judgement.expected}, got ${first.judgement.actual}`,
    ...note,
    evidence,
  };
}

/** How a harness error thrown by a case leaves it: its SPEC §4 status and the reason shown. */
interface NotRun {
  readonly status: CaseNotRun['status'];
  reason(message: string): string;
}

/**
 * SPEC §4, by code: a target that cannot provide what a case needs (no fixture, rate
 * limited) leaves it skipped, a precondition that failed leaves it inconclusive. Every other
 * error is inconclusive as a harness error; a `case-not-run` error carries its own status.
 */
const NOT_RUN_BY_CODE: Readonly<Partial<Record<HarnessErrorCode, NotRun>>> = {
  'rate-limited': { status: 'skipped', reason: (message) => message },
  'state-unsupported': { status: 'skipped', reason: (message) => `no fixture: ${message}` },
  'state-failed': { status: 'inconclusive', reason: (message) => `${message}; check --state-url` },
};

/** What stopped a case, as SPEC §4 statuses, the error that stopped it kept as the cause. */
export function notRunOf(error: unknown): CaseNotRun {
  if (error instanceof CaseNotRun) return error;
  if (isHarnessError(error)) {
    const notRun = NOT_RUN_BY_CODE[error.code];
    if (notRun) return new CaseNotRun(notRun.status, notRun.reason(error.message), [], { cause: error });
  }
  return new CaseNotRun('inconclusive', `harness error: ${(error as Error)?.message ?? String(error)}`, [], { cause: error });
}

function runWideEvidence(failure: RunWideFailure): Evidence {
  return 'logLine' in failure ? logLineEvidence(failure) : toEvidence(failure);
}

/**
 * A line of the target's log as a SPEC §4 evidence item, whose request, response and curl
 * schema version 1 requires: the request names where the line was read (method `LOG`) and
 * carries the line, redacted, as its body; there is no response and nothing to replay.
 * `logLine` says the same for readers of results.json.
 */
function logLineEvidence({ variant, logLine, judgement }: CheckedLogLine): Evidence {
  return {
    variant,
    ok: judgement.ok,
    request: { method: 'LOG', url: `${logLine.source}, line ${logLine.line}`, headers: {}, body: logLine.text },
    response: null,
    failure: "a line of the target's own log, not an exchange",
    ms: 0,
    expected: judgement.expected,
    actual: judgement.actual,
    curl: '',
    logLine,
  };
}

function toEvidence(check: CheckedExchange): Evidence {
  const { exchange, judgement } = check;
  return {
    variant: check.variant,
    ok: judgement.ok,
    request: exchange.request,
    response: exchange.response,
    ...(exchange.failure !== undefined ? { failure: exchange.failure } : {}),
    ms: exchange.ms,
    expected: judgement.expected,
    actual: judgement.actual,
    curl: exchange.curl,
    ...(check.replay ? { seed: check.replay.seed, path: check.replay.path, shrunk: true as const } : {}),
  };
}
