import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A verification result as a provider published it (the broker's verification-results resource). */
export interface PublishedVerification {
  readonly consumer: string;
  readonly provider: string;
  readonly providerVersion: string;
  readonly success: boolean;
}

/**
 * A stand-in Pact Broker that checks each call against the broker API's documented shape
 * (publish contracts; the HAL index and pacts for verification; fetching a pact; a provider
 * version's branch; publishing verification results) and keeps what is published. A call of
 * another shape is answered 400 with the reason, and noted in `problems`.
 */
export async function fakeBroker(options: { token?: string } = {}) {
  const pacts = new Map<string, { consumer: string; provider: string; branch: string; version: string; content: string }>();
  const problems: string[] = [];
  const verifications: PublishedVerification[] = [];
  const branches: string[] = [];
  const calls: string[] = [];
  let origin = '';
  const server = createServer(async (req, res) => {
    calls.push(`${req.method} ${req.url}`);
    const body = await readBody(req);
    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) return answer(res, 401, { error: 'unauthorized' });
    const refuse = (why: string) => {
      problems.push(why);
      answer(res, 400, { errors: [why] });
    };
    if (req.method === 'POST' && req.url === '/contracts/publish') {
      const doc = parse(body) as { pacticipantName?: unknown; pacticipantVersionNumber?: unknown; branch?: unknown; contracts?: unknown };
      if (req.headers['content-type'] !== 'application/json') return refuse('publish: Content-Type must be application/json');
      if (typeof doc?.pacticipantName !== 'string' || typeof doc.pacticipantVersionNumber !== 'string' || typeof doc.branch !== 'string') return refuse('publish: pacticipantName, pacticipantVersionNumber and branch are required strings');
      if (!Array.isArray(doc.contracts) || doc.contracts.length === 0) return refuse('publish: contracts must be a non-empty array');
      for (const contract of doc.contracts as Record<string, unknown>[]) {
        if (contract.specification !== 'pact' || contract.contentType !== 'application/json') return refuse('publish: each contract needs specification "pact" and contentType "application/json"');
        if (contract.consumerName !== doc.pacticipantName || typeof contract.providerName !== 'string' || typeof contract.content !== 'string') return refuse('publish: each contract needs consumerName (the pacticipant), providerName and base64 content');
        const content = Buffer.from(contract.content, 'base64').toString('utf8');
        const pact = parse(content) as { consumer?: { name?: string }; provider?: { name?: string } } | undefined;
        if (pact?.consumer?.name !== contract.consumerName || pact?.provider?.name !== contract.providerName) return refuse('publish: the content is not the pact of that consumer and provider');
        pacts.set(`${contract.consumerName}/${contract.providerName}`, { consumer: String(contract.consumerName), provider: contract.providerName, branch: doc.branch, version: doc.pacticipantVersionNumber, content });
      }
      return answer(res, 200, { logs: [{ level: 'info', message: `Created ${doc.pacticipantName} version ${doc.pacticipantVersionNumber} with branch ${doc.branch}` }] });
    }
    // The HAL index a verifier starts from, and the resource it posts its selectors to.
    if (req.method === 'GET' && req.url === '/') {
      return answer(res, 200, { _links: { 'pb:provider-pacts-for-verification': { href: `${origin}/pacts/provider/{provider}/for-verification`, templated: true } } });
    }
    const forVerification = /^\/pacts\/provider\/([^/]+)\/for-verification$/.exec(req.url ?? '');
    if (req.method === 'GET' && forVerification) return answer(res, 200, { _links: { self: { href: `${origin}${req.url}` } } });
    if (req.method === 'POST' && forVerification) {
      const doc = parse(body) as { consumerVersionSelectors?: unknown };
      if (!Array.isArray(doc?.consumerVersionSelectors) || doc.consumerVersionSelectors.length === 0) return refuse('for-verification: consumerVersionSelectors must be a non-empty array');
      const provider = decodeURIComponent(forVerification[1]!);
      const matching = [...pacts.values()].filter((p) => p.provider === provider);
      return answer(res, 200, {
        _embedded: { pacts: matching.map((p) => ({ shortDescription: `latest from ${p.branch}`, _links: { self: { href: `${origin}/pacts/provider/${encodeURIComponent(p.provider)}/consumer/${encodeURIComponent(p.consumer)}/latest` } } })) },
      });
    }
    const fetchPact = /^\/pacts\/provider\/([^/]+)\/consumer\/([^/]+)\/latest$/.exec(req.url ?? '');
    if (req.method === 'GET' && fetchPact) {
      const pact = pacts.get(`${decodeURIComponent(fetchPact[2]!)}/${decodeURIComponent(fetchPact[1]!)}`);
      if (!pact) return answer(res, 404, { error: 'no such pact' });
      const links = {
        'pb:provider': { href: `${origin}/pacticipants/${encodeURIComponent(pact.provider)}` },
        'pb:publish-verification-results': { href: `${origin}/pacts/provider/${encodeURIComponent(pact.provider)}/consumer/${encodeURIComponent(pact.consumer)}/verification-results` },
      };
      return answer(res, 200, { ...(JSON.parse(pact.content) as object), _links: links });
    }
    const pacticipant = /^\/pacticipants\/([^/]+)$/.exec(req.url ?? '');
    if (req.method === 'GET' && pacticipant) {
      return answer(res, 200, { name: decodeURIComponent(pacticipant[1]!), _links: { 'pb:branch-version': { href: `${origin}/pacticipants/${pacticipant[1]}/branches/{branch}/versions/{version}`, templated: true } } });
    }
    const branchVersion = /^\/pacticipants\/([^/]+)\/branches\/([^/]+)\/versions\/([^/]+)$/.exec(req.url ?? '');
    if (req.method === 'PUT' && branchVersion) {
      branches.push(`${decodeURIComponent(branchVersion[1]!)} ${decodeURIComponent(branchVersion[3]!)} on ${decodeURIComponent(branchVersion[2]!)}`);
      return answer(res, 200, {});
    }
    const results = /^\/pacts\/provider\/([^/]+)\/consumer\/([^/]+)\/verification-results$/.exec(req.url ?? '');
    if (req.method === 'POST' && results) {
      const doc = parse(body) as { success?: unknown; providerApplicationVersion?: unknown } | undefined;
      if (typeof doc?.success !== 'boolean' || typeof doc.providerApplicationVersion !== 'string') return refuse('verification-results: success (boolean) and providerApplicationVersion (string) are required');
      verifications.push({ consumer: decodeURIComponent(results[2]!), provider: decodeURIComponent(results[1]!), providerVersion: doc.providerApplicationVersion, success: doc.success });
      return answer(res, 201, { success: doc.success });
    }
    refuse(`no such broker resource: ${req.method} ${req.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    pacts,
    verifications,
    branches,
    problems,
    calls,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/hal+json' }).end(JSON.stringify(body));
}
