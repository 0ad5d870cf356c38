import { describe, expect, it } from 'vitest';
import { createPublicKey, verify } from 'node:crypto';
import { compactVerify, EmbeddedJWK, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK } from 'jose';
import {
  algConfusion,
  algNoneJws,
  audArrayWithoutServer,
  audEmpty,
  audMissing,
  audOtherServer,
  clientAssertionInput,
  decodeCompact,
  embeddedJwk,
  flippedSignatureJws,
  issMissing,
  issNotSub,
  issSubNotClientId,
  jtiMissing,
  nbfInFuture,
  OTHER_SERVER_AUDIENCE,
  otherAlgJws,
  publicJwkOf,
  publicKeyAsSecret,
  respelledSignature,
  signJws,
  subMissing,
  subOtherClient,
  tamperedPayloadJws,
  verifyHs256,
  wrongKeyJws,
  type DecodedCompact,
  type JwsInput,
} from '../../jwt/index.js';
import { assertionParams, AUDIENCE, CLIENT_ID, CLIENT_KEYS, CLIENT_SECRET, DURING, ES256_KEY, privateKeyOf, SECRET_KEY, type ClientKey } from './keys.js';

function decoded(token: string): DecodedCompact {
  const result = decodeCompact(token);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result;
}

/** A valid assertion of each kind SPEC §5 sends, with the key that verifies it. */
type VerifyKey = Awaited<ReturnType<typeof importJWK>>;

const CLIENTS: readonly { name: string; input: JwsInput; verifyKey: () => Promise<VerifyKey>; alg: string }[] = [
  { name: 'client_secret_jwt', input: clientAssertionInput(assertionParams(SECRET_KEY)), verifyKey: async () => new TextEncoder().encode(CLIENT_SECRET), alg: 'HS256' },
  ...CLIENT_KEYS.map((key: ClientKey) => ({
    name: `private_key_jwt ${key.alg}`,
    input: clientAssertionInput(assertionParams(privateKeyOf(key))),
    verifyKey: () => importJWK(key.publicJwk, key.alg),
    alg: key.alg,
  })),
];

const ES256_INPUT = clientAssertionInput(assertionParams(privateKeyOf(ES256_KEY)));

/** The claims an RFC 7523 server checks, with jose: a forgery of one claim fails on that claim. */
function verifyAsServer(token: string, key: VerifyKey, alg: string) {
  return jwtVerify(token, key, {
    algorithms: [alg],
    issuer: CLIENT_ID,
    subject: CLIENT_ID,
    audience: AUDIENCE,
    requiredClaims: ['jti', 'iat', 'exp'],
    currentDate: DURING,
  });
}

/** The claims forgeries: each the valid claims with one change, still correctly signed. */
const CLAIM_FORGERIES: readonly {
  name: string;
  forge: (input: JwsInput) => string;
  claims: (valid: Record<string, unknown>) => Record<string, unknown>;
  refusedClaim: string;
}[] = [
  { name: 'audMissing', forge: audMissing, claims: ({ aud: _aud, ...rest }) => rest, refusedClaim: 'aud' },
  { name: 'audEmpty (string)', forge: (input) => audEmpty(input), claims: (valid) => ({ ...valid, aud: '' }), refusedClaim: 'aud' },
  { name: 'audEmpty (array)', forge: (input) => audEmpty(input, 'array'), claims: (valid) => ({ ...valid, aud: [] }), refusedClaim: 'aud' },
  { name: 'audOtherServer', forge: (input) => audOtherServer(input), claims: (valid) => ({ ...valid, aud: OTHER_SERVER_AUDIENCE }), refusedClaim: 'aud' },
  {
    name: 'audArrayWithoutServer',
    forge: (input) => audArrayWithoutServer(input),
    claims: (valid) => ({ ...valid, aud: [OTHER_SERVER_AUDIENCE, 'https://another-server.example/token'] }),
    refusedClaim: 'aud',
  },
  { name: 'issMissing', forge: issMissing, claims: ({ iss: _iss, ...rest }) => rest, refusedClaim: 'iss' },
  { name: 'subMissing', forge: subMissing, claims: ({ sub: _sub, ...rest }) => rest, refusedClaim: 'sub' },
  { name: 'issSubNotClientId', forge: (input) => issSubNotClientId(input, 'someone-else'), claims: (valid) => ({ ...valid, iss: 'someone-else', sub: 'someone-else' }), refusedClaim: 'iss' },
  { name: 'issNotSub', forge: (input) => issNotSub(input, 'https://attacker.example'), claims: (valid) => ({ ...valid, iss: 'https://attacker.example' }), refusedClaim: 'iss' },
  { name: 'subOtherClient', forge: (input) => subOtherClient(input, 'other-client'), claims: (valid) => ({ ...valid, sub: 'other-client' }), refusedClaim: 'sub' },
  { name: 'nbfInFuture', forge: (input) => nbfInFuture(input, 40), claims: (valid) => ({ ...valid, nbf: (valid['iat'] as number) + 40 }), refusedClaim: 'nbf' },
  { name: 'jtiMissing', forge: jtiMissing, claims: ({ jti: _jti, ...rest }) => rest, refusedClaim: 'jti' },
];

