import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { startReferenceServer } from '../../reference-server/index.js';

describe('startReferenceServer', () => {
  it('listens on 127.0.0.1 on a free port, serves both endpoints, and closes with keep-alive connections open', async () => {
    const server = await startReferenceServer({ enableStates: true });
    const agent = new Agent({ keepAliveTimeout: 60_000 });
    try {
      expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.tokenUrl).toBe(`${server.origin}/api/v0/oauth2/token`);
      expect(server.stateUrl).toBe(`${server.origin}/provider-states`);
      const state = await request(server.stateUrl, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'setup', state: 'a registered client', params: {} }),
      });
      expect(state.statusCode).toBe(200);
      expect(await state.body.json()).toHaveProperty('client_secret');
      const token = await request(server.tokenUrl, { method: 'GET', dispatcher: agent });
      expect(token.statusCode).toBe(405);
      await token.body.dump();
    } finally {
      await server.close();
      await agent.close();
    }
  });

  it('puts an IPv6 address in brackets in its URLs', async () => {
    const server = await startReferenceServer({ host: '::1' });
    try {
      expect(server.tokenUrl).toMatch(/^http:\/\/\[::1\]:\d+\/api\/v0\/oauth2\/token$/);
      const res = await request(server.tokenUrl, { method: 'GET' });
      expect(res.statusCode).toBe(405);
      await res.body.dump();
    } finally {
      await server.close();
    }
  });

  it('refuses a port in use, and listens nowhere then', async () => {
    const first = await startReferenceServer();
    try {
      const port = Number(new URL(first.origin).port);
      await expect(startReferenceServer({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });

  it('serves no state endpoint unless asked', async () => {
    const server = await startReferenceServer();
    try {
      const res = await request(server.stateUrl, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      expect(res.statusCode).toBe(404);
      await res.body.dump();
    } finally {
      await server.close();
    }
  });
});
