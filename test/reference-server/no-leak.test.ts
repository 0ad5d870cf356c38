import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { answerOf, forgeJws, referenceKit, tokenPath } from './kit.js';

describe('reference server: no answer repeats a secret, a JWT or a passphrase (SPEC §1)', () => {
  it('keeps them out of every body and header, whatever the request', async () => {
    const kit = referenceKit();
    const f = kit.fixture();
    const other = kit.fixture();
    const passphrase = 'a passphrase of some length';
    const requests: Record<string, unknown>[] = [
      kit.body(f, { passphrase }),
      kit.body(f, { passphrase }),
      kit.body(f, { passphrase, client_secret: f.secret }),
      kit.body(f, { passphrase, client_secret: kit.jwt(f, {}, 'wrong key') }),
      kit.body(f, { passphrase, client_secret: kit.jwt(f, { exp: kit.clock.seconds - 60 }) }),
      kit.body(f, { passphrase, client_secret: forgeJws({ alg: 'none' }, { client_id: f.clientId, exp: kit.freshExp() }) }),
      kit.body(f, { passphrase, client_id: other.clientId }),
      kit.body(f, { passphrase, code: other.code }),
      kit.body(f, { passphrase, redirect_uri: `${f.redirectUri}/` }),
      kit.body(f, { passphrase, code: 42 }),
    ];
    const secrets = [f.secret, other.secret, passphrase, ...requests.map((body) => String(body['client_secret']))];
    const answers = await Promise.all([
      ...requests.map((body) => kit.redeem(f, body)),
      kit.post(`{"client_secret": "${f.secret}", "passphrase": "${passphrase}"`),
      request(kit.server.listener).get(`${tokenPath}?client_secret=${f.secret}`),
    ]);
    expect(answers.map(answerOf)).toContain('200');
    for (const res of answers) {
      const transcript = JSON.stringify(res.headers) + res.text;
      for (const secret of secrets) expect(transcript).not.toContain(secret);
    }
  });

  it('logs one access line per token request, its method, path and status, and nothing of the request (SPEC §7)', async () => {
    const logged: string[] = [];
    const kit = referenceKit({ log: (line) => logged.push(line) });
    const f = kit.fixture();
    const refused = kit.body(f, { client_secret: kit.jwt(f, {}, 'wrong key') });
    const granted = await kit.redeem(f);
    await kit.redeem(f, refused);
    await request(kit.server.listener).get(tokenPath);
    const at = new Date(kit.clock.ms).toISOString();
    expect(logged).toEqual([`${at} POST ${tokenPath} 200`, `${at} POST ${tokenPath} 401`, `${at} GET ${tokenPath} 405`]);
    const secrets = [f.secret, f.code, String(refused['client_secret']), String(refused['passphrase']), String((granted.body as { access_grant: string }).access_grant)];
    for (const secret of secrets) expect(logged.join('\n')).not.toContain(secret);
  });
});
