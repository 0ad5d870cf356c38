import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * The headers a proxy names the client it forwards for in, in the order they are read: RFC
 * 7239's `Forwarded`, then the de facto ones (`X-Forwarded-For` is a list like `Forwarded`;
 * the others name one address).
 */
export const FORWARDED_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip', 'true-client-ip', 'cf-connecting-ip'] as const;

/** Whether a peer address is a proxy whose forwarded headers are believed (the `trustedProxies` option). */
export type TrustsProxy = (address: string) => boolean;

/** The address a rate limit counts a request against, given which peers are trusted proxies. */
export type ClientAddressOf = (req: IncomingMessage, trusts: TrustsProxy) => string;

/**
 * The client's address: the TCP peer, unless the peer is a trusted proxy, in which case the
 * hop it names (the last entry of its forwarded header), and so on while that hop is a trusted
 * proxy too. RFC 7239 §8.1: "the header field values can be spoofed"; so a header is believed
 * only from a proxy the server was told to trust, and by default from nobody.
 */
export const clientAddressOf: ClientAddressOf = (req, trusts) => {
  let address = normalized(req.socket.remoteAddress ?? '');
  const hops = forwardedHops(req);
  while (trusts(address) && hops.length > 0) address = hops.pop()!;
  return address;
};

/** The `trustedProxies` option as a predicate: exactly those addresses (IPv4-mapped IPv6 read as IPv4). */
export function trustingOnly(addresses: readonly string[]): TrustsProxy {
  const trusted = new Set(addresses.map(normalized));
  return (address) => trusted.has(address);
}

/** The addresses the first forwarded header present names, the client first and the nearest proxy last. */
function forwardedHops(req: IncomingMessage): string[] {
  for (const name of FORWARDED_HEADERS) {
    const value = req.headers[name];
    if (typeof value !== 'string' || value.trim() === '') continue;
    if (name === 'forwarded') return value.split(',').flatMap((element) => forwardedFor(element));
    return value.split(',').map((hop) => normalized(hop.trim())).filter(Boolean);
  }
  return [];
}

/** RFC 7239 §4–6: the `for=` of one forwarded element, its quotes, brackets and port taken off. */
function forwardedFor(element: string): string[] {
  const pair = element.split(';').find((p) => p.trim().toLowerCase().startsWith('for='));
  if (pair === undefined) return [];
  const node = pair.trim().slice(4).replace(/^"|"$/g, '');
  const address = node.startsWith('[') ? node.slice(1, node.indexOf(']')) : node.replace(/:\d+$/, '');
  return [normalized(address)];
}

/** `::ffff:127.0.0.1` is 127.0.0.1; anything else as given, lower-cased (IPv6 hex, obfuscated identifiers). */
function normalized(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4 ? lower.slice(7) : lower;
}
