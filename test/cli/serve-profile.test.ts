import { describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/errors.js';
import { serve, type ServeFlags } from '../../cli/serve.js';

const flags = (changes: Partial<ServeFlags>): ServeFlags => ({ port: '0', host: '127.0.0.1', leeway: '0', maxLifetime: '300', profile: 'storx', ...changes });

/** Runs `serve` in-process until it has printed its endpoints, then hands them over and stops it. */
async function serving(changes: Partial<ServeFlags>): Promise<string[]> {
  const lines: string[] = [];
  let printed!: () => void;
  const ready = new Promise<void>((resolve) => (printed = resolve));
  const done = serve(flags(changes), (line) => {
    lines.push(line);
    if (line === 'Ctrl-C stops it.') printed();
  });
  await ready;
  process.emit('SIGTERM');
  await done;
  return lines;
}

describe('grantproof serve --profile', () => {
  it('serves profile rfc7523, its states answering the issuer it was given', async () => {
    const lines = await new Promise<string[]>((resolve, reject) => {
      const seen: string[] = [];
      const done = serve(flags({ profile: 'rfc7523', enableStates: true, issuer: 'https://as.example' }), (line) => {
        seen.push(line);
        const state = /state endpoint: (\S+)/.exec(line)?.[1];
        if (state === undefined) return;
        void fetch(state, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'setup', state: 'a registered client', params: {} }) })
          .then((res) => res.json() as Promise<Record<string, unknown>>)
          .then((client) => seen.push(`issuer ${String(client['issuer'])}`))
          .finally(() => process.emit('SIGTERM'));
      });
      done.then(() => resolve(seen), reject);
    });
    expect(lines[0]).toBe('grantproof reference server, profile rfc7523 (leeway 0 s, max lifetime 300 s)');
    expect(lines).toContain('issuer https://as.example');
  });

  it('says what --rate-limit, --no-retry-after and --trusted-proxy made of the limit', async () => {
    expect(await serving({})).toContain('  rate limit: none (start with --rate-limit B/P to have one)');
    expect(await serving({ rateLimit: '5/300', retryAfter: false })).toContain('  rate limit: 5/300 per client address, without Retry-After, forwarded headers believed from nobody');
    expect(await serving({ rateLimit: '5/300', trustedProxy: ['10.0.0.2'] })).toContain('  rate limit: 5/300 per client address, with Retry-After, forwarded headers believed from 10.0.0.2');
  });

  it('keeps storx the default', async () => {
    expect((await serving({}))[0]).toMatch(/^grantproof reference server, profile storx /);
  });

  it.each([
    [{ profile: 'oidc' }, '--profile takes storx or rfc7523, not "oidc"'],
    [{ profile: 'rfc7523', issuer: 'as.example' }, '--issuer takes an absolute URL, e.g. http://localhost:10100, not "as.example"'],
    [{ issuer: 'https://as.example' }, '--issuer is for --profile rfc7523 only'],
    [{ rateLimit: '5' }, '--rate-limit takes B/P, a burst of B requests per client address refilled every P seconds (both above 0), e.g. 5/300; got "5"'],
    [{ rateLimit: '0/300' }, '--rate-limit takes B/P, a burst of B requests per client address refilled every P seconds (both above 0), e.g. 5/300; got "0/300"'],
    [{ retryAfter: false }, '--no-retry-after is about the 429s of a rate limit: give --rate-limit B/P too, e.g. --rate-limit 5/300'],
    [{ rateLimit: '5/300', trustedProxy: ['proxy.local'] }, '--trusted-proxy takes the IP address of a proxy in front of the server, e.g. 10.0.0.2; got "proxy.local"'],
  ])('refuses %o with one line (exit 2)', async (changes, message) => {
    await expect(serve(flags(changes), () => undefined)).rejects.toThrow(new UsageError(message));
  });
});
