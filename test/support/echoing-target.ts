import type { IncomingMessage, ServerResponse } from 'node:http';
import { createReferenceServer, noStoreHeaders, writeJson, type ReferenceServerOptions } from '../../reference-server/index.js';
import { ENCODINGS } from './encodings.js';
import { listen } from './servers.js';

/** The request headers a hostile target echoes: the session cookie and the run's own keys. */
const ECHOED_HEADERS = ['cookie', 'x-gateway-key', 'x-env-key'];

/**
 * A hostile target for issue 16 item 1: the reference server (bcrypt-style stored secrets,
 * codes bound to a session cookie) whose every error echoes what it knows of the request —
 * the client_secret, the passphrase, the client's stored secret, the session cookie, and
 * the run's `--header` and `--header-env` values — in an encoding of support/encodings.ts, a
 * different one each time, round and round; and the client_secret percent-encoded in an
 * `X-Echo` header. (Access grants it never echoes: no request carries one.)
 */
export async function encodingEchoTarget(options: ReferenceServerOptions = {}) {
  const storedSecrets = new Map<string, string>();
  const encodings = Object.values(ENCODINGS);
  let answered = 0;
  const reference = createReferenceServer({
    enableStates: true,
    bindCodesToSession: true,
    secretFormat: 'bcrypt',
    ...options,
    faults: {
      writeError: (res, { status, error }, request) => {
        const headers = (res.req as IncomingMessage).headers;
        const fields = [
          ['client_secret', request?.client_secret],
          ['passphrase', request?.passphrase],
          ['stored', storedSecrets.get(String(request?.client_id ?? ''))],
          ...ECHOED_HEADERS.map((name) => [name, headers[name]]),
        ];
        const echo = fields.map(([name, value]) => `${name}=${typeof value === 'string' ? value : ''}`).join('&');
        const encode = encodings[answered++ % encodings.length]!;
        const secret = typeof request?.client_secret === 'string' ? encodeURIComponent(request.client_secret) : '';
        writeJson(res, status, { error, error_description: `you sent ${encode(echo)}` }, { ...noStoreHeaders, 'X-Echo': secret });
      },
    },
  }).listener;
  const server = await listen((req, res) => (req.url?.startsWith('/provider-states') ? learnSecrets(req, res, reference, storedSecrets) : reference(req, res)));
  return { ...server, args: ['--target', server.tokenUrl, '--state-url', server.stateUrl] };
}

/** Passes a state request on, noting the stored secret of each client it registers. */
function learnSecrets(req: IncomingMessage, res: ServerResponse, reference: (req: IncomingMessage, res: ServerResponse) => void, secrets: Map<string, string>): void {
  const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) {
      try {
        const answer = JSON.parse(chunk.toString()) as { client_id?: unknown; client_secret?: unknown };
        if (typeof answer.client_id === 'string' && typeof answer.client_secret === 'string') secrets.set(answer.client_id, answer.client_secret);
      } catch {
        // not a client's answer
      }
    }
    return end(chunk, ...rest);
  }) as typeof res.end;
  reference(req, res);
}