describe('claims forgeries of an RFC 7523 assertion [RFC7523-AUD, RFC7523-ISS-SUB, RFC7523-NBF, RFC7523-JTI-MISSING]', () => {
  for (const client of CLIENTS) {
    describe(client.name, () => {
      const valid = decoded(signJws(client.input));

      it('the valid assertion passes every check the forgeries break', async () => {
        await expect(verifyAsServer(signJws(client.input), await client.verifyKey(), client.alg)).resolves.toBeDefined();
      });

      for (const forgery of CLAIM_FORGERIES) {
        it(`${forgery.name} changes only ${forgery.refusedClaim === 'iss' ? 'iss (and sub)' : forgery.refusedClaim}, correctly signed, and jose refuses that claim`, async () => {
          const token = forgery.forge(client.input);
          const forged = decoded(token);
          expect(forged.header).toEqual(valid.header);
          expect(forged.payload).toEqual(forgery.claims(valid.payload));
          const key = await client.verifyKey();
          await expect(compactVerify(token, key, { algorithms: [client.alg] })).resolves.toBeDefined();
          await expect(verifyAsServer(token, key, client.alg)).rejects.toMatchObject({ claim: forgery.refusedClaim });
        });
      }
    });
  }

  it('nbfInFuture needs a positive offset and a numeric iat', () => {
    expect(() => nbfInFuture(ES256_INPUT, 0)).toThrow(RangeError);
    expect(() => nbfInFuture({ ...ES256_INPUT, claims: { ...ES256_INPUT.claims, iat: '1' } }, 5)).toThrow(RangeError);
  });

  it('keeps the claims in the valid order, a new claim last', () => {
    expect(Object.keys(decoded(nbfInFuture(ES256_INPUT, 5)).payload)).toEqual(['iss', 'sub', 'aud', 'jti', 'iat', 'exp', 'nbf']);
    expect(Object.keys(decoded(audOtherServer(ES256_INPUT)).payload)).toEqual(['iss', 'sub', 'aud', 'jti', 'iat', 'exp']);
  });
});

describe('publicJwkOf', () => {
  it.each(CLIENT_KEYS.map((key) => [key.alg, key] as const))('gives the public half of an %s JWK, members in order', (_alg, key) => {
    const expected = Object.fromEntries(Object.entries(key.privateJwk).filter(([member]) => !['d', 'p', 'q', 'dp', 'dq', 'qi'].includes(member)));
    expect(publicJwkOf(key.privateJwk)).toEqual(key.publicJwk);
    expect(JSON.stringify(publicJwkOf(key.privateJwk))).toBe(JSON.stringify(expected));
  });

  it('drops key_ops and refuses a symmetric key', () => {
    expect(publicJwkOf({ ...ES256_KEY.privateJwk, key_ops: ['sign'] })).not.toHaveProperty('key_ops');
    expect(() => publicJwkOf({ kty: 'oct', k: 'c2VjcmV0' })).toThrow(RangeError);
  });
});

