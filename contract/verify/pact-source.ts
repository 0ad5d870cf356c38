import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { redactUrl } from '../../client/redact-url.js';
import { brokerCall, brokerHeaders, PactSourceError } from '../broker.js';
import type { PactSource } from '../../vocabulary/run-config.js';

/** The part of a pact file (Pact specification v2–v4) that verification reads. */
export interface PactDocument {
  readonly consumer: { readonly name: string };
  readonly provider: { readonly name: string };
  readonly interactions: readonly PactInteraction[];
}

export interface PactInteraction {
  readonly description: string;
  readonly type?: string;
  readonly providerStates?: readonly { readonly name: string; readonly params?: Record<string, unknown> }[];
  readonly providerState?: string;
  readonly request: { readonly method: string; readonly path: string; readonly body?: unknown };
  readonly response: { readonly status: number; readonly body?: unknown };
}

export interface LoadedPacts {
  /** The pact files to hand to the verifier (a broker's pacts are saved to a temporary folder). */
  readonly files: readonly string[];
  readonly documents: readonly PactDocument[];
  /** Where they came from, for the report: a folder, or a broker URL with any credentials removed. */
  readonly origin: string;
}

export async function loadPacts(source: PactSource, timeoutMs: number): Promise<LoadedPacts> {
  return source.kind === 'dir' ? loadFromDir(source.dir) : loadFromBroker(source, timeoutMs);
}

async function loadFromDir(dir: string): Promise<LoadedPacts> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch {
    throw new PactSourceError(`--pact-dir ${dir} cannot be read: give a folder holding pact files (*.json)`);
  }
  const files = names.map((name) => path.join(dir, name));
  const documents = await Promise.all(files.map(async (file) => parsePact(await readFile(file, 'utf8'), file)));
  if (documents.length === 0) throw new PactSourceError(`--pact-dir ${dir} holds no pact files (*.json): write them with your consumer tests, or give --broker-url`);
  return { files, documents, origin: dir };
}

/**
 * The Pact Broker's "pacts for verification" API: one POST names the pacts, one GET each
 * fetches them, each bounded by the run's --timeout (brokerCall).
 * @see https://docs.pact.io/pact_broker/advanced_topics/provider_verification_results
 */
async function loadFromBroker(source: Extract<PactSource, { kind: 'broker' }>, timeoutMs: number): Promise<LoadedPacts> {
  const base = source.url.replace(/\/+$/, '');
  const shown = redactUrl(base);
  const headers = brokerHeaders(source.token);
  const forVerification = `${base}/pacts/provider/${encodeURIComponent(source.provider)}/for-verification`;
  const listing = await brokerJson(forVerification, { method: 'POST', headers, body: JSON.stringify({ consumerVersionSelectors: source.selectors }) }, timeoutMs, base);
  const hrefs = pactLinks(listing);
  if (hrefs.length === 0) throw new PactSourceError(`the broker at ${shown} has no pacts for provider "${source.provider}" matching the selectors: check --provider and --consumer-version-selector`);
  const dir = await mkdtemp(path.join(tmpdir(), 'grantproof-broker-pacts-'));
  const documents: PactDocument[] = [];
  const files: string[] = [];
  for (const [index, href] of hrefs.entries()) {
    const text = JSON.stringify(await brokerJson(href, { method: 'GET', headers }, timeoutMs, base));
    documents.push(parsePact(text, redactUrl(href)));
    const file = path.join(dir, `pact-${index + 1}.json`);
    await writeFile(file, text);
    files.push(file);
  }
  return { files, documents, origin: shown };
}

async function brokerJson(url: string, init: RequestInit, timeoutMs: number, brokerUrl: string): Promise<unknown> {
  const response = await brokerCall(url, init, timeoutMs, brokerUrl);
  const shown = redactUrl(brokerUrl);
  if (!response.ok) throw new PactSourceError(`the Pact Broker at ${shown} answered ${response.status} to ${init.method} ${redactUrl(url)}`);
  try {
    return await response.json();
  } catch {
    throw new PactSourceError(`the Pact Broker at ${shown} did not answer JSON to ${init.method} ${redactUrl(url)}`);
  }
}

function pactLinks(listing: unknown): string[] {
  const pacts = (listing as { _embedded?: { pacts?: unknown } })?._embedded?.pacts;
  if (!Array.isArray(pacts)) return [];
  return pacts.map((pact) => (pact as { _links?: { self?: { href?: unknown } } })?._links?.self?.href).filter((href): href is string => typeof href === 'string');
}

function parsePact(text: string, where: string): PactDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PactSourceError(`${where} is not JSON: a pact file is written by Pact's consumer tests`);
  }
  const doc = json as Partial<PactDocument>;
  if (typeof doc?.consumer?.name !== 'string' || typeof doc.provider?.name !== 'string' || !Array.isArray(doc.interactions)) {
    throw new PactSourceError(`${where} is not a pact file (it needs consumer, provider and interactions)`);
  }
  return doc as PactDocument;
}

/** The recorded body of a request or response: Pact v4 wraps it as `{content}`. */
export function recordedBody(body: unknown): unknown {
  if (body && typeof body === 'object' && !Array.isArray(body) && 'content' in body && 'contentType' in body) return (body as { content: unknown }).content;
  return body;
}

/** The provider state names of an interaction, in the order they are set up. */
export function stateNamesOf(interaction: PactInteraction): string[] {
  if (interaction.providerStates) return interaction.providerStates.map((s) => s.name);
  return interaction.providerState ? [interaction.providerState] : [];
}

/** Which interaction a recorded credential (a client_secret, a client_assertion) belongs to, and how verification treats it. */
export interface RecordedCredential<Treatment> {
  readonly consumer: string;
  readonly description: string;
  readonly treatment: Treatment;
}

/**
 * Every credential `credentialOf` finds in the pacts' requests, with its interaction and the
 * treatment `treatmentOf` gives it from the interaction's description and recorded answer. The
 * verifier sends the recorded value, so the filter recognises each request by it. One recorded
 * by two interactions that expect different treatments is left out: the filter then makes it current.
 */
export function recordedCredentials<Treatment>(
  documents: readonly PactDocument[],
  credentialOf: (interaction: PactInteraction) => unknown,
  treatmentOf: (description: string, status: number, body: unknown) => Treatment,
): Map<string, RecordedCredential<Treatment>> {
  const found = new Map<string, RecordedCredential<Treatment>>();
  const ambiguous = new Set<string>();
  for (const doc of documents) {
    for (const interaction of doc.interactions) {
      const credential = credentialOf(interaction);
      if (typeof credential !== 'string') continue;
      const entry = { consumer: doc.consumer.name, description: interaction.description, treatment: treatmentOf(interaction.description, interaction.response.status, recordedBody(interaction.response.body)) };
      const previous = found.get(credential);
      if (previous && previous.treatment !== entry.treatment) ambiguous.add(credential);
      else found.set(credential, entry);
    }
  }
  for (const credential of ambiguous) found.delete(credential);
  return found;
}
