import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/**
 * RFC 6749 §5.1 (and §5.2 by reference): token endpoint answers carry
 * `Cache-Control: no-store` and `Pragma: no-cache`.
 */
export const noStoreHeaders: Readonly<OutgoingHttpHeaders> = {
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
};

/** Ends `res` with `body` serialised as JSON (RFC 6749 §5.1: `application/json`). */
export function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<OutgoingHttpHeaders> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Ends `res` with 204 No Content. */
export function writeNoContent(res: ServerResponse): void {
  res.writeHead(204);
  res.end();
}

/** 404 for every path the server does not serve. */
export function writeNotFound(res: ServerResponse): void {
  writeJson(res, 404, { error: 'not_found', error_description: 'No such endpoint.' });
}

/** RFC 9110 §15.5.6: 405 names the allowed method in `Allow`. */
export function writeMethodNotAllowed(
  res: ServerResponse,
  allow: 'POST' | 'GET',
  headers: Readonly<OutgoingHttpHeaders> = {},
): void {
  writeJson(
    res,
    405,
    { error: 'method_not_allowed', error_description: `Only ${allow} is allowed here.` },
    { ...headers, Allow: allow },
  );
}

/**
 * The last resort of the request listener. The correct server never gets here (SPEC §1: no
 * input may produce a 5xx); deliberately broken variants do.
 */
export function writeServerError(res: ServerResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  writeJson(res, 500, { error: 'server_error', error_description: 'The server failed.' });
}
