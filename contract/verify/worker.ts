import { Verifier } from '@pact-foundation/pact';
import type { Exchange } from '../../vocabulary/exchange.js';
import { HttpClient } from '../../client/http.js';
import { ExchangeRecorder } from '../../client/recorder.js';
import { stateSource } from '../../client/state-source.js';
import type { RecordedSecret } from './client-secret.js';
import type { RecordedAssertion } from './client-assertion.js';
import { requestFilter, StateBridge, type AudienceTarget } from './provider-proxy.js';
import type { FixtureSource, VerificationPublishing } from '../../vocabulary/run-config.js';

/** What the parent asks this process to verify (sent over IPC: plain JSON). */
export interface VerificationJob {
  readonly provider: string;
  readonly providerBaseUrl: string;
  readonly files: readonly string[];
  readonly stateNames: readonly string[];
  readonly recordedSecrets: readonly (readonly [string, RecordedSecret])[];
  readonly recordedAssertions: readonly (readonly [string, RecordedAssertion])[];
  /** SPEC §4 `--audience`: the aud of every re-signed rfc7523 assertion; null in a storx run. */
  readonly audience: AudienceTarget | null;
  readonly fixtures: FixtureSource;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Verify the broker's pacts through the broker itself, so that the results are published back to it. */
  readonly publishTo?: BrokerPublishing;
}

/** A broker to verify from and publish to, with the provider version the results are recorded under. */
export interface BrokerPublishing extends VerificationPublishing {
  readonly url: string;
  readonly token?: string;
  readonly selectors: readonly Record<string, unknown>[];
}

/** One interaction's outcome, redacted. */
export interface InteractionOutcome {
  readonly consumer: string;
  readonly description: string;
  readonly ok: boolean;
  /** What differed or went wrong, one line each (Pact's mismatch messages). */
  readonly problems: readonly string[];
  readonly exchange: Exchange | null;
}

export type WorkerMessage = { readonly kind: 'done'; readonly outcomes: readonly InteractionOutcome[] } | { readonly kind: 'error'; readonly message: string };

/** The verifier's JSON report (pact_ffi `pactffi_verifier_json`), the parts read here. */
interface VerifierReport {
  interactionResults?: {
    consumer?: string;
    description?: string;
    result?: string;
    mismatch?: { type?: string; message?: string; mismatches?: { mismatch?: string; type?: string; path?: string }[] };
  }[];
}

/**
 * Runs pact-js's Verifier in a process of its own: Pact's native core writes its progress
 * straight to standard output, and this process's output is discarded, so nothing the
 * verifier prints (request bodies, actual responses) can reach a terminal or a CI log
 * unredacted. The outcomes come back over IPC, redacted here.
 */
async function verify(job: VerificationJob): Promise<InteractionOutcome[]> {
  const http = new HttpClient(job.timeoutMs);
  const recorder = new ExchangeRecorder();
  for (const [name, value] of Object.entries(job.headers)) recorder.addSecretHeader(name, value);
  const bridge = new StateBridge(stateSource(job.fixtures, http, job.headers), recorder, job.audience);
  const exchanges = new Map<string, Exchange>();
  const verifier = new Verifier({
    provider: job.provider,
    providerBaseUrl: job.providerBaseUrl,
    ...pactsToVerify(job),
    logLevel: 'error',
    timeout: job.timeoutMs,
    stateHandlers: bridge.handlers(['', ...job.stateNames]),
    requestFilter: requestFilter({
      providerBaseUrl: job.providerBaseUrl,
      bridge,
      recorder,
      recordedSecrets: new Map(job.recordedSecrets),
      recordedAssertions: new Map(job.recordedAssertions),
      headers: job.headers,
      exchanges,
      now: () => Math.floor(Date.now() / 1000),
    }) as never,
  });
  let report: string;
  try {
    report = await verifier.verifyProvider();
  } catch (error) {
    // A failed verification rejects with the report as its message; anything else is a harness error.
    report = (error as Error).message;
  } finally {
    await http.close();
  }
  let parsed: VerifierReport;
  try {
    parsed = JSON.parse(report) as VerifierReport;
  } catch {
    throw new Error(`Pact's verifier did not finish: ${recorder.sensitive.redact(report.split('\n')[0] ?? '')}`);
  }
  return (parsed.interactionResults ?? []).map((result) => {
    const consumer = result.consumer ?? 'unknown consumer';
    const description = result.description ?? 'unnamed interaction';
    const problems = problemsOf(result.mismatch).map((line) => recorder.sensitive.redact(line));
    return { consumer, description, ok: result.result === 'OK', problems, exchange: exchanges.get(`${consumer}: ${description}`) ?? null };
  });
}

/**
 * The pact files grantproof fetched, or, to publish the results, the broker itself: Pact's
 * verifier publishes only for pacts it fetched from a broker (their `pb:publish-verification-results`
 * link), with the library's own options.
 * @see https://docs.pact.io/pact_broker/can_i_deploy
 */
function pactsToVerify(job: VerificationJob) {
  const broker = job.publishTo;
  if (!broker) return { pactUrls: [...job.files] };
  return {
    pactBrokerUrl: broker.url,
    ...(broker.token ? { pactBrokerToken: broker.token } : {}),
    consumerVersionSelectors: [...broker.selectors],
    publishVerificationResult: true,
    providerVersion: broker.providerVersion,
    ...(broker.providerBranch !== undefined ? { providerVersionBranch: broker.providerBranch } : {}),
  };
}

function problemsOf(mismatch: NonNullable<VerifierReport['interactionResults']>[number]['mismatch']): string[] {
  if (!mismatch) return [];
  if (mismatch.mismatches?.length) return mismatch.mismatches.map((m) => `${m.path && m.path !== '$' ? `${m.path}: ` : ''}${m.mismatch ?? m.type ?? 'mismatch'}`);
  return [mismatch.message ?? `verification ${mismatch.type ?? 'error'}`];
}

process.once('message', (job: VerificationJob) => {
  verify(job).then(
    (outcomes) => process.send!({ kind: 'done', outcomes } satisfies WorkerMessage, () => process.exit(0)),
    (error: unknown) => process.send!({ kind: 'error', message: (error as Error)?.message ?? String(error) } satisfies WorkerMessage, () => process.exit(0)),
  );
});
