import { randomBytes, randomUUID } from 'node:crypto';

/** A registered OAuth2 client. */
export interface RegisteredClient {
  readonly id: string;
  /**
   * The stored secret: 32 random bytes as 64 hex characters, like the seeds' secrets. It is
   * opaque text: the HMAC key is its UTF-8 bytes, never its hex decoding (SPEC §1).
   */
  readonly secret: string;
  readonly redirectUri: string;
}

/** The clients the server knows, by id. */
export class ClientRegistry {
  readonly #clients = new Map<string, RegisteredClient>();

  register(redirectUri: string): RegisteredClient {
    const client = { id: randomUUID(), secret: randomBytes(32).toString('hex'), redirectUri };
    this.#clients.set(client.id, client);
    return client;
  }

  get(id: string): RegisteredClient | undefined {
    return this.#clients.get(id);
  }

  remove(id: string): void {
    this.#clients.delete(id);
  }
}
