import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import type { CallbackHit } from '../vocabulary/run-record.js';

/**
 * The harness's own HTTP listener for header parameters that name a URL (`jku`, `x5u`).
 * A conforming target never fetches them (RFC 8725 §3.10): every request that arrives is a
 * finding, whatever the token endpoint answered. Answers 404, so nothing is ever trusted.
 */
export class CallbackListener {
  readonly hits: CallbackHit[] = [];
  private server: Promise<{ server: Server; base: string }> | null = null;

  /** `--callback-host`: the address the target can reach this listener at. */
  constructor(private readonly host: string) {}

  /** A URL no one else knows: `{base}/{kind}/{token}`. */
  async url(kind: 'jwks' | 'x5u'): Promise<string> {
    return `${await this.base()}/${kind}/${randomBytes(9).toString('base64url')}`;
  }

  /** `http://{callback-host}:{port}`: every URL under it reaches this listener. */
  async base(): Promise<string> {
    return (await this.start()).base;
  }

  /** The token of a URL under `base`, or null for any other URL. */
  tokenOf(url: string, base: string): string | null {
    return url.startsWith(`${base}/`) ? (url.split('/').pop() ?? null) : null;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    const { server } = await this.server;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Whether any URL of the listener was handed out yet. */
  get started(): boolean {
    return this.server !== null;
  }

  private start() {
    this.server ??= new Promise((resolve, reject) => {
      const server = createServer((req, res) => {
        const path = req.url ?? '/';
        this.hits.push({ token: path.split('/').pop() ?? '', method: req.method ?? 'GET', path });
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
      });
      // A host name is reachable on every interface; an address only on itself.
      const bind = isIP(this.host.replace(/^\[|\]$/g, '')) ? this.host.replace(/^\[|\]$/g, '') : '0.0.0.0';
      server.once('error', reject);
      server.listen(0, bind, () => {
        const { port } = server.address() as AddressInfo;
        const host = isIP(this.host) === 6 ? `[${this.host}]` : this.host;
        resolve({ server, base: `http://${host}:${port}` });
      });
    });
    return this.server;
  }
}
