import { tokenPath } from './token-endpoint.js';

/** The access line the server logs for a token request: what any web server logs, and nothing of the request's body. */
export function accessLine(at: number, method: string | undefined, status: number): string {
  return `${new Date(at).toISOString()} ${method ?? '-'} ${tokenPath} ${status}`;
}
