import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcProvider, type RunningOidcProvider } from '../support/oidc-provider/index.js';
import { assertion, redeem, setUp, tokenFields, withField, type Answer, type Client, type Code, type Method } from './kit.js';

// node-oidc-provider behind the adapter in test/support/oidc-provider, driven with jose
// directly (not the harness): the adapter's states give real clients and codes, and the
// provider's answers to SPEC §5's failures are pinned as observed (README there compares
// them with SPEC §5's expectations).

let op: RunningOidcProvider;
beforeAll(async () => {
  op = await startOidcProvider();
});
afterAll(() => op.close());

const METHODS: readonly Method[] = ['client_secret_jwt', 'private_key_jwt'];

/** A fresh client of `method` and a fresh code for it (SPEC §2: every case starts from fresh fixtures). */
async function fresh(method: Method = 'client_secret_jwt', codeParams: Record<string, unknown> = {}) {
  const client = await setUp<Client>(op.stateUrl, 'a registered client', { token_endpoint_auth_method: method });
  return { client, code: await codeFor(client, codeParams) };
}

function codeFor(client: Client, params: Record<string, unknown> = {}, state = 'an authorization code'): Promise<Code> {
  return setUp<Code>(op.stateUrl, state, { client_id: client.client_id, redirect_uri: client.redirect_uri, ...params });
}

/** A fully valid token request for a fresh client and code, with `change` applied to its fields. */
async function validRequest(method: Method, change: (fields: [string, string][], client: Client) => [string, string][] = (f) => f) {
  const { client, code } = await fresh(method);
  return redeem(op.tokenUrl, change(tokenFields(client, code, await assertion(client)), client));
}

/** `status error` of an answer, the way SPEC §2 reports a check. */
function outcome(answer: Answer): string {
  return `${answer.status} ${answer.error ?? '-'}`;
}

