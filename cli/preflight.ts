import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Fixture } from '../catalogue/case-kit.js';
import { errorCodeOf, responseJson, type Exchange } from '../vocabulary/exchange.js';
import { describeAnswer } from '../checks/answer.js';
import type { AuthMethod } from '../vocabulary/profile.js';
import { TargetKit } from '../client/kit.js';
import { TargetClient } from '../client/target.js';
import { RunStopped } from './errors.js';
import { isHarnessError } from '../vocabulary/errors.js';
import type { RunConfig } from '../vocabulary/run-config.js';

/**
 * Before any case: the target accepts connections, the fixture source hands out a client
 * (SPEC §3: when `a registered client` cannot be set up the run stops with exit 2) and a code
 * whose headers can be sent (a state answer's bad `headers` is the state endpoint's fault),
 * and the target answers a fully valid request as a token endpoint would (SPEC §4: a target
 * that is not one is a configuration error, not a finding). That costs one token request, one
 * per client authentication method in rfc7523, whose clients' answers (a `private_jwk`, an
 * `issuer` for `--audience issuer`) and codes' `code_verifier` are checked here too (SPEC §5).
 */
export async function preflight(config: RunConfig): Promise<void> {
  await reachable(config.tokenUrl, config.timeoutMs, '--target');
  if (config.fixtures.kind === 'state-url') await reachable(config.fixtures.url, config.timeoutMs, '--state-url');
  const target = new TargetClient(config);
  const kit = new TargetKit(target, 'preflight', () => undefined);
  try {
    for (const method of kit.authMethods) {
      const fixture = await fixtureOrNone(kit, method);
      if (!fixture) continue;
      const exchange = await kit.send(`is --target a token endpoint?${method === null ? '' : ` (${method})`}`, () => kit.validRequest(fixture));
      const problem = (await notATokenEndpoint(exchange)) ?? pkceRequired(fixture, exchange);
      if (problem) throw new RunStopped(problem);
    }
  } catch (error) {
    if (isHarnessError(error, 'state-unsupported')) throw new RunStopped(`${error.message}: every case needs a fresh client; check --state-url or --fixtures`, { cause: error });
    if (isHarnessError(error, 'state-failed')) throw new RunStopped(`${error.message}; check --state-url or --fixtures`, { cause: error });
    if (isHarnessError(error, 'rate-limited')) throw new RunStopped(`no verdict: ${error.message}`, { cause: error });
    throw error;
  } finally {
    await kit.close();
    await target.close();
  }
}

/** A client and a code; a target with no code state still gets its cases, which skip on it. */
async function fixtureOrNone(kit: TargetKit, method: AuthMethod | null): Promise<Fixture | null> {
  const client = await kit.registerClient(method);
  try {
    const code = await kit.issueCode(client);
    return { client, code, passphrase: '' };
  } catch (error) {
    if (isHarnessError(error, 'state-unsupported')) return null;
    throw error;
  }
}

/**
 * SPEC §4: what shows that --target is not a token endpoint at all: a TLS handshake against
 * a plain HTTP port or the reverse, 404 or 405 to a fully valid request, or an answer that is
 * not JSON (an HTML page, a proxy's text). A JSON answer of any status is the endpoint's own
 * and stays for the cases to judge.
 */
async function notATokenEndpoint(exchange: Exchange): Promise<string | null> {
  const url = new URL(exchange.request.url);
  const shown = `${url.protocol}//${url.host}${url.pathname}`;
  const response = exchange.response;
  if (!response) {
    if (/SSL|TLS|EPROTO/i.test(exchange.failure ?? '')) return `--target ${shown} does not speak TLS (${exchange.failure}): check the scheme, http:// for a plain HTTP port`;
    if (url.protocol === 'http:' && (await speaksTls(url))) return `--target ${shown} is a TLS port: use https://`;
    return null;
  }
  const fix = 'give the full token endpoint URL (e.g. http://localhost:10100/api/v0/oauth2/token), and --header or --header-env if a gateway wants a key';
  if (response.status === 404 || response.status === 405) return `--target ${shown} answered ${response.status} to a fully valid token request: it is not the token endpoint; ${fix}`;
  if (responseJson(exchange) === undefined) {
    const type = response.headers['content-type'] ?? 'no Content-Type';
    return `--target ${shown} answered ${response.status} with ${/html/i.test(type) ? 'an HTML page' : 'a body that is not JSON'} (${type}) to a fully valid token request; ${fix}`;
  }
  return null;
}

/**
 * SPEC §5: a code whose state answer has no `code_verifier`, refused by a target that wants one
 * (invalid_grant or invalid_request to a request otherwise valid): every case would be refused
 * for it, so the run stops before any case.
 */
function pkceRequired(fixture: Fixture, exchange: Exchange): string | null {
  if (fixture.client.method === null || fixture.code.codeVerifier !== null) return null;
  const error = errorCodeOf(exchange);
  if (error !== 'invalid_grant' && error !== 'invalid_request') return null;
  return `the state answer of "an authorization code" has no "code_verifier", and the target refused the code without one (${describeAnswer(exchange)}): it requires PKCE; answer the verifier of the code's S256 challenge (SPEC §5)`;
}

/** Whether a TLS handshake succeeds on the URL's port: an http:// target on an https port. */
function speaksTls(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 80), rejectUnauthorized: false, timeout: 2_000 });
    const done = (speaks: boolean) => {
      socket.destroy();
      resolve(speaks);
    };
    socket.once('secureConnect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

function reachable(url: string, timeoutMs: number, flag: string): Promise<void> {
  const { hostname, port, protocol } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '');
  const portNumber = Number(port || (protocol === 'https:' ? 443 : 80));
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port: portNumber, timeout: timeoutMs });
    const fail = (why: string) => {
      socket.destroy();
      reject(new RunStopped(`the ${flag} host ${hostname}:${portNumber} is unreachable (${why}): check ${flag} and that the server is running`));
    };
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
    socket.once('timeout', () => fail(`no connection within ${timeoutMs / 1000} s`));
    socket.once('error', (error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
  });
}
