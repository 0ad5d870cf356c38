import { randomBytes, randomUUID } from 'node:crypto';

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
 * How stored secrets look: `hex`, 64 hex characters like the seeds' secrets; or `bcrypt`,
 * a 60-character `$2a$10$…` string like the ones StorX's real client registration hands out.
 */
export type SecretFormat = 'hex' | 'bcrypt';

/** bcrypt's base64 alphabet (not RFC 4648's). */
const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function makeSecret(format: SecretFormat): string {
  const bytes = randomBytes(format === 'hex' ? 32 : 53);
  if (format === 'hex') return bytes.toString('hex');
  return `$2a$10$${[...bytes].map((b) => BCRYPT_ALPHABET[b % 64]).join('')}`;
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

  remove(id: string): void {
    this.#clients.delete(id);
  }
}
