import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateAnswerHeaders } from '../../client/state-headers.js';
import { grantproof } from '../support/run-cli.js';
import { listen, type Listening } from '../support/servers.js';

/** The session id the hostile state endpoint hands out: it must never be printed. */
const SESSION = 'session-id-5f2b9c1e7a3d4b60';

/**
 * Issue 16 item 4: a state endpoint whose code answers carry `headers` no HTTP request may
 * carry. Its clients are fine; its token endpoint counts what reaches it.
 */
async function hostileStates(headers: Record<string, unknown>): Promise<Listening & { tokenRequests: () => number }> {
  let tokenRequests = 0;
  const server = await listen((req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/provider-states')) {
      tokenRequests += 1;
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_request"}');
      return;
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const { action, state } = JSON.parse(body) as { action: string; state: string };
      const answer = action === 'teardown' ? {} : state === 'a registered client' ? { client_id: 'c-1', client_secret: 'stored-secret-0123456789', redirect_uri: 'https://myapp.com/callback' } : { code: 'code-1', headers };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  return { ...server, tokenRequests: () => tokenRequests };
}

describe('a state answer whose headers cannot be sent: exit 2, one line naming the header, no token request', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['a CRLF in a value', { Cookie: `${SESSION}\r\nX-Injected: 1` }, /header "Cookie" cannot be sent with a token request: its value holds a CR or LF/],
    ['Content-Length', { 'Content-Length': '5' }, /header "Content-Length" cannot be sent with a token request: the harness frames each body itself/],
    ['Transfer-Encoding', { 'Transfer-Encoding': 'chunked' }, /header "Transfer-Encoding" cannot be sent/],
    ['Host', { Host: 'elsewhere.example' }, /header "Host" cannot be sent with a token request: the host is --target's/],
    ['an invalid name', { 'Bad Name': SESSION }, /header "Bad Name" cannot be sent with a token request: its name is not an HTTP field name/],
  ];
  const servers: (Listening & { tokenRequests: () => number })[] = [];
  beforeAll(async () => {
    for (const [, headers] of cases) servers.push(await hostileStates(headers));
  });
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  it.each(cases.map(([name, , message], i) => [name, i, message] as const))('%s', async (_, i, message) => {
    const server = servers[i]!;
    const run = await grantproof(['run', '--target', server.tokenUrl, '--state-url', server.stateUrl]);
    expect(run.exitCode).toBe(2);
    // The preflight stops the run before the property stage's seed is printed: one line.
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toMatch(/^grantproof: setting up "an authorization code" failed: the answer's header /);
    expect(line).toMatch(message);
    expect(line).toMatch(/; check --state-url or --fixtures$/);
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(run.stderr + run.stdout).not.toContain(SESSION);
    expect(server.tokenRequests()).toBe(0);
    expect(run.results!.verdict).toBe('no verdict');
  });
});

describe('stateAnswerHeaders', () => {
  it('passes headers that can be sent, and no headers at all', () => {
    expect(stateAnswerHeaders({ Cookie: 'session=abc', 'X-Trace': 'a\tb é' }, 's')).toEqual({ Cookie: 'session=abc', 'X-Trace': 'a\tb é' });
    expect(stateAnswerHeaders(undefined, 's')).toEqual({});
  });
  it.each([
    [{ Connection: 'close' }, /"Connection" .*manages its connections/],
    [{ 'content-type': 'text/plain' }, /"content-type" .*each case sets its own Content-Type/],
    [{ Expect: '100-continue' }, /"Expect"/],
    [{ 'X-Nul': 'a\u0000b' }, /"X-Nul" .*a character a header cannot carry/],
    [{ 'X-Emoji': '🙂' }, /"X-Emoji" .*a character a header cannot carry/],
    [{ 'X-Count': 1 }, /"X-Count" .*its value is a number, not a string/],
    [{ '': 'x' }, /"" .*not an HTTP field name/],
    [['Cookie'], /"headers" is not an object/],
  ])('refuses %j, naming it', (headers, message) => {
    expect(() => stateAnswerHeaders(headers, 'an authorization code')).toThrow(message);
  });
});