/** The two common readings of a public key as an HMAC secret, computed here without the toolkit. */
function publicKeyReadings(key: ClientKey): Record<'jwk-json' | 'spki-pem', string> {
  return {
    'jwk-json': JSON.stringify(publicJwkOf(key.privateJwk)),
    'spki-pem': createPublicKey({ key: key.publicJwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString(),
  };
}

describe('algConfusion [RFC7523-ALG-CONFUSION]', () => {
  for (const key of CLIENT_KEYS) {
    const input = clientAssertionInput(assertionParams(privateKeyOf(key)));
    const valid = decoded(signJws(input));

    for (const reading of ['jwk-json', 'spki-pem'] as const) {
      it(`${key.alg} client, ${reading}: HS256 in the header (kid kept), the claims unchanged, MACed with that public-key text`, async () => {
        const token = algConfusion(input, reading);
        const forged = decoded(token);
        expect(forged.header).toEqual({ ...valid.header, alg: 'HS256' });
        expect(forged.payload).toEqual(valid.payload);
        const secret = publicKeyReadings(key)[reading];
        expect(publicKeyAsSecret(input, reading)).toBe(secret);
        expect(verifyHs256(token, secret)).toBe(true);
        await expect(verifyAsServer(token, new TextEncoder().encode(secret), 'HS256')).resolves.toBeDefined();
      });

      it(`${key.alg} client, ${reading}: jose refuses it with the public key`, async () => {
        const token = algConfusion(input, reading);
        const publicKey = await importJWK(key.publicJwk, key.alg);
        await expect(verifyAsServer(token, publicKey, key.alg)).rejects.toMatchObject({ code: 'ERR_JOSE_ALG_NOT_ALLOWED' });
        await expect(jwtVerify(token, publicKey, { currentDate: DURING })).rejects.toThrow();
      });
    }
  }

  it('the JWK reading holds no private member, the PEM reading is an SPKI public key', () => {
    expect(JSON.parse(publicKeyAsSecret(ES256_INPUT, 'jwk-json'))).not.toHaveProperty('d');
    expect(publicKeyAsSecret(ES256_INPUT, 'spki-pem')).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
  });

  it('needs a private_key_jwt assertion', () => {
    expect(() => algConfusion(clientAssertionInput(assertionParams(SECRET_KEY)), 'jwk-json')).toThrow(RangeError);
  });
});

describe('embeddedJwk [RFC7523-ALG-CONFUSION]', () => {
  for (const client of CLIENTS) {
    it(`${client.name}: the valid header plus an attacker's public jwk, verified by that key only`, async () => {
      const token = embeddedJwk(client.input);
      const forged = decoded(token);
      const valid = decoded(signJws(client.input));
      const { jwk, ...header } = forged.header;
      const attackerAlg = client.alg === 'HS256' ? 'ES256' : client.alg;
      expect(header).toEqual({ ...valid.header, alg: attackerAlg });
      expect(forged.payload).toEqual(valid.payload);
      expect(jwk).not.toHaveProperty('d');
      expect(jwk).not.toEqual(CLIENT_KEYS.find((key) => key.alg === client.alg)?.publicJwk);
      await expect(jwtVerify(token, EmbeddedJWK, { algorithms: [attackerAlg], currentDate: DURING })).resolves.toBeDefined();
      await expect(verifyAsServer(token, await client.verifyKey(), client.alg)).rejects.toThrow();
    });
  }

  it('makes a fresh attacker key every time', () => {
    expect(decoded(embeddedJwk(ES256_INPUT)).header['jwk']).not.toEqual(decoded(embeddedJwk(ES256_INPUT)).header['jwk']);
  });
});

describe('the forgers of every JWS, on an assertion [AUTH-ALG-NONE, AUTH-ALG-OTHER, AUTH-WRONG-KEY, AUTH-SIG-TAMPERED]', () => {
  const valid = decoded(signJws(ES256_INPUT));
  const publicKey = () => importJWK(ES256_KEY.publicJwk, 'ES256');

  it.each(['absent', 'empty', 'hmac'] as const)('algNoneJws changes only alg (signature %s), and jose refuses it', async (signature) => {
    const token = algNoneJws(ES256_INPUT, 'none', signature);
    const [header = '', payload = '', signatureSegment] = token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ ...valid.header, alg: 'none' });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual(valid.payload);
    expect(signatureSegment).toEqual(signature === 'absent' ? undefined : signature === 'empty' ? '' : expect.stringMatching(/^[\w-]{86}$/));
    await expect(verifyAsServer(token, await publicKey(), 'ES256')).rejects.toThrow();
  });

  it('algNoneJws with the real signature: the client\'s ES256 signature over the alg-none header and the claims', () => {
    const token = algNoneJws(ES256_INPUT, 'none', 'hmac');
    const signingInput = token.slice(0, token.lastIndexOf('.'));
    const key = createPublicKey({ key: ES256_KEY.publicJwk, format: 'jwk' });
    const signature = Buffer.from(token.split('.')[2] ?? '', 'base64url');
    expect(verify('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
  });

  it('otherAlgJws: ES384 in the header over an ES256 signature; PS256 for an RS256 client, signed PS256', async () => {
    const token = otherAlgJws(ES256_INPUT, 'ES384');
    expect(decoded(token)).toMatchObject({ header: { ...valid.header, alg: 'ES384' }, payload: valid.payload });
    await expect(verifyAsServer(token, await publicKey(), 'ES256')).rejects.toMatchObject({ code: 'ERR_JOSE_ALG_NOT_ALLOWED' });
    const rsa = CLIENT_KEYS[1] ?? ES256_KEY;
    const rsaToken = otherAlgJws(clientAssertionInput(assertionParams(privateKeyOf(rsa))), 'PS256');
    await expect(compactVerify(rsaToken, await importJWK(rsa.publicJwk, 'PS256'), { algorithms: ['PS256'] })).resolves.toBeDefined();
    expect(() => otherAlgJws(ES256_INPUT, 'ES256')).toThrow(RangeError);
  });

  it('wrongKeyJws: the same header and claims, signed with another P-256 key', async () => {
    const other = await generateKeyPair('ES256', { extractable: true });
    const token = wrongKeyJws(ES256_INPUT, { kind: 'private-jwk', jwk: (await exportJWK(other.privateKey)) as JWK });
    expect(decoded(token)).toMatchObject({ header: valid.header, payload: valid.payload });
    await expect(verifyAsServer(token, other.publicKey, 'ES256')).resolves.toBeDefined();
    await expect(verifyAsServer(token, await publicKey(), 'ES256')).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    expect(() => wrongKeyJws(ES256_INPUT, privateKeyOf(ES256_KEY))).toThrow(RangeError);
  });

  it('tamperedPayloadJws and flippedSignatureJws break the ES256 signature, and respelledSignature keeps its bytes', async () => {
    for (const token of [tamperedPayloadJws(ES256_INPUT), flippedSignatureJws(ES256_INPUT)]) {
      await expect(verifyAsServer(token, await publicKey(), 'ES256')).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    }
    expect(decoded(tamperedPayloadJws(ES256_INPUT)).payload).toEqual({ ...valid.payload, exp: (valid.payload['exp'] as number) + 86_400 });
    const token = signJws(ES256_INPUT);
    const respelled = respelledSignature(token);
    expect(respelled).not.toBe(token);
    expect(Buffer.from(respelled.split('.')[2] ?? '', 'base64url')).toEqual(Buffer.from(token.split('.')[2] ?? '', 'base64url'));
  });
});
