import type { RequestListener } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requirementById } from '../../catalogue/index.js';
import { TargetClient } from '../../client/target.js';
import { createReferenceServer, type ReferenceServerOptions } from '../../reference-server/index.js';
import type { CaseResult } from '../../results/model.js';
import { Evaluation } from '../../suites/evaluate.js';
import { runConfigFor } from '../support/in-process.js';
import { listen, referenceTarget, type Listening } from '../support/servers.js';
import { brokenServers } from './index.js';
import type { RunSettings } from '../../vocabulary/run-config.js';

const SEEDS = Array.from({ length: 10 }, (_, index) => index + 1);
const ignoring = brokenServers.find((server) => server.name === 'requested-scopes-ignored')!;

async function respSuccessOn(target: Listening, settings: Partial<RunSettings>): Promise<CaseResult> {
  const client = new TargetClient(runConfigFor(target, settings));
  try {
    return await new Evaluation(client, () => undefined).evaluate(requirementById('RESP-SUCCESS')!);
  } finally {
    await client.close();
  }
}

async function respSuccessAgainst(options: ReferenceServerOptions, settings: Partial<RunSettings>): Promise<CaseResult> {
  const target = await referenceTarget(options);
  try {
    return await respSuccessOn(target, settings);
  } finally {
    await target.close();
  }
}

describe('RESP-SUCCESS with varied scopes (SPEC §2, RFC 6749 §3.3)', () => {
  it.each([[['read', 'write']], [['read', 'write', 'admin']]])('fails a target that ignores the requested scopes on every seed, with --scopes %j', async (scopes) => {
    for (const seed of SEEDS) {
      const result = await respSuccessAgainst(ignoring.options, { seed, scopes });
      expect(result.status, `seed ${seed}`).toBe('failed');
      expect(result.reason).toMatch(/got scopes \["read","write"\]/);
    }
  });

  it.each([[['read', 'write']], [['read', 'write', 'admin']], [['openid']]])('passes the reference server on every seed, with --scopes %j', async (scopes) => {
    for (const seed of SEEDS) expect((await respSuccessAgainst({}, { seed, scopes })).status, `seed ${seed}`).toBe('passed');
  });

  /** The reference server behind a state endpoint that narrows every code to `read`, saying so in its answer or not. */
  function narrowingTarget(says: boolean): Promise<Listening> {
    const server = createReferenceServer({});
    const states: RequestListener = (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const { action, state, params } = JSON.parse(Buffer.concat(chunks).toString()) as { action: string; state: string; params: Record<string, unknown> };
        const code = state === 'an authorization code';
        const answer = action === 'setup' ? server.setup(state, code ? { ...params, scopes: ['read'] } : params) : (server.teardown(state, params), {});
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(code && says && action === 'setup' ? { ...answer, scopes: ['read'] } : answer));
      });
    };
    return listen((req, res) => (req.url === '/provider-states' ? states(req, res) : server.listener(req, res)));
  }

  it("expects the scopes the state answer says were granted, and otherwise the requested ones (SPEC §3)", async () => {
    for (const [says, status] of [[true, 'passed'], [false, 'failed']] as const) {
      const target = await narrowingTarget(says);
      try {
        expect((await respSuccessOn(target, { seed: 3, scopes: ['read', 'write'] })).status, `state answer says: ${says}`).toBe(status);
      } finally {
        await target.close();
      }
    }
  });
});
