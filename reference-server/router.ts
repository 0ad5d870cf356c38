import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { writeJson, writeMethodNotAllowed, writeNotFound, writeServerError } from './json-response.js';
import { countsPath, handleStateChange, statePath, type StateChanger } from './state-endpoint.js';
import { tokenPath } from './token-endpoint.js';

/** How many clients, codes and used JWTs the server keeps. */
export interface StateCounts {
  readonly clients: number;
  readonly codes: number;
  readonly used_jwts: number;
}

/** What a profile serves at the paths every profile shares. */
export interface ProfileRoutes {
  /** `POST` on the token path. */
  readonly token: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Any other method on the token path. */
  readonly otherTokenMethod: (res: ServerResponse) => void;
  /** Serve `/provider-states` and its counts (SPEC §3). */
  readonly enableStates: boolean;
  readonly bodyLimitBytes: number;
  readonly applyStateChange: StateChanger;
  readonly counts: () => StateCounts;
}

/**
 * The request listener of a profile: the token endpoint at `/api/v0/oauth2/token`, with
 * `enableStates` the state endpoint and its counts beside it, 404 elsewhere.
 */
export function listenerFor(routes: ProfileRoutes): RequestListener {
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A server's requests always have a url (node:http); the type allows none for clients'.
    const path = String(req.url).split('?', 1)[0];
    if (path === tokenPath) {
      if (req.method === 'POST') await routes.token(req, res);
      else routes.otherTokenMethod(res);
    } else if (path === statePath && routes.enableStates) {
      if (req.method === 'POST') await handleStateChange(req, res, routes.bodyLimitBytes, routes.applyStateChange);
      else writeMethodNotAllowed(res, 'POST');
    } else if (path === countsPath && routes.enableStates) {
      if (req.method === 'GET') writeJson(res, 200, routes.counts());
      else writeMethodNotAllowed(res, 'GET');
    } else {
      writeNotFound(res);
    }
  }
  return (req, res) => {
    route(req, res).catch(() => writeServerError(res));
  };
}
