import { describe, expect, it } from 'vitest';
import { recordedSecrets, resignedClientSecret, treatmentForAnswer, treatmentOf, type SecretContext } from '../../contract/verify/client-secret.js';
import { decodeCompact, verifyHs256 } from '../../jwt/decode.js';
import { signCompact } from '../../jwt/compact.js';
import type { PactDocument } from '../../contract/verify/pact-source.js';

const recorded = signCompact({ alg: 'HS256', typ: 'JWT' }, { client_id: 'example-client', exp: 4_102_444_800, jti: 'kept' }, 'example-secret');

describe('the one change verification makes to a recorded request: its client_secret', () => {
  it('is chosen by the answer the interaction expects', () => {
    expect(treatmentForAnswer(200, { access_grant: 'x' })).toBe('fresh');
    expect(treatmentForAnswer(400, { error: 'invalid_code' })).toBe('fresh');
    expect(treatmentForAnswer(400, { error: 'invalid_request' })).toBe('fresh');
    expect(treatmentForAnswer(401, { error: 'client_secret_expired' })).toBe('expired');
    expect(treatmentForAnswer(401, { error: 'invalid_client' })).toBe('as-recorded');
    expect(treatmentForAnswer(500, 'oops')).toBe('as-recorded');
  });

  it("is chosen by the interaction's requirement when tokenInteraction wrote it, and by the answer otherwise", () => {
    expect(treatmentOf('AUTH-WRONG-KEY: A JWT signed with another key than the stored secret is refused', 401, { error: 'invalid_client' })).toBe('another-key');
    expect(treatmentOf('AUTH-ALG-NONE: …', 401, { error: 'invalid_client' })).toBe('unsigned');
    expect(treatmentOf('AUTH-CLIENT-ID-MISMATCH: …', 401, { error: 'invalid_client' })).toBe('other-client');
    expect(treatmentOf('AUTH-EXP-PRECEDENCE: …', 401, { error: 'invalid_client' })).toBe('another-key-expired');
    expect(treatmentOf('ORDER-CLIENT-FIRST: …', 401, { error: 'invalid_client' })).toBe('another-key');
    expect(treatmentOf('AUTH-HEADER-CRIT: …', 401, { error: 'invalid_client' })).toBe('fresh');
    expect(treatmentOf('AUTH-UNREGISTERED: …', 401, { error: 'invalid_client' })).toBe('as-recorded');
    expect(treatmentOf('CODE-OTHER-CLIENT: …', 400, { error: 'invalid_code' })).toBe('fresh');
    // Another consumer's words, or an ID whose answer the interaction does not record: today's rule.
    expect(treatmentOf('a wrongly signed JWT is refused', 401, { error: 'invalid_client' })).toBe('as-recorded');
    expect(treatmentOf('AUTH-WRONG-KEY: but refused as expired', 401, { error: 'client_secret_expired' })).toBe('expired');
  });

  const now = 1_800_000_000;
  const client = { clientId: 'registered-id', storedSecret: 'the-stored-secret' };
  const otherClient = { clientId: 'other-id', storedSecret: 'the-other-stored-secret' };
  const context: SecretContext = { client, otherClient, nowSeconds: now };
  const treated = (treatment: Parameters<typeof resignedClientSecret>[1], jwt = recorded, ctx = context) => resignedClientSecret(jwt, treatment, ctx);
  const decoded = (token: string | null) => {
    const result = decodeCompact(token);
    if (!result.ok) throw new Error(`not a decodable JWS: ${result.message}`);
    return result;
  };

  it('re-signs with the stored secret, keeps the other claims, and sets client_id and exp', () => {
    const fresh = treated('fresh')!;
    expect(decoded(fresh).payload).toEqual({ client_id: 'registered-id', exp: now + 60, jti: 'kept' });
    expect(decoded(fresh).header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(verifyHs256(fresh, 'the-stored-secret')).toBe(true);
    expect(decoded(treated('expired')).payload.exp).toBe(now - 86_400);
    expect(treated('fresh', 'not-a-jwt')).toBeNull();
    expect(treated('as-recorded')).toBeNull();
  });

  it('keeps the one fault each new interaction stands for, pointed at the registered client', () => {
    const wrongKey = treated('another-key')!;
    expect(decoded(wrongKey).payload).toEqual({ client_id: 'registered-id', exp: now + 60, jti: 'kept' });
    expect(verifyHs256(wrongKey, 'the-stored-secret')).toBe(false);
    const expiredWrongKey = treated('another-key-expired')!;
    expect(decoded(expiredWrongKey).payload.exp).toBe(now - 86_400);
    expect(verifyHs256(expiredWrongKey, 'the-stored-secret')).toBe(false);

    const unsignedRecorded = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"client_id":"example","exp":1}').toString('base64url')}.`;
    const unsigned = treated('unsigned', unsignedRecorded)!;
    expect(decoded(unsigned)).toMatchObject({ header: { alg: 'none', typ: 'JWT' }, payload: { client_id: 'registered-id', exp: now + 60 }, signature: '' });

    const hs384Recorded = signCompact({ alg: 'HS384', typ: 'JWT' }, { client_id: 'example', exp: 1 }, 'example-secret', 'HS384');
    const hs384 = treated('recorded-alg', hs384Recorded)!;
    expect(decoded(hs384).header.alg).toBe('HS384');
    expect(hs384).toBe(signCompact({ alg: 'HS384', typ: 'JWT' }, { client_id: 'registered-id', exp: now + 60 }, 'the-stored-secret', 'HS384'));

    const tampered = treated('payload-changed')!;
    expect(decoded(tampered).payload).toEqual({ client_id: 'registered-id', exp: now + 120, jti: 'kept' });
    expect(tampered.split('.')[2]).toBe(treated('fresh')!.split('.')[2]);
    expect(verifyHs256(tampered, 'the-stored-secret')).toBe(false);

    expect(treated('raw-stored-secret', 'example-stored-secret-not-a-credential')).toBe('the-stored-secret');

    const mismatch = treated('other-client')!;
    expect(decoded(mismatch).payload).toMatchObject({ client_id: 'other-id', exp: now + 60 });
    expect(verifyHs256(mismatch, 'the-other-stored-secret')).toBe(true);
    expect(treated('other-client', recorded, { client, nowSeconds: now })).toBeNull();

    expect(decoded(treated('without-client-id')).payload).toEqual({ exp: now + 60, jti: 'kept' });
    expect(decoded(treated('without-exp')).payload).toEqual({ client_id: 'registered-id', jti: 'kept' });
    expect(decoded(treated('exp-a-string')).payload.exp).toBe(String(now + 60));
    for (const treatment of ['without-client-id', 'without-exp', 'exp-a-string'] as const) expect(verifyHs256(treated(treatment)!, 'the-stored-secret')).toBe(true);
  });

  it('knows each recorded client_secret by its interaction, and drops one recorded with two different treatments', () => {
    const other = signCompact({ alg: 'HS256', typ: 'JWT' }, { client_id: 'x', exp: 1 }, 'k');
    const interaction = (description: string, secret: string, status: number, error?: string) => ({
      description,
      request: { method: 'POST', path: '/t', body: { content: { client_secret: secret }, contentType: 'application/json', encoded: false } },
      response: { status, body: error ? { content: { error }, contentType: 'application/json', encoded: false } : undefined },
    });
    const pacts: PactDocument[] = [
      {
        consumer: { name: 'c' },
        provider: { name: 'p' },
        interactions: [interaction('success', recorded, 200), interaction('expired', other, 401, 'client_secret_expired'), interaction('same JWT, refused', other, 401, 'invalid_client')],
      },
    ];
    const secrets = recordedSecrets(pacts);
    expect(secrets.get(recorded)).toEqual({ consumer: 'c', description: 'success', treatment: 'fresh' });
    expect(secrets.has(other)).toBe(false);
  });
});
