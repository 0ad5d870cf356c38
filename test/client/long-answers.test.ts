import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requirementById } from '../../catalogue/index.js';
import { rejectedWith } from '../../checks/error-response.js';
import { errorShapeProblem } from '../../checks/run-wide.js';
import { MAX_BODY_BYTES } from '../../client/body.js';
import { BODY_EXCERPT_CHARS, errorCodeOf, type Exchange } from '../../vocabulary/exchange.js';
import { TargetClient } from '../../client/target.js';
import { TargetKit } from '../../client/kit.js';
import { Evaluation } from '../../suites/evaluate.js';
import { LONG_DESCRIPTION_BYTES, longErrors } from '../support/long-answers.js';
import { runConfigFor } from '../support/in-process.js';
import { listen, referenceTarget, withTokenEndpoint, type Listening } from '../support/servers.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The heap a process keeps, after a full collection. */
function retainedHeap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Sends one request a case would: a fresh fixture, a valid request with one thing changed (an unknown client). */
async function refusedExchange(client: TargetClient): Promise<Exchange> {
  const kit = new TargetKit(client, 'TEST', () => undefined);
  try {
    const fixture = await kit.fixture();
    const valid = await kit.validRequest(fixture);
    return await kit.send('unknown client', () => ({ ...valid, body: { ...valid.body!, client_id: 'never-registered-client' } }));
  } finally {
    await kit.close();
  }
}

