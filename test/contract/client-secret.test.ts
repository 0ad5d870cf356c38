import { describe, expect, it } from 'vitest';
import { recordedSecrets, resignedClientSecret, treatmentForAnswer } from '../../contract/verify/client-secret.js';
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

  it('re-signs with the stored secret, keeps the other claims, and sets client_id and exp', () => {
    const now = 1_800_000_000;
    const fresh = resignedClientSecret(recorded, 'registered-id', 'the-stored-secret', 'fresh', now)!;
    const decoded = decodeCompact(fresh);
    expect(decoded.ok && decoded.payload).toEqual({ client_id: 'registered-id', exp: now + 60, jti: 'kept' });
    expect(decoded.ok && decoded.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(verifyHs256(fresh, 'the-stored-secret')).toBe(true);
    const expired = decodeCompact(resignedClientSecret(recorded, 'registered-id', 'the-stored-secret', 'expired', now)!);
    expect(expired.ok && expired.payload.exp).toBe(now - 86_400);
    expect(resignedClientSecret('not-a-jwt', 'id', 'secret', 'fresh', now)).toBeNull();
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
