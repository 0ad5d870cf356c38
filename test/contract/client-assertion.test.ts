import { compactVerify, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { assertionTreatmentOf, recordedAssertions, resignedAssertion, type AssertingClient, type AssertionContext } from '../../contract/verify/client-assertion.js';
import { CANONICAL_RFC7523_PACT_FILE } from '../../contract/canonical.js';
import type { PactDocument } from '../../contract/verify/pact-source.js';
import { decodeCompact, freshJwkPair, signParts, verifyHs256 } from '../../jwt/index.js';
import { readFile } from 'node:fs/promises';

const recorded = signParts({ alg: 'EdDSA', kid: 'example-key', crit: ['b64'], b64: true }, { iss: 'example', sub: 'example', aud: 'https://as.example.com/oauth2/token', jti: 'example-jti', iat: 1, exp: 4_102_444_800, extra: 'kept' }, { kind: 'secret', secret: 'x' }, 'HS256');
const now = 1_800_000_000;
const secretClient: AssertingClient = { clientId: 'secret-client', key: { kind: 'secret', secret: 'the-client-secret' }, alg: 'HS256' };
const context: AssertionContext = { client: secretClient, audience: 'https://target.example/api/v0/oauth2/token', nowSeconds: now };

function decoded(token: string | null) {
  const result = decodeCompact(token);
  if (!result.ok) throw new Error(`not a decodable JWS: ${result.message}`);
  return result;
}

describe('the one change verification makes to a recorded rfc7523 request: its client_assertion (SPEC §5)', () => {
  it("is chosen by the interaction's requirement when tokenInteraction wrote it, and by the answer otherwise", () => {
    expect(assertionTreatmentOf('AUTH-WRONG-KEY: … (private_key_jwt)', 401, { error: 'invalid_client' })).toBe('another-key');
    expect(assertionTreatmentOf('AUTH-EXP-PAST: … (client_secret_jwt)', 400, { error: 'invalid_client' })).toBe('expired');
    expect(assertionTreatmentOf('AUTH-MALFORMED-JWT: … (client_secret_jwt)', 400, { error: 'invalid_client' })).toBe('as-recorded');
    expect(assertionTreatmentOf('CODE-UNKNOWN: … (client_secret_jwt)', 400, { error: 'invalid_grant' })).toBe('fresh');
    expect(assertionTreatmentOf("another consumer's words", 401, { error: 'invalid_client' })).toBe('as-recorded');
    expect(assertionTreatmentOf("another consumer's words", 400, { error: 'invalid_grant' })).toBe('fresh');
  });

  it('is made current for the registered client: iss = sub = its client_id, the run\'s aud, a fresh jti, iat now, exp a minute on; other header parameters and claims kept', () => {
    const first = decoded(resignedAssertion(recorded, 'fresh', context));
    const second = decoded(resignedAssertion(recorded, 'fresh', context));
    expect(first.header).toEqual({ alg: 'HS256', crit: ['b64'], b64: true });
    expect(first.payload).toMatchObject({ iss: 'secret-client', sub: 'secret-client', aud: context.audience, iat: now, exp: now + 60, extra: 'kept' });
    expect(first.payload.jti).not.toBe('example-jti');
    expect(first.payload.jti).not.toBe(second.payload.jti);
    expect(verifyHs256(resignedAssertion(recorded, 'fresh', context)!, 'the-client-secret')).toBe(true);
  });

  it("is signed with a private_key_jwt client's private JWK, under its alg and kid", async () => {
    const { privateJwk, publicJwk } = freshJwkPair('ES256');
    const keyClient: AssertingClient = { clientId: 'key-client', key: { kind: 'private-jwk', jwk: { ...privateJwk, kid: 'k1' } }, alg: 'ES256', kid: 'k1' };
    const token = resignedAssertion(recorded, 'fresh', { ...context, client: keyClient })!;
    const { protectedHeader } = await compactVerify(token, await importJWK(publicJwk, 'ES256'), { crit: { b64: true } });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: 'k1' });
  });

  it('keeps the fault it stands for', () => {
    expect(decoded(resignedAssertion(recorded, 'expired', context)).payload.exp).toBe(now - 86_400);
    expect(verifyHs256(resignedAssertion(recorded, 'another-key', context)!, 'the-client-secret')).toBe(false);
    expect(verifyHs256(resignedAssertion(recorded, 'payload-changed', context)!, 'the-client-secret')).toBe(false);
    expect(decoded(resignedAssertion(recorded, 'payload-changed', context)).payload.exp).toBe(now + 120);
    expect(decoded(resignedAssertion(recorded, 'without-exp', context)).payload).not.toHaveProperty('exp');
    expect(decoded(resignedAssertion(recorded, 'exp-a-string', context)).payload.exp).toBe(String(now + 60));
    const other: AssertingClient = { clientId: 'other-client', key: { kind: 'secret', secret: 'the-other-secret' }, alg: 'HS256' };
    const byOther = resignedAssertion(recorded, 'other-client', { ...context, otherClient: other })!;
    expect(decoded(byOther).payload).toMatchObject({ iss: 'other-client', sub: 'other-client' });
    expect(verifyHs256(byOther, 'the-other-secret')).toBe(true);
    expect(resignedAssertion(recorded, 'other-client', context)).toBeNull();
    expect(resignedAssertion(recorded, 'as-recorded', context)).toBeNull();
    expect(resignedAssertion('not-a-jws', 'fresh', context)).toBeNull();
  });

  it('every client_assertion of the rfc7523 canonical pact is recognised, with its own treatment', async () => {
    const pact = JSON.parse(await readFile(CANONICAL_RFC7523_PACT_FILE, 'utf8')) as PactDocument;
    const found = recordedAssertions([pact]);
    expect(found.size).toBe(pact.interactions.length);
    const treatments = Object.fromEntries([...found.values()].map((r) => [r.description, r.treatment]));
    expect(treatments['AUTH-UNREGISTERED: A client that was never registered is refused (client_secret_jwt)']).toBe('as-recorded');
    expect(treatments['AUTH-ALG-OTHER: A JWT whose alg is not exactly HS256 is refused (client_secret_jwt)']).toBe('recorded-alg');
  });
});
