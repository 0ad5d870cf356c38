import { describe, expect, it } from 'vitest';
import { generateKeyPair, exportJWK, jwtVerify, importJWK } from 'jose';
import {
  clientAssertionInput,
  decodeCompact,
  JWT_BEARER_ASSERTION_TYPE,
  mintClientAssertion,
  signJws,
  verifyHs256,
} from '../../jwt/index.js';
import {
  assertionParams,
  AUDIENCE,
  CLIENT_ID,
  CLIENT_KEYS,
  CLIENT_SECRET,
  DURING,
  ES256_KEY,
  NOW,
  privateKeyOf,
  SECRET_KEY,
} from './keys.js';

const SECRET_BYTES = new TextEncoder().encode(CLIENT_SECRET);

/** What an RFC 7523 token endpoint checks: the one alg, the key, iss, sub, aud, and the time. */
function verifyAsServer(token: string, key: Parameters<typeof jwtVerify>[1], alg: string) {
  return jwtVerify(token, key, { algorithms: [alg], issuer: CLIENT_ID, subject: CLIENT_ID, audience: AUDIENCE, currentDate: DURING });
}

function segmentText(token: string, index: 0 | 1): string {
  return Buffer.from(token.split('.')[index] ?? '', 'base64url').toString('utf8');
}

describe('mintClientAssertion (SPEC §5)', () => {
  it('client_secret_jwt: HS256 keyed with the UTF-8 bytes of the secret, header {"alg":"HS256"} and exactly the §5 claims', async () => {
    const token = await mintClientAssertion(assertionParams(SECRET_KEY));
    const verified = await verifyAsServer(token, SECRET_BYTES, 'HS256');
    expect(verified.protectedHeader).toEqual({ alg: 'HS256' });
    expect(verified.payload).toEqual({ iss: CLIENT_ID, sub: CLIENT_ID, aud: AUDIENCE, jti: 'jti-fixed', iat: NOW, exp: NOW + 60 });
    expect(verifyHs256(token, CLIENT_SECRET)).toBe(true);
  });

  for (const clientKey of CLIENT_KEYS) {
    it(`private_key_jwt with an ${clientKey.alg} JWK: its alg and kid in the header, no typ, verified with the public JWK`, async () => {
      const token = await mintClientAssertion(assertionParams(privateKeyOf(clientKey)));
      const verified = await verifyAsServer(token, await importJWK(clientKey.publicJwk, clientKey.alg), clientKey.alg);
      expect(verified.protectedHeader).toEqual({ alg: clientKey.alg, kid: clientKey.privateJwk.kid });
      expect(verified.payload).toEqual({ iss: CLIENT_ID, sub: CLIENT_ID, aud: AUDIENCE, jti: 'jti-fixed', iat: NOW, exp: NOW + 60 });
    });
  }

  it('writes the header and the claims in the prescribed order', async () => {
    const token = await mintClientAssertion(assertionParams(privateKeyOf(ES256_KEY)));
    expect(segmentText(token, 0)).toBe('{"alg":"ES256","kid":"es-1"}');
    expect(segmentText(token, 1)).toBe(
      `{"iss":"${CLIENT_ID}","sub":"${CLIENT_ID}","aud":"${AUDIENCE}","jti":"jti-fixed","iat":${NOW},"exp":${NOW + 60}}`,
    );
  });

  it('takes ES256 for a private JWK without alg, and no kid when the JWK has none', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const token = await mintClientAssertion(assertionParams({ kind: 'private-jwk', jwk: await exportJWK(privateKey) }));
    expect((await verifyAsServer(token, publicKey, 'ES256')).protectedHeader).toEqual({ alg: 'ES256' });
  });

  it('lets alg, kid, lifetime and jti be given', async () => {
    const rsa = CLIENT_KEYS.find((key) => key.alg === 'RS256');
    if (rsa === undefined) throw new Error('an RS256 client key');
    const params = { ...assertionParams(privateKeyOf(rsa)), alg: 'PS512', kid: 'other-kid', lifetimeSeconds: 45 } as const;
    const token = await mintClientAssertion(params);
    const verified = await verifyAsServer(token, await importJWK(rsa.publicJwk, 'PS512'), 'PS512');
    expect(verified.protectedHeader).toEqual({ alg: 'PS512', kid: 'other-kid' });
    expect(verified.payload).toMatchObject({ iat: NOW, exp: NOW + 45, jti: 'jti-fixed' });
  });

  it('sends an audience array as a JSON array', async () => {
    const token = await mintClientAssertion({ ...assertionParams(SECRET_KEY), audience: [AUDIENCE, 'https://as.example'] });
    expect((await verifyAsServer(token, SECRET_BYTES, 'HS256')).payload.aud).toEqual([AUDIENCE, 'https://as.example']);
  });

  it('gives every assertion a fresh random jti unless one is given', async () => {
    const { jti: _fixed, ...params } = assertionParams(SECRET_KEY);
    const jtis = await Promise.all([1, 2, 3].map(async () => (await verifyAsServer(await mintClientAssertion(params), SECRET_BYTES, 'HS256')).payload.jti));
    expect(new Set(jtis).size).toBe(3);
    for (const jti of jtis) expect(jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['ES256 with an RSA JWK', () => assertionParams(privateKeyOf(CLIENT_KEYS[1] ?? ES256_KEY)), 'ES256'],
    ['RS256 with a secret', () => assertionParams(SECRET_KEY), 'RS256'],
    ['HS256 with a private JWK', () => assertionParams(privateKeyOf(ES256_KEY)), 'HS256'],
    ['ES384 with a P-256 JWK', () => assertionParams(privateKeyOf(ES256_KEY)), 'ES384'],
  ] as const)('refuses an alg the key cannot compute (%s)', async (_kind, params, alg) => {
    expect(() => clientAssertionInput({ ...params(), alg })).toThrow(RangeError);
    await expect(mintClientAssertion({ ...params(), alg })).rejects.toThrow(RangeError);
  });

  it('names the RFC 7523 client assertion type', () => {
    expect(JWT_BEARER_ASSERTION_TYPE).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
  });
});

