import { POSITIVE_CONTROL_ID, requirementById } from '../catalogue/index.js';
import type { CaseKit } from '../catalogue/case-kit.js';
import type { CaseRequirement, Requirement, RunWideRequirement, ShapedRequirement, VariantsRequirement } from '../catalogue/types.js';
import { eachVariantAsExpected, judgedAsExpected } from '../catalogue/variants.js';
import { describeAnswer } from '../checks/answer.js';
import { diagnosePositiveControl } from '../checks/positive-control.js';
import { TargetKit } from '../client/kit.js';
import { TargetClient } from '../client/target.js';
import type { Evidence } from '../results/model.js';
import { HarnessError } from '../vocabulary/errors.js';
import type { Exchange, HttpRequest } from '../vocabulary/exchange.js';
import type { CaseOutcome, CheckedExchange } from '../vocabulary/outcome.js';
import type { RunConfig } from '../vocabulary/run-config.js';
import { notRunOf, sentBy } from './evaluate.js';

/** A recorded failure `grantproof repro` cannot send again: exit 2 with this line, which says why and what to do (SPEC §4). */
export class NotReplayable extends HarnessError<'not-replayable'> {
  override readonly name = 'NotReplayable';

  constructor(message: string, options?: ErrorOptions) {
    super('not-replayable', message, options);
  }
}

/** One recorded failure sent again (SPEC §4 `grantproof repro`). */
export interface Replay {
  /** The request rebuilt, sent and judged again; null when a property now holds for its example (its requests are in `sent`). */
  readonly check: CheckedExchange | null;
  /** Every token request the replay of the failure sent, in order, recorded (redacted) as a run records them. */
  readonly sent: readonly Exchange[];
  /** The request behind `check` as it was sent, secrets and all: only ever printed, for `--show-secrets`. */
  readonly unredacted: HttpRequest | null;
  /**
   * When the replay passed: why that is no evidence, the positive control having failed (SPEC §4:
   * a target that refuses everything must never look conformant); absent otherwise.
   */
  readonly untrusted?: string;
}

/**
 * Sends the request of one failing exchange of `requirement` again, from fresh fixtures, and
 * judges it as the run did: a variant rebuilt alone, a case of its own shape run whole and its
 * check of that variant picked, a property's shrunk example replayed at its seed and path, a
 * run-wide requirement's exchange sent again by the case that sent it. A replay that passed is
 * followed by the positive control, which must pass for the pass to count.
 */
export async function replayFailure(config: RunConfig, requirement: Requirement, evidence: Evidence, log: (line: string) => void): Promise<Replay> {
  const target = new TargetClient(config);
  const unredacted = new Map<Exchange, HttpRequest>();
  target.onSent = (exchange, sent) => unredacted.set(exchange, sent);
  try {
    const check = await replayIn(target, requirement, evidence, log);
    const sent = [...target.exchanges];
    const untrusted = check?.judgement.ok !== false && requirement.id !== POSITIVE_CONTROL_ID ? await positiveControlFailure(target, log) : null;
    return { check, sent, unredacted: check ? (unredacted.get(check.exchange) ?? null) : null, ...(untrusted === null ? {} : { untrusted }) };
  } finally {
    await target.close();
  }
}

function replayIn(target: TargetClient, requirement: Requirement, evidence: Evidence, log: (line: string) => void): Promise<CheckedExchange | null> {
  switch (requirement.stage) {
    case 'contract':
      throw new NotReplayable(`${requirement.id} is judged by Pact over the pacts' interactions, not by one request: run \`grantproof verify-pact\` with the run's pact source again`);
    case 'run-wide':
      return replayRunWide(target, requirement, evidence, log);
    case 'properties':
      return replayProperty(target, requirement, evidence, log);
    default:
      return replayCaseCheck(target, requirement, evidence.variant, log);
  }
}

/** A conformance case's check of `variant`, sent again: the variant alone, or the whole case of its own shape. */
async function replayCaseCheck(target: TargetClient, requirement: CaseRequirement, variant: string, log: (line: string) => void): Promise<CheckedExchange> {
  if ('variants' in requirement) return withKit(target, requirement, log, (kit) => replayVariant(kit, requirement, variant));
  const outcome = await withKit(target, requirement, log, (kit) => requirement.run(kit));
  const same = outcome.checks.filter((check) => check.variant === variant);
  const check = same.find((c) => !c.judgement.ok) ?? same[0];
  if (!check) throw new NotReplayable(`${requirement.id} ran again but sent no request "${variant}" this time (the target's answers took the case another way): run \`grantproof run --only ${requirement.id}\` to see the whole case`);
  return check;
}

/**
 * One variant of a VariantsRequirement from a fresh fixture of the method its exchange was named
 * with (rfc7523, two methods: `name (method)`), judged by its own or else the requirement's
 * expectation, its code asked for the scopes the run asked for it: in a run, every variant of
 * the profile before it, and every one of each method before its own, drew one fixture's
 * scopes (catalogue/variants.ts `eachVariant`).
 */
