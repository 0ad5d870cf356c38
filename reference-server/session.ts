import type { IncomingHttpHeaders } from 'node:http';
import type { RedemptionRule } from './steps/redeem-code.js';

/**
 * StorX binds a code to the consenting user's session cookie (SPEC §3, `headers`). The harness
 * sends a code's headers with every request that redeems it, so no catalogue case presents a
 * code without them: this rule is the reference server's own, tested in
 * test/reference-server/codes.test.ts.
 */
export const codeSessionPresented: RedemptionRule = (grant, ctx) =>
  grant.session === undefined || sessionCookie(ctx.headers) === grant.session;

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
