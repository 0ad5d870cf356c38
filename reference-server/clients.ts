import { randomUUID } from 'node:crypto';
import { KeyedRegistry } from './registry.js';
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

/** The clients of profile storx (SPEC §1), bounded as `KeyedRegistry` says. */
export class ClientRegistry extends KeyedRegistry<RegisteredClient> {
  constructor(
    private readonly secretFormat: SecretFormat,
    capacity: number,
  ) {
    super(capacity);
  }

  /** A new client, or `undefined` when `capacity` clients are registered already. */
  register(redirectUri: string): RegisteredClient | undefined {
    return this.add({ id: randomUUID(), secret: makeSecret(this.secretFormat), redirectUri });
  }
}
