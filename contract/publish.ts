import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { redactUrl } from '../client/redact-url.js';
import { brokerCall, brokerHeaders, PactSourceError } from './broker.js';

export interface PublishOptions {
  readonly brokerUrl: string;
  readonly pactDir: string;
  readonly consumerVersion: string;
  readonly branch: string;
  readonly token?: string;
  readonly timeoutMs: number;
}

export interface Published {
  readonly consumer: string;
  readonly providers: readonly string[];
  /** The broker's own summary lines (`logs[].message`), when it sends them. */
  readonly notices: readonly string[];
}

/**
 * Publishes the pact files of `pactDir` with the Pact Broker's "publish contracts" API: one
 * `POST /contracts/publish` per consumer, naming its version and branch, each pact base64
 * encoded. Every call is bounded by `timeoutMs` (see brokerCall).
 * @see https://docs.pact.io/pact_broker/publishing_and_retrieving_pacts
 */
export async function publishPacts(options: PublishOptions): Promise<Published[]> {
  const byConsumer = await pactsByConsumer(options.pactDir);
  const url = `${options.brokerUrl.replace(/\/+$/, '')}/contracts/publish`;
  const published: Published[] = [];
  for (const [consumer, pacts] of byConsumer) {
    const body = {
      pacticipantName: consumer,
      pacticipantVersionNumber: options.consumerVersion,
      branch: options.branch,
      contracts: pacts.map((pact) => ({
        consumerName: consumer,
        providerName: pact.provider,
        specification: 'pact',
        contentType: 'application/json',
        content: Buffer.from(pact.text).toString('base64'),
      })),
    };
    const answer = await post(url, body, options);
    published.push({ consumer, providers: pacts.map((p) => p.provider), notices: noticesOf(answer) });
  }
  return published;
}

async function pactsByConsumer(dir: string): Promise<Map<string, { provider: string; text: string }[]>> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch {
    throw new PactSourceError(`--pact-dir ${dir} cannot be read: give the folder your consumer tests write pact files to`);
  }
  const byConsumer = new Map<string, { provider: string; text: string }[]>();
  for (const name of names) {
    const text = await readFile(path.join(dir, name), 'utf8');
    let doc: { consumer?: { name?: unknown }; provider?: { name?: unknown } };
    try {
      doc = JSON.parse(text) as typeof doc;
    } catch {
      throw new PactSourceError(`${name} in ${dir} is not JSON: publish the pact files your consumer tests wrote`);
    }
    if (typeof doc.consumer?.name !== 'string' || typeof doc.provider?.name !== 'string') throw new PactSourceError(`${name} in ${dir} is not a pact file (no consumer or provider name)`);
    const list = byConsumer.get(doc.consumer.name) ?? [];
    list.push({ provider: doc.provider.name, text });
    byConsumer.set(doc.consumer.name, list);
  }
  if (byConsumer.size === 0) throw new PactSourceError(`--pact-dir ${dir} holds no pact files (*.json): run your consumer tests first`);
  return byConsumer;
}

async function post(url: string, body: unknown, options: PublishOptions): Promise<unknown> {
  const response = await brokerCall(url, { method: 'POST', headers: brokerHeaders(options.token), body: JSON.stringify(body) }, options.timeoutMs, options.brokerUrl);
  const text = await response.text();
  if (!response.ok) throw new PactSourceError(`the Pact Broker at ${redactUrl(options.brokerUrl)} refused the pacts (${response.status}): ${firstNotice(text) ?? 'no reason given'}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}

function noticesOf(answer: unknown): string[] {
  const logs = (answer as { logs?: unknown })?.logs;
  return Array.isArray(logs) ? logs.map((log) => (log as { message?: unknown })?.message).filter((m): m is string => typeof m === 'string') : [];
}

function firstNotice(text: string): string | undefined {
  try {
    const json = JSON.parse(text) as { errors?: unknown; logs?: unknown };
    return noticesOf(json)[0] ?? (json.errors ? JSON.stringify(json.errors) : undefined);
  } catch {
    return text.slice(0, 200) || undefined;
  }
}
