import { SignJWT } from 'jose';

/**
 * A token client as a consumer team writes one for a StorX-style endpoint: it mints a fresh
 * client_secret JWT for every request (HS256, `{client_id, exp}`, keyed with the UTF-8 bytes
 * of the stored secret) and exchanges an authorization code for an access grant.
 */
export interface TokenClientConfig {
  /** The full token endpoint URL. */
  readonly tokenUrl: string;
  readonly clientId: string;
  /** The stored secret the client was registered with: the HMAC key, never sent. */
  readonly storedSecret: string;
  readonly redirectUri: string;
  /** Sent as `passphrase`; left out of the request when not configured. */
  readonly passphrase?: string;
  /** Seconds since the epoch; the client's clock (default: the system clock). */
  readonly now?: () => number;
  /** How long each minted JWT lives, seconds (default 300, as StorX clients do). */
  readonly jwtLifetimeSeconds?: number;
  /** Fields sent besides the five, as a client written for RFC 6749 adds `grant_type`. */
  readonly extraFields?: Readonly<Record<string, string>>;
}

export interface AccessGrant {
  readonly accessGrant: string;
  readonly scopes: readonly string[];
}

/** The endpoint refused the exchange: `error` is its code (invalid_client, invalid_code …). */
export class TokenEndpointError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description?: string,
  ) {
    super(`token endpoint answered ${status} ${error}${description ? `: ${description}` : ''}`);
    this.name = 'TokenEndpointError';
  }
}

export class TokenClient {
  constructor(private readonly config: TokenClientConfig) {}

  async exchangeCode(code: string): Promise<AccessGrant> {
    const { tokenUrl, clientId, redirectUri, passphrase } = this.config;
    const body = { client_id: clientId, client_secret: await this.clientSecret(), redirect_uri: redirectUri, code, ...(passphrase === undefined ? {} : { passphrase }), ...this.config.extraFields };
    const response = await fetch(tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    if (response.ok && typeof json?.access_grant === 'string' && Array.isArray(json.scopes)) {
      return { accessGrant: json.access_grant, scopes: json.scopes.map(String) };
    }
    const error = typeof json?.error === 'string' ? json.error : 'unexpected_response';
    throw new TokenEndpointError(response.status, error, typeof json?.error_description === 'string' ? json.error_description : undefined);
  }

  /** A fresh JWT per request: a target may refuse a JWT used twice. */
  private clientSecret(): Promise<string> {
    const now = this.config.now?.() ?? Math.floor(Date.now() / 1000);
    return new SignJWT({ client_id: this.config.clientId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setExpirationTime(now + (this.config.jwtLifetimeSeconds ?? 300))
      .sign(new TextEncoder().encode(this.config.storedSecret));
  }
}
