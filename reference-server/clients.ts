import { randomUUID } from 'node:crypto';
import { makeSecret, type SecretFormat } from './secrets.js';

/** A registered OAuth2 client. */
export interface RegisteredClient {
  readonly id: string;
  /**
   * The stored secret, made from 32 random bytes (see `SecretFormat`). It is opaque text:
   * the HMAC key is its UTF-8 bytes, never its hex decoding (SPEC §1).
   */
  readonly secret: string;
  readonly redirectUri: string;
}

/**
 * The clients the server knows, by id, until their teardown (SPEC §3). The bound: at most
 * `capacity` clients; at it, no client is registered until one is torn down (the state
 * endpoint answers 503), and none is ever dropped to make room, which would refuse a client
 * still in use.
 */
export class ClientRegistry {
  readonly #clients = new Map<string, RegisteredClient>();

  constructor(
    private readonly secretFormat: SecretFormat,
    private readonly capacity: number,
  ) {}

  /** A new client, or `undefined` when `capacity` clients are registered already. */
  register(redirectUri: string): RegisteredClient | undefined {
    if (this.#clients.size >= this.capacity) return undefined;
    const client = { id: randomUUID(), secret: makeSecret(this.secretFormat), redirectUri };
    this.#clients.set(client.id, client);
    return client;
  }

  get(id: string): RegisteredClient | undefined {
    return this.#clients.get(id);
  }

  remove(id: string): void {
    this.#clients.delete(id);
  }

  count(): number {
    return this.#clients.size;
  }
}
