import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CaseResult, Evidence } from '../../results/model.js';
import { recordedSecrets } from './client-secret.js';
import { recordedAssertions } from './client-assertion.js';
import type { AudienceTarget } from './provider-proxy.js';
import { loadPacts, stateNamesOf, type LoadedPacts } from './pact-source.js';
import type { InteractionOutcome, VerificationJob, WorkerMessage } from './worker.js';
import type { RunConfig, PactSource } from '../../vocabulary/run-config.js';

/** The compiled worker, also when this module runs from source (grantproof's own tests). */
const WORKER = fileURLToPath(import.meta.url.endsWith('.ts') ? new URL('../../dist/contract/verify/worker.js', import.meta.url) : new URL('./worker.js', import.meta.url));

/** SPEC §1's token path: a --target ending in it is verified with the pacts' own paths below its prefix. */
const TOKEN_PATH = /\/api\/v0\/oauth2\/token\/?$/;

export interface PactVerification {
  readonly origin: string;
  readonly pacts: number;
  readonly outcomes: readonly InteractionOutcome[];
}

/**
 * Verifies the target against the pacts of `source` with pact-js's Verifier: fixtures come
 * through the run's state-change URL or fixtures module (SPEC §3), and each recorded
 * client_secret or client_assertion is re-signed as its interaction needs (see
 * client-secret.ts, client-assertion.ts).
 */
export async function verifyPacts(config: RunConfig, source: PactSource): Promise<PactVerification> {
  const loaded = await loadPacts(source, config.timeoutMs);
  const job: VerificationJob = {
    provider: source.kind === 'broker' ? source.provider : loaded.documents[0]!.provider.name,
    providerBaseUrl: config.tokenUrl.replace(TOKEN_PATH, ''),
    files: loaded.files,
    stateNames: stateNames(loaded),
    recordedSecrets: [...recordedSecrets(loaded.documents)],
    recordedAssertions: [...recordedAssertions(loaded.documents)],
    audience: config.profile === 'rfc7523' ? audienceTarget(config) : null,
    fixtures: config.fixtures,
    headers: config.headers,
    timeoutMs: config.timeoutMs,
    ...(source.kind === 'broker' && source.publish ? { publishTo: { url: source.url, ...(source.token ? { token: source.token } : {}), selectors: source.selectors, ...source.publish } } : {}),
  };
  const interactions = loaded.documents.reduce((sum, doc) => sum + doc.interactions.length, 0);
  const outcomes = await inWorker(job, 30_000 + interactions * 4 * config.timeoutMs);
  return { origin: loaded.origin, pacts: loaded.documents.length, outcomes };
}

/** SPEC §4 `--audience`: `token-endpoint` is the `--target` URL; `issuer` is read from each client's state answer. */
function audienceTarget(config: RunConfig): AudienceTarget {
  const { audience } = config;
  if (audience.kind === 'issuer') return audience;
  return { kind: 'url', url: audience.kind === 'url' ? audience.url : config.tokenUrl };
}

function stateNames(loaded: LoadedPacts): string[] {
  return [...new Set(loaded.documents.flatMap((doc) => doc.interactions.flatMap(stateNamesOf)))];
}

function inWorker(job: VerificationJob, budgetMs: number): Promise<readonly InteractionOutcome[]> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'], execArgv: [], env: { ...process.env, PACT_DO_NOT_TRACK: 'true' } });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Pact verification did not finish within ${Math.round(budgetMs / 1000)} s`));
    }, budgetMs);
    child.once('message', (message: WorkerMessage) => {
      clearTimeout(timer);
      if (message.kind === 'done') resolve(message.outcomes);
      else reject(new Error(message.message));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Pact's verifier process ended (${signal ?? `exit ${code}`}) before reporting`));
    });
    child.send(job);
  });
}

/** CONTRACT-PACT's result: every interaction is one evidence item, in the order verified. */
export function contractResult(verification: PactVerification): CaseResult {
  const { outcomes, origin, pacts } = verification;
  const evidence = outcomes.map(toEvidence);
  const scope = `${outcomes.length} interaction${outcomes.length === 1 ? '' : 's'} of ${pacts} pact${pacts === 1 ? '' : 's'} from ${origin}`;
  if (outcomes.length === 0) return { status: 'inconclusive', reason: `the pacts from ${origin} hold no HTTP interaction to verify`, evidence };
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length === 0) return { status: 'passed', note: `verified ${scope}`, evidence };
  const first = failed[0]!;
  return {
    status: 'failed',
    reason: `${failed.length} of ${scope} failed; first: ${first.consumer}: ${first.description}: ${first.problems.join('; ') || 'failed'}`,
    evidence,
  };
}

function toEvidence(outcome: InteractionOutcome): Evidence {
  const { exchange } = outcome;
  const actual = outcome.ok ? 'the recorded response, under its matchers' : outcome.problems.join('; ') || 'failed';
  return {
    variant: `${outcome.consumer}: ${outcome.description}`,
    ok: outcome.ok,
    request: exchange?.request ?? { method: 'POST', url: 'not sent', headers: {}, body: null },
    response: exchange?.response ?? null,
    ...(exchange ? {} : { failure: `not sent: ${actual}` }),
    ms: exchange?.ms ?? 0,
    expected: 'the response the pact records, under its matchers',
    actual,
    curl: exchange?.curl ?? '',
  };
}