describe('clientAssertionInput, the forgers\' base', () => {
  it.each([
    ['HS256', SECRET_KEY],
    ['RS256', privateKeyOf(CLIENT_KEYS[1] ?? ES256_KEY)],
    ['EdDSA', privateKeyOf(CLIENT_KEYS[3] ?? ES256_KEY)],
  ] as const)('signed by the raw layer, gives the very bytes jose mints (%s, a deterministic alg)', async (_alg, key) => {
    const params = assertionParams(key);
    expect(signJws(clientAssertionInput(params))).toBe(await mintClientAssertion(params));
  });

  it.each(['ES256', 'PS256'] as const)('signed by the raw layer, gives jose\'s header and payload and a signature that verifies (%s)', async (alg) => {
    const clientKey = CLIENT_KEYS.find((key) => key.alg === alg) ?? ES256_KEY;
    const params = assertionParams(privateKeyOf(clientKey));
    const raw = signJws(clientAssertionInput(params));
    const minted = await mintClientAssertion(params);
    expect(raw.slice(0, raw.lastIndexOf('.'))).toBe(minted.slice(0, minted.lastIndexOf('.')));
    await expect(verifyAsServer(raw, await importJWK(clientKey.publicJwk, alg), alg)).resolves.toBeDefined();
  });
});

describe('decodeCompact on a client assertion (for the doctor)', () => {
  it.each([
    ['client_secret_jwt', SECRET_KEY, { alg: 'HS256' }],
    ['private_key_jwt', privateKeyOf(ES256_KEY), { alg: 'ES256', kid: 'es-1' }],
  ] as const)('reads the header and the claims of a %s assertion', async (_method, key, header) => {
    const token = await mintClientAssertion({ ...assertionParams(key), audience: [AUDIENCE] });
    expect(decodeCompact(token)).toEqual({
      ok: true,
      header,
      payload: { iss: CLIENT_ID, sub: CLIENT_ID, aud: [AUDIENCE], jti: 'jti-fixed', iat: NOW, exp: NOW + 60 },
      signature: token.split('.')[2],
      signingInput: token.slice(0, token.lastIndexOf('.')),
    });
  });
});