async function replayVariant(kit: CaseKit, requirement: VariantsRequirement, name: string): Promise<CheckedExchange> {
  const methods = kit.authMethods;
  const method = methods.length === 1 ? methods[0]! : methods.find((m) => name.endsWith(` (${m})`));
  const variantName = methods.length === 1 || method === undefined ? name : name.slice(0, -` (${method})`.length);
  const inProfile = requirement.variants.filter((variant) => variant.profiles?.includes(kit.profile) ?? true);
  const index = inProfile.findIndex((variant) => variant.name === variantName);
  const variant = inProfile[index];
  if (!variant || method === undefined) throw new NotReplayable(`${requirement.id} has no variant "${name}" in this grantproof's catalogue: replay with the grantproof version that made the run, or run \`grantproof run --only ${requirement.id}\` again`);
  const drawsBefore = methods.indexOf(method) * inProfile.length + index;
  for (let drawn = 0; drawn < drawsBefore; drawn += 1) kit.drawScopes();
  const fixture = await kit.fixture(undefined, method);
  if (variant.applies && !variant.applies(fixture)) throw new NotReplayable(`the variant "${name}" of ${requirement.id} does not apply to the fixture the target handed out this time: run \`grantproof repro\` again`);
  const exchange = await kit.send(name, () => variant.build(fixture, kit));
  return { variant: name, exchange, judgement: judgedAsExpected(exchange, kit, variant) };
}

/** A property's shrunk example, replayed by fast-check at the run's seed and the recorded path; null when it now holds. */
async function replayProperty(target: TargetClient, requirement: ShapedRequirement, evidence: Evidence, log: (line: string) => void): Promise<CheckedExchange | null> {
  if (evidence.path === undefined) {
    throw new NotReplayable(`this failure of ${requirement.id} has no fast-check path: its example failed once, then held when replayed (an intermittent fault); run \`grantproof run --only ${requirement.id} --seed ${target.config.seed}\` again`);
  }
  const outcome = await withKit(target, requirement, log, (kit) => requirement.run(kit), evidence.path);
  return outcome.checks[0] ?? null;
}

/**
 * A run-wide requirement's exchange, sent again by the conformance case whose label it carries
 * (suites/evaluate.ts `casesOf`) and judged by the run-wide check over what the replay sent.
 */
async function replayRunWide(target: TargetClient, requirement: RunWideRequirement, evidence: Evidence, log: (line: string) => void): Promise<CheckedExchange> {
  if (evidence.logLine !== undefined) {
    throw new NotReplayable(`${requirement.id} is judged over the target's own log, not by one request: fix what writes line ${evidence.logLine.line}, then run \`grantproof run\` with the same --target-log or --target-image again to judge it`);
  }
  const label = evidence.variant;
  const sender = sentBy(label);
  const source = sender ? requirementById(sender.id) : undefined;
  if (!sender || !source || source.stage !== 'conformance') {
    const example = source?.stage === 'properties' ? `, an example ${source.id} explored (\`grantproof repro ${source.id}\` replays its shrunk one)` : '';
    throw new NotReplayable(`${requirement.id} is judged over the whole run, and its exchange "${label}" was sent by no conformance case${example}: run \`grantproof run\` again to judge it`);
  }
  await sendAgain(target, source, sender.label, log);
  const failure = requirement.check(await target.record(), target.config).failures.find((f): f is CheckedExchange => 'exchange' in f && f.variant === label);
  if (failure) return failure;
  const exchange = target.exchanges.find((e) => e.label === label);
  if (!exchange) throw new NotReplayable(`${source.id} ran again but sent no request "${sender.label}" this time (the target's answers took the case another way): run \`grantproof run --only ${source.id}\` to judge ${requirement.id} over the whole case`);
  return { variant: label, exchange, judgement: { ok: true, expected: evidence.expected, actual: describeAnswer(exchange) } };
}

/** The requests of `source` that carry `label`: its variant of that name alone, or its whole case of its own shape. */
async function sendAgain(target: TargetClient, source: CaseRequirement, label: string, log: (line: string) => void): Promise<void> {
  if ('variants' in source) await withKit(target, source, log, (kit) => replayVariant(kit, source, label));
  else await withKit(target, source, log, (kit) => source.run(kit));
}

/** SPEC §4: why a pass proves nothing (the positive control's diagnosis), or null when a fully valid request is still accepted. */
async function positiveControlFailure(target: TargetClient, log: (line: string) => void): Promise<string | null> {
  const control = requirementById(POSITIVE_CONTROL_ID) as CaseRequirement;
  const outcome = await withKit(target, control, log, (kit) => caseOutcome(kit, control));
  const found = outcome.positiveControl;
  if (found?.judgement.ok !== false) return null;
  return diagnosePositiveControl(found.check.exchange);
}

function caseOutcome(kit: CaseKit, requirement: CaseRequirement): Promise<CaseOutcome> {
  return 'variants' in requirement ? eachVariantAsExpected(requirement.variants)(kit) : requirement.run(kit);
}

/**
 * `act` with a kit of the requirement's own (its expectation, and a property's path to replay),
 * its fixtures torn down after. A harness error (no fixture, rate limited, the state endpoint
 * failing) leaves the failure not replayed, with the reason a run would give the case.
 */
async function withKit<T>(target: TargetClient, requirement: CaseRequirement, log: (line: string) => void, act: (kit: CaseKit) => Promise<T>, replayPath: string | null = null): Promise<T> {
  const kit = new TargetKit(target, requirement.id, log, requirement.expect[target.config.profile] ?? null, replayPath);
  try {
    return await act(kit);
  } catch (error) {
    if (error instanceof NotReplayable) throw error;
    const notRun = notRunOf(error);
    throw new NotReplayable(`${requirement.id} could not be replayed (${notRun.status}): ${notRun.reason}`, { cause: error });
  } finally {
    await kit.close();
  }
}
