import type { IncomingMessage, ServerResponse } from 'node:http';
import { writeJson, writeNoContent } from './json-response.js';
import { readBody } from './read-body.js';
import { readStateChange, type StateAnswer, type StateChange } from './state-change.js';
import { parseJsonObject } from './token-request.js';

export const statePath = '/provider-states';

/**
 * `GET /provider-states/counts`, beside the state endpoint and only with it: how many clients,
 * codes and used JWTs the server keeps, so that a test of a long-running `serve` can see that
 * teardowns and expiry free what setups made. Numbers only, nothing of a fixture.
 */
export const countsPath = '/provider-states/counts';

/** A profile's provider states: a change in, its answer out. */
export type StateChanger = (change: StateChange) => StateAnswer | Promise<StateAnswer>;

/** `POST /provider-states` (SPEC §3): a JSON state change in, the state's values out. */
export async function handleStateChange(
  req: IncomingMessage,
  res: ServerResponse,
  bodyLimitBytes: number,
  applyChange: StateChanger,
): Promise<void> {
  const body = await readBody(req, bodyLimitBytes);
  if (body.kind === 'aborted') return;
  const json = body.kind === 'complete' ? parseJsonObject(body.bytes) : undefined;
  const change = json === undefined ? undefined : readStateChange(json);
  if (change === undefined) {
    writeJson(res, 400, {
      error: 'invalid_state_change',
      error_description: 'Expected a JSON object {"action": "setup" | "teardown", "state": string, "params"?: object}.',
    });
    return;
  }
  const answer = await applyChange(change);
  if (answer.status === 204) writeNoContent(res);
  else writeJson(res, answer.status, answer.body);
}
