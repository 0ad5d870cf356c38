import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultTarget, diagnose, readRequest, renderJson, TargetUnreachable, type DoctorRequest } from '../../doctor/index.js';
import { hexDecodedKey, mintClientSecret } from '../../jwt/index.js';
import { startReferenceServer, type RunningReferenceServer } from '../../reference-server/index.js';
import { closedPort } from '../support/servers.js';
import { SEED_CLIENT_ID, SEED_SECRET } from './cases.js';
import { registeredClientWithCode } from './states.js';

const PASSPHRASE = 'correct horse battery staple';

let server: RunningReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer({ enableStates: true });
});
afterAll(() => server.close());

function jsonRequest(fields: Record<string, string>): DoctorRequest {
  return readRequest(JSON.stringify(fields), {});
}

async function consult(request: DoctorRequest, secret: string | null, url = server.tokenUrl) {
  const nowMs = Date.now();
  const diagnosis = diagnose(request, { secret, nowMs });
  return { diagnosis, report: await consultTarget(request, diagnosis, { url, secret, nowMs, timeoutMs: 5000 }) };
}

describe('consultTarget, against the reference server', () => {
  it('an unregistered client (seed 001): local checks pass, a fresh JWT is refused too, so the server does not know the client', async () => {
    const { code } = await registeredClientWithCode(server.stateUrl);
    const exp = Math.floor(Date.now() / 1000) + 120;
    const request = jsonRequest({ client_id: SEED_CLIENT_ID, client_secret: await mintClientSecret({ clientId: SEED_CLIENT_ID, exp, secret: SEED_SECRET }), redirect_uri: 'https://myapp.com/callback', code, passphrase: '' });
    const { diagnosis, report } = await consult(request, SEED_SECRET);
    expect(diagnosis.verdict.outcome).toBe('no fault found');
    expect([report.original.status, report.original.error, report.fresh?.status, report.fresh?.error]).toEqual([401, 'invalid_client', 401, 'invalid_client']);
    expect(report.explanation.line).toMatch(/the server does not know client "e45fa79a-05f5-4f00-bbfe-bd0a14aead0a", or holds another secret for it/);
    expect(report.explanation.next[0]).toMatch(/^register the client/);
  });

  it('a registered client, its JWT keyed with the hex-decoded secret: confirmed, and the fresh request is accepted, grant redacted', async () => {
    const c = await registeredClientWithCode(server.stateUrl);
    const jwt = hexDecodedKey({ clientId: c.clientId, exp: Math.floor(Date.now() / 1000) + 120, secret: c.secret })!;
    const request = jsonRequest({ client_id: c.clientId, client_secret: jwt, redirect_uri: c.redirectUri, code: c.code, passphrase: PASSPHRASE });
    const { diagnosis, report } = await consult(request, c.secret);
    expect(diagnosis.steps.find((s) => s.step === 'signature')?.finding).toBe('HEX_DECODED_KEY');
    expect([report.original.error, report.fresh?.status]).toEqual(['invalid_client', 200]);
    expect(report.fresh?.body).toMatch(/"access_grant":"\[redacted access grant\]"/);
    expect(report.explanation.line).toMatch(/^confirmed: the client_secret is at fault .* and was accepted \(the fresh request spent the code\)/);
    const json = renderJson({ request, diagnosis, target: report });
    for (const secret of [c.secret, jwt, jwt.split('.')[2]!, PASSPHRASE]) expect(json).not.toContain(secret);
  });

  it('a valid request is accepted and no fresh one is sent: the code is spent', async () => {
    const c = await registeredClientWithCode(server.stateUrl);
    const jwt = await mintClientSecret({ clientId: c.clientId, exp: Math.floor(Date.now() / 1000) + 120, secret: c.secret });
    const { report } = await consult(jsonRequest({ client_id: c.clientId, client_secret: jwt, redirect_uri: c.redirectUri, code: c.code, passphrase: '' }), c.secret);
    expect(report.original.status).toBe(200);
    expect(report.fresh).toBeNull();
    expect(report.freshSkipped).toBe('the request succeeded (and spent its code)');
  });

  it('without the secret no fresh request is sent, and the answer is set against the local verdict', async () => {
    const c = await registeredClientWithCode(server.stateUrl);
    const jwt = await mintClientSecret({ clientId: c.clientId, exp: 1751019553, secret: c.secret });
    const { report } = await consult(jsonRequest({ client_id: c.clientId, client_secret: jwt, redirect_uri: c.redirectUri, code: c.code, passphrase: '' }), null);
    expect(report.original.error).toBe('client_secret_expired');
    expect(report.freshSkipped).toBe('no stored secret given (--secret-env VAR)');
    expect(report.explanation.line).toMatch(/^as diagnosed: 401 client_secret_expired/);
  });

  it("sends the curl command's headers: a code bound to a session cookie is redeemed with it", async () => {
    const bound = await startReferenceServer({ enableStates: true, bindCodesToSession: true });
    try {
      const c = await registeredClientWithCode(bound.stateUrl);
      const cookie = c.headers.Cookie!;
      // A JWT of its own for each request: the reference server accepts each JWT once.
      const curl = async (withCookie: boolean, exp: number) => {
        const jwt = await mintClientSecret({ clientId: c.clientId, exp, secret: c.secret });
        const fields = JSON.stringify({ client_id: c.clientId, client_secret: jwt, redirect_uri: c.redirectUri, code: c.code, passphrase: '' });
        return readRequest(`curl ${bound.tokenUrl} -H 'Content-Type: application/json' ${withCookie ? `-b '${cookie}'` : ''} -d '${fields}'`, {});
      };
      const now = Math.floor(Date.now() / 1000);
      const without = await consult(await curl(false, now + 120), null, bound.tokenUrl);
      expect(without.report.original.error).toBe('invalid_code');
      const { report } = await consult(await curl(true, now + 121), null, bound.tokenUrl);
      expect(report.original.status).toBe(200);
      expect(JSON.stringify(report)).not.toContain(cookie.split('=')[1]);
    } finally {
      await bound.close();
    }
  });

  it('a target nobody listens on is a harness error, not a finding', async () => {
    const origin = await closedPort();
    const request = jsonRequest({ client_id: 'a', client_secret: 'b', redirect_uri: 'c', code: 'd', passphrase: '' });
    await expect(consult(request, null, `${origin}/api/v0/oauth2/token`)).rejects.toThrow(TargetUnreachable);
    await expect(consult(request, null, `${origin}/api/v0/oauth2/token`)).rejects.toThrow(/connection refused by 127\.0\.0\.1:\d+; check the URL/);
  });
});