describe('a conformant target whose every error carries a 1.5 MB error_description (issue 16 item 2)', () => {
  let target: Listening;
  let client: TargetClient;
  beforeAll(async () => {
    target = await referenceTarget(longErrors());
    client = new TargetClient(runConfigFor(target));
  });
  afterAll(async () => {
    await client.close();
    await target.close();
  });

  it('judges each answer whole, and keeps a bounded excerpt with the length and SHA-256', async () => {
    const exchange = await refusedExchange(client);
    expect(errorCodeOf(exchange)).toBe('invalid_client');
    expect(rejectedWith(exchange, 'invalid_client', { profile: 'storx', statuses: {} })).toEqual({ ok: true, expected: '401 invalid_client', actual: '401 invalid_client' });
    expect(errorShapeProblem(exchange, { profile: 'storx', statuses: {} })).toBeNull();
    const body = `{"error":"invalid_client","error_description":"${'d'.repeat(LONG_DESCRIPTION_BYTES)}"}`;
    expect(exchange.response).toMatchObject({ bodyCut: true, bodyBytes: body.length, bodySha256: createHash('sha256').update(body).digest('hex') });
    expect(exchange.response!.body).toBe(body.slice(0, BODY_EXCERPT_CHARS));
    expect(exchange.response!.bodyUnread).toBeUndefined();
  });

  it('keeps its memory bounded: 100 such answers (150 MB) leave the heap less than 8 MB larger, the process under 400 MB', async () => {
    await refusedExchange(client);
    const before = retainedHeap();
    for (let i = 0; i < 100; i += 1) await refusedExchange(client);
    const grown = retainedHeap() - before;
    // What the harness kept before issue 16: 1 MiB of every body, 100 MB here.
    console.info(`retained heap grew by ${(grown / 1024 / 1024).toFixed(1)} MB over 100 answers of 1.5 MB; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
    expect(grown).toBeLessThan(8 * 1024 * 1024);
    expect(process.resourceUsage().maxRSS * 1024).toBeLessThan(400 * 1024 * 1024);
    expect(client.exchanges.length).toBeGreaterThanOrEqual(102);
    expect(client.exchanges.every((e) => e.response!.body.length <= BODY_EXCERPT_CHARS)).toBe(true);
  }, 120_000);
});

describe('long answers are never misjudged because they were cut', () => {
  const servers: Listening[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.close())));
  async function answering(body: string): Promise<TargetClient> {
    const server = await withTokenEndpoint((_, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(body);
    });
    servers.push(server);
    return new TargetClient(runConfigFor(server));
  }

  it('an error code after 1.5 MB is read all the same', async () => {
    const client = await answering(`{"error_description":"${'d'.repeat(LONG_DESCRIPTION_BYTES)}","error":"invalid_client"}`);
    const exchange = await refusedExchange(client);
    await client.close();
    expect(rejectedWith(exchange, 'invalid_client', { profile: 'storx', statuses: {} }).ok).toBe(true);
  });

  it('a body beyond the read limit is judged by the error read before it', async () => {
    const client = await answering(`{"error":"invalid_client","error_description":"${'d'.repeat(MAX_BODY_BYTES + 1000)}"}`);
    const exchange = await refusedExchange(client);
    await client.close();
    expect(exchange.response).toMatchObject({ bodyCut: true, bodyUnread: true, bodyBytes: MAX_BODY_BYTES });
    expect(rejectedWith(exchange, 'invalid_client', { profile: 'storx', statuses: {} }).ok).toBe(true);
  });

  it('a body whose error lies beyond the read limit is "too long to judge", never "error differs"', async () => {
    const client = await answering(`{"error_description":"${'d'.repeat(MAX_BODY_BYTES + 1000)}","error":"invalid_client"}`);
    const exchange = await refusedExchange(client);
    const judgement = rejectedWith(exchange, 'invalid_client', { profile: 'storx', statuses: {} });
    expect(judgement).toMatchObject({ ok: false, undecided: true });
    expect(judgement.actual).toMatch(/^401, answer too long to judge: its JSON did not end within the 8388608 bytes read/);
    expect(judgement.actual).not.toMatch(/differs/);
    expect(errorShapeProblem(exchange, { profile: 'storx', statuses: {} })).toBeNull();
    await client.close();
  });

  it('a case whose every refusal is too long to judge is inconclusive, with that reason', async () => {
    const target = await referenceTarget(longErrors(MAX_BODY_BYTES + 1000, { errorLast: true }));
    servers.push(target);
    const client = new TargetClient(runConfigFor(target));
    const evaluation = new Evaluation(client, () => undefined);
    expect((await evaluation.evaluate(requirementById('RESP-SUCCESS')!)).status).toBe('passed');
    const result = await evaluation.evaluate(requirementById('AUTH-UNREGISTERED')!);
    await client.close();
    expect(result.status).toBe('inconclusive');
    expect(result.reason).toMatch(/: 401, answer too long to judge: /);
  });

  it('a long body that is not JSON is judged as not JSON', async () => {
    const client = await answering(`<html>${'x'.repeat(100_000)}</html>`);
    const exchange = await refusedExchange(client);
    await client.close();
    expect(errorShapeProblem(exchange, { profile: 'storx', statuses: {} })).toBe('the body is not a JSON object');
    expect(rejectedWith(exchange, 'invalid_client', { profile: 'storx', statuses: {} }).actual).toBe('401 (error differs)');
  });

  it('finds a secret anywhere in a long body, split across its chunks, and keeps it out of the excerpt', async () => {
    let stored = '';
    const server = await listen(async (req, res) => {
      if (req.url?.startsWith('/provider-states')) return referenceStates(req, res);
      res.writeHead(401, { 'content-type': 'application/json' });
      // The stored secret, percent-encoded, straddling the excerpt's edge and, later, many chunk boundaries.
      const head = `{"error":"invalid_client","error_description":"${'d'.repeat(BODY_EXCERPT_CHARS - 80)}`;
      res.end(`${head}${encodeURIComponent(stored)}${'d'.repeat(700_000)}${encodeURIComponent(stored)}"}`);
    });
    servers.push(server);
    const reference = await referenceTarget({ secretFormat: 'bcrypt' });
    servers.push(reference);
    const referenceStates = async (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
      const answer = await fetch(reference.stateUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: await text(req) });
      const body = await answer.text();
      const secret = body ? (JSON.parse(body) as { client_secret?: string }).client_secret : undefined;
      if (secret) stored = secret;
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(body);
    };
    const client = new TargetClient(runConfigFor(server));
    const exchange = await refusedExchange(client);
    await client.close();
    expect(stored).toMatch(/^\$2a\$10\$/);
    expect(exchange.leaks).toEqual([{ kind: 'stored secret', where: 'body' }]);
    expect(exchange.response!.body).not.toContain(encodeURIComponent(stored).slice(0, 12));
    expect(exchange.response!.body).toContain('[redacted stored secret]');
  });
});

function text(req: import('node:http').IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => resolve(body));
  });
}
