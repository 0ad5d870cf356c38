import type { IncomingHttpHeaders } from 'node:http';

/** The value of the `session` cookie (RFC 6265 §5.4: `name=value` pairs joined by `; `). */
export function sessionCookie(headers: IncomingHttpHeaders): string | undefined {
  for (const pair of (headers.cookie ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator !== -1 && pair.slice(0, separator).trim() === 'session') {
      return pair.slice(separator + 1).trim();
    }
  }
  return undefined;
}