describe.each(METHODS)('a %s client', (method) => {
  it('is issued an access token for a fully valid request (RESP-SUCCESS)', async () => {
    const answer = await validRequest(method);
    expect(outcome(answer)).toBe('200 -');
    expect(answer.body).toMatchObject({ access_token: expect.any(String), token_type: 'Bearer', scope: 'read write' });
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('may name the issuer as the audience, not only the token endpoint URL', async () => {
    const { client, code } = await fresh(method);
    const answer = await redeem(op.tokenUrl, tokenFields(client, code, await assertion(client, { aud: client.issuer })));
    expect(outcome(answer)).toBe('200 -');
  });

  it('is refused invalid_client for an assertion signed with another key (AUTH-WRONG-KEY)', async () => {
    const { client, code } = await fresh(method);
    const answer = await redeem(op.tokenUrl, tokenFields(client, code, await assertion(client, {}, { key: await anotherKey(client) })));
    expect(outcome(answer)).toBe('401 invalid_client');
  });

  it('is refused invalid_grant for a code already redeemed, and the first token is revoked (CODE-REUSED, CODE-REUSE-REVOKES)', async () => {
    const { client, code } = await fresh(method);
    const first = await redeem(op.tokenUrl, tokenFields(client, code, await assertion(client)));
    expect(outcome(first)).toBe('200 -');
    const again = await redeem(op.tokenUrl, tokenFields(client, code, await assertion(client)));
    expect(outcome(again)).toBe('400 invalid_grant');
    const status = await setUp(op.stateUrl, "an access token's status", { access_token: first.body['access_token'] });
    expect(status).toEqual({ active: false });
  });
});

/** A key of the client's kind that is not the client's: another secret, or another EC key. */
async function anotherKey(client: Client): Promise<Uint8Array | CryptoKey> {
  if (client.private_jwk === undefined) return new TextEncoder().encode(`${client.client_secret}-not`);
  return (await generateKeyPair('ES256')).privateKey;
}

/** The client's public JWK, as it registered it (the private JWK without `d`). */
function publicJwk(client: Client): JWK {
  const { d: _private, ...rest } = client.private_jwk ?? {};
  return rest;
}

/** One failure of SPEC §5's table, with the answer oidc-provider 9.13.3 was observed to give. */
interface Failure {
  readonly name: string;
  readonly observed: string;
  send(): Promise<Answer>;
}

/** A failure made by changing the assertion of an otherwise valid request. */
function assertionFailure(
  name: string,
  observed: string,
  make: (client: Client) => Promise<string>,
  method: Method = 'client_secret_jwt',
): Failure {
  return {
    name,
    observed,
    send: async () => {
      const { client, code } = await fresh(method);
      return redeem(op.tokenUrl, tokenFields(client, code, await make(client)));
    },
  };
}

const NOW = () => Math.floor(Date.now() / 1000);
const unsigned = (client: Client) => {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = NOW();
  return `${part({ alg: 'none' })}.${part({ iss: client.client_id, sub: client.client_id, aud: client.token_endpoint, jti: randomUUID(), iat: now, exp: now + 60 })}.`;
};

const FAILURES: readonly Failure[] = [
  assertionFailure('AUTH-WRONG-KEY: HS256 with another secret', '401 invalid_client', async (c) => assertion(c, {}, { key: await anotherKey(c) })),
  assertionFailure('AUTH-WRONG-KEY: ES256 with another key', '401 invalid_client', async (c) => assertion(c, {}, { key: await anotherKey(c) }), 'private_key_jwt'),
  assertionFailure('AUTH-ALG-NONE: alg none, empty signature', '401 invalid_client', async (c) => unsigned(c)),
  assertionFailure('AUTH-UNREGISTERED: iss = sub = a client_id never registered', '401 invalid_client', (c) =>
    assertion(c, { iss: 'never-registered', sub: 'never-registered' }),
  ),
  assertionFailure('AUTH-EXP-PAST: exp = now - 1 (leeway 0)', '401 invalid_client', (c) => assertion(c, { exp: NOW() - 1 })),
  assertionFailure('AUTH-EXP-PAST: exp an hour past', '401 invalid_client', (c) => assertion(c, { exp: NOW() - 3600, iat: NOW() - 3660 })),
  assertionFailure('AUTH-EXP-MISSING: no exp', '401 invalid_client', (c) => assertion(c, { exp: undefined })),
  assertionFailure('AUTH-EXP-INVALID: exp a string', '401 invalid_client', (c) => assertion(c, { exp: String(NOW() + 60) })),
  assertionFailure('AUTH-EXP-TOO-FAR: exp ten years ahead', '200 -', (c) => assertion(c, { exp: NOW() + 10 * 365 * 86_400 })),
  assertionFailure('RFC7523-ISS-SUB: iss ≠ sub', '401 invalid_client', (c) => assertion(c, { iss: 'someone-else' })),
  assertionFailure('RFC7523-ISS-SUB: iss missing', '401 invalid_client', (c) => assertion(c, { iss: undefined })),
  assertionFailure('RFC7523-ISS-SUB: sub missing', '401 invalid_client', (c) => assertion(c, { sub: undefined })),
  assertionFailure('RFC7523-AUD: aud another server', '401 invalid_client', (c) => assertion(c, { aud: 'https://other.example/token' })),
  assertionFailure('RFC7523-AUD: aud missing', '401 invalid_client', (c) => assertion(c, { aud: undefined })),
  assertionFailure('RFC7523-NBF: nbf now + 60', '401 invalid_client', (c) => assertion(c, { nbf: NOW() + 60 })),
  assertionFailure('RFC7523-JTI-MISSING: no jti', '401 invalid_client', (c) => assertion(c, { jti: undefined })),
  assertionFailure('AUTH-ALG-OTHER: HS512 (not among enabledJWA.clientAuthSigningAlgValues)', '401 invalid_client', (c) => assertion(c, {}, { header: { alg: 'HS512' } })),
  assertionFailure('RFC7523-ALG-CONFUSION: HS256 keyed with the public JWK', '401 invalid_client', async (c) =>
    assertion(c, {}, { header: { alg: 'HS256', kid: undefined }, key: new TextEncoder().encode(JSON.stringify(publicJwk(c))) }),
    'private_key_jwt',
  ),
  assertionFailure('RFC7523-ALG-CONFUSION: an embedded jwk header', '401 invalid_client', async (c) => {
    const attacker = await generateKeyPair('ES256', { extractable: true });
    return assertion(c, {}, { header: { alg: 'ES256', kid: undefined, jwk: await exportJWK(attacker.publicKey) }, key: attacker.privateKey });
  }, 'private_key_jwt'),
  assertionFailure('AUTH-MALFORMED-JWT: random text', '400 invalid_request', async () => 'not-a-jwt'),
  {
    name: 'RFC7523-JTI-REPLAY: the same assertion with a fresh code',
    observed: '401 invalid_client',
    send: async () => {
      const { client, code } = await fresh();
      const once = await assertion(client);
      expect(outcome(await redeem(op.tokenUrl, tokenFields(client, code, once)))).toBe('200 -');
      return redeem(op.tokenUrl, tokenFields(client, await codeFor(client), once));
    },
  },
  { name: 'RFC7523-ASSERTION-TYPE: missing', observed: '400 invalid_request', send: () => validRequest('client_secret_jwt', (f) => withField(f, 'client_assertion_type')) },
  {
    name: 'RFC7523-ASSERTION-TYPE: another URN',
    observed: '400 invalid_request',
    send: () => validRequest('client_secret_jwt', (f) => withField(f, 'client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer')),
  },
  {
    name: 'RFC7523-ONE-METHOD: Authorization: Basic beside the assertion',
    observed: '400 invalid_request',
    send: async () => {
      const { client, code } = await fresh();
      const basic = Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64');
      return redeem(op.tokenUrl, tokenFields(client, code, await assertion(client)), { headers: { authorization: `Basic ${basic}` } });
    },
  },
  {
    name: 'AUTH-CLIENT-ID-MISMATCH: body client_id ≠ sub',
    observed: '400 invalid_request',
    send: () => validRequest('client_secret_jwt', (f) => [...f, ['client_id', 'someone-else']]),
  },
  {
    name: 'CODE-UNKNOWN: a code never issued',
    observed: '400 invalid_grant',
    send: () => validRequest('client_secret_jwt', (f) => withField(f, 'code', randomUUID())),
  },
  {
    name: 'CODE-OTHER-CLIENT: a code issued to another client',
    observed: '400 invalid_grant',
    send: async () => {
      const mine = await fresh();
      const { client: other } = await fresh();
      return redeem(op.tokenUrl, tokenFields(other, mine.code, await assertion(other)));
    },
  },
  {
    name: 'CODE-EXPIRED: the code of `an expired authorization code`',
    observed: '400 invalid_grant',
    send: async () => {
      const { client } = await fresh();
      const code = await codeFor(client, {}, 'an expired authorization code');
      return redeem(op.tokenUrl, tokenFields(client, code, await assertion(client)));
    },
  },
  {
    name: 'REDIRECT-MISMATCH: another redirect_uri',
    observed: '400 invalid_grant',
    send: () => validRequest('client_secret_jwt', (f, c) => withField(f, 'redirect_uri', `${c.redirect_uri}/other`)),
  },
  { name: 'REQ-MISSING-FIELD: no redirect_uri', observed: '400 invalid_request', send: () => validRequest('client_secret_jwt', (f) => withField(f, 'redirect_uri')) },
  { name: 'REQ-MISSING-FIELD: no code', observed: '400 invalid_request', send: () => validRequest('client_secret_jwt', (f) => withField(f, 'code')) },
  {
    name: 'PKCE-VERIFIER: a wrong code_verifier',
    observed: '400 invalid_grant',
    send: () => validRequest('client_secret_jwt', (f) => withField(f, 'code_verifier', 'x'.repeat(43))),
  },
  { name: 'PKCE-VERIFIER: no code_verifier', observed: '400 invalid_grant', send: () => validRequest('client_secret_jwt', (f) => withField(f, 'code_verifier')) },
  {
    name: "PKCE-VERIFIER: another code's code_verifier",
    observed: '400 invalid_grant',
    send: async () => {
      const { client, code } = await fresh();
      const other = await codeFor(client);
      return redeem(op.tokenUrl, withField(tokenFields(client, code, await assertion(client)), 'code_verifier', String(other.code_verifier)));
    },
  },
  {
    name: 'PKCE-DOWNGRADE: a code_verifier for a code issued without a challenge',
    observed: '400 invalid_grant',
    send: async () => {
      const { client, code } = await fresh('client_secret_jwt', { code_challenge_method: 'none' });
      return redeem(op.tokenUrl, [...tokenFields(client, code, await assertion(client)), ['code_verifier', 'x'.repeat(43)]]);
    },
  },
  ...(['code', 'client_assertion', 'grant_type'] as const).map(
    (name): Failure => ({
      name: `REQ-DUPLICATE-PARAM: ${name} twice`,
      observed: '400 invalid_request',
      send: () => validRequest('client_secret_jwt', (f) => [...f, ...f.filter(([key]) => key === name)]),
    }),
  ),
  { name: 'REQ-GRANT-TYPE: grant_type missing', observed: '400 invalid_request', send: () => validRequest('client_secret_jwt', (f) => withField(f, 'grant_type')) },
  {
    name: 'REQ-GRANT-TYPE: grant_type=password',
    observed: '400 unsupported_grant_type',
    send: () => validRequest('client_secret_jwt', (f) => withField(f, 'grant_type', 'password')),
  },
  {
    name: 'REQ-CONTENT-TYPE: the parameters as a JSON body',
    observed: '400 invalid_request',
    send: async () => {
      const { client, code } = await fresh();
      const body = JSON.stringify(Object.fromEntries(tokenFields(client, code, await assertion(client))));
      return redeem(op.tokenUrl, [], { body, headers: { 'content-type': 'application/json' } });
    },
  },
  {
    name: 'REQ-METHOD: GET with the parameters in the query',
    observed: '404 -',
    send: async () => {
      const { client, code } = await fresh();
      const query = new URLSearchParams(tokenFields(client, code, await assertion(client)));
      return redeem(`${op.tokenUrl}?${query}`, [], { method: 'GET', body: null });
    },
  },
  {
    name: 'ORDER-CLIENT-FIRST: a wrongly signed assertion and an unknown code',
    observed: '401 invalid_client',
    send: async () => {
      const { client, code } = await fresh();
      const fields = tokenFields(client, code, await assertion(client, {}, { key: await anotherKey(client) }));
      return redeem(op.tokenUrl, withField(fields, 'code', randomUUID()));
    },
  },
];

describe('the state endpoint', () => {
  /** POSTs a raw state request and answers its status. */
  const post = async (body: object) =>
    (await fetch(op.stateUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;

  it('answers 404 to a state it does not know', async () => {
    expect(await post({ action: 'setup', state: 'a user with a passphrase', params: {} })).toBe(404);
  });

  it('answers a pinned signing alg, and the provider holds the client to it', async () => {
    const client = await setUp<Client & { token_endpoint_auth_signing_alg?: string }>(op.stateUrl, 'a registered client', {
      token_endpoint_auth_method: 'client_secret_jwt',
      token_endpoint_auth_signing_alg: 'HS256',
    });
    expect(client.token_endpoint_auth_signing_alg).toBe('HS256');
    const answer = await redeem(op.tokenUrl, tokenFields(client, await codeFor(client), await assertion(client)));
    expect(outcome(answer)).toBe('200 -');
  });

  it('issues a code without a challenge when asked for code_challenge_method none, redeemable without a verifier', async () => {
    const { client, code } = await fresh('client_secret_jwt', { code_challenge_method: 'none' });
    expect(code.code_verifier).toBeUndefined();
    expect(outcome(await redeem(op.tokenUrl, tokenFields(client, code, await assertion(client))))).toBe('200 -');
  });

  it('deletes the client on teardown: its assertions are then refused', async () => {
    const { client, code } = await fresh();
    const params = { token_endpoint_auth_method: 'client_secret_jwt', client_id: client.client_id };
    expect(await post({ action: 'teardown', state: 'a registered client', params })).toBe(204);
    expect(outcome(await redeem(op.tokenUrl, tokenFields(client, code, await assertion(client))))).toBe('401 invalid_client');
  });
});

describe('one code redeemed by many requests at once (CODE-CONCURRENT)', () => {
  it('is redeemed exactly once', async () => {
    const { client, code } = await fresh();
    const requests = await Promise.all(Array.from({ length: 5 }, async () => tokenFields(client, code, await assertion(client))));
    const answers = await Promise.all(requests.map((fields) => redeem(op.tokenUrl, fields)));
    expect(answers.map(outcome).sort()).toEqual(['200 -', '400 invalid_grant', '400 invalid_grant', '400 invalid_grant', '400 invalid_grant']);
  });
});

describe('SPEC §5 failures, as oidc-provider 9.13.3 answers them', () => {
  it.each(FAILURES)('$name: $observed', async ({ send, observed }) => {
    const answer = await send();
    expect(outcome(answer), String(answer.body['error_description'])).toBe(observed);
  });
});
