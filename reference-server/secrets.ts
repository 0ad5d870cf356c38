import { randomBytes } from 'node:crypto';

/**
 * How stored secrets look: `hex`, 64 hex characters like the seeds' secrets; or `bcrypt`,
 * a 60-character `$2a$10$…` string like the ones StorX's real client registration hands out.
 */
export type SecretFormat = 'hex' | 'bcrypt';

/** bcrypt's base64 alphabet (not RFC 4648's). */
const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A new stored secret of 32 random bytes (53 for bcrypt's 60 characters), in `format`. */
export function makeSecret(format: SecretFormat): string {
  const bytes = randomBytes(format === 'hex' ? 32 : 53);
  if (format === 'hex') return bytes.toString('hex');
  return `$2a$10$${[...bytes].map((b) => BCRYPT_ALPHABET[b % 64]).join('')}`;
}
