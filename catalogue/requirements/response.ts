import { randomUUID } from 'node:crypto';
import { acceptedWithGrant, noCredentialedCors, successResponse } from '../../checks/success-response.js';
import { errorShape, noHeaderUrlFetch, noLeak, noSecretLogged, noServerError } from '../../checks/run-wide.js';
import type { CheckedExchange, Judgement } from '../../vocabulary/outcome.js';
import type { Requirement } from '../types.js';
import { inEveryProfile } from '../../vocabulary/expectation.js';

const LOG_RULE = 'no stored secret, JWT signature, passphrase or access grant of the run in any line the target logged during the run (when its log is available)';

const CORS_RULE = 'never that origin in Access-Control-Allow-Origin together with Access-Control-Allow-Credentials: true; * with credentials is a warning';

export const response: readonly Requirement[] = [
  {
    id: 'RESP-SUCCESS',
    level: 'MUST',
    category: 'response',
    stage: 'conformance',
    title: 'A fully valid request gets an access grant',
    source: 'SPEC §1 step 9; RFC 6749 §5.1',
    sourceIn: { rfc7523: 'SPEC §5 (success); RFC 6749 §5.1' },
    expect: { storx: { grant: true, note: '200 {"access_grant", "scopes"} with the scopes granted, Cache-Control: no-store' }, rfc7523: { grant: true, note: '200 {"access_token", "token_type": "Bearer", "scope"} with Cache-Control: no-store' } },
    async run(kit) {
      const checks: CheckedExchange[] = [];
      const controls: { judgement: Judgement; check: CheckedExchange }[] = [];
      // rfc7523: once per client authentication method of the run, so that no negative result of
      // a method is trusted without a valid request of that method accepted (SPEC §4).
      const methods = kit.authMethods;
      for (const method of methods) {
        const named = (variant: string) => (method === null || methods.length === 1 ? variant : `${variant} (${method})`);
        const fixture = await kit.fixture(undefined, method);
        const variant = named('a fully valid request');
        const exchange = await kit.send(variant, () => kit.validRequest(fixture));
        const check = { variant, exchange, judgement: successResponse(exchange, fixture.code.scopes, kit.profile) };
        checks.push(check);
        controls.push({ judgement: acceptedWithGrant(exchange, kit.profile), check });
        // SPEC §2 (scopes): a second code asked for other scopes, so that granting the same ones whatever was asked cannot pass.
        if (kit.options.scopes.length > 1) {
          const other = await kit.fixture(kit.drawScopes(fixture.code.scopes), method);
          const otherVariant = named(`a fully valid request, its code for other scopes (${other.code.scopes.join(' ')})`);
          const otherExchange = await kit.send(otherVariant, () => kit.validRequest(other));
          checks.push({ variant: otherVariant, exchange: otherExchange, judgement: successResponse(otherExchange, other.code.scopes, kit.profile) });
        }
      }
      return { checks, positiveControl: controls.find((control) => !control.judgement.ok) ?? controls[0]! };
    },
  },
  {
    id: 'RESP-CORS-CREDENTIALS',
    level: 'MUST',
    category: 'response',
    stage: 'conformance',
    title: 'A request from another origin never gets credentialed CORS access',
    source: 'SPEC §2; Fetch standard, CORS protocol (Access-Control-Allow-Credentials)',
    expect: inEveryProfile({ rule: CORS_RULE }),
    async run(kit) {
      const fixture = await kit.fixture();
      // A fresh origin per run, so that no allow-list of the target's can contain it.
      const origin = `https://${randomUUID()}.example`;
      const variant = 'a fully valid request with Origin: https://<a random origin>.example';
      const exchange = await kit.send(variant, async () => {
        const valid = await kit.validRequest(fixture);
        return { ...valid, openHeaders: { Origin: origin } };
      });
      return { checks: [{ variant, exchange, judgement: noCredentialedCors(exchange, origin) }] };
    },
  },
  {
    id: 'RESP-ERROR-SHAPE',
    level: 'MUST',
    category: 'response',
    stage: 'run-wide',
    title: 'Every error is a JSON {"error"} body with the status its code calls for',
    source: 'SPEC §1 error table; RFC 6749 §5.2',
    sourceIn: { rfc7523: 'SPEC §5 (errors); RFC 6749 §5.2' },
    expect: inEveryProfile({ rule: 'Content-Type: application/json, {"error": one of SPEC §1\'s codes}, status per the table' }),
    check: errorShape,
  },
  {
    id: 'RESP-NO-LEAK',
    level: 'MUST',
    category: 'response',
    stage: 'run-wide',
    title: 'No response contains a secret, JWT or passphrase',
    source: 'SPEC §1; RFC 8725 §3.2',
    sourceIn: { rfc7523: 'SPEC §5; RFC 8725 §3.2' },
    expect: inEveryProfile({ rule: 'no stored secret, JWT or passphrase of the run in any response header or body' }),
    check: noLeak,
  },
  {
    id: 'AUTH-HEADER-URL-FETCH',
    level: 'MUST',
    category: 'client-authentication',
    stage: 'run-wide',
    title: 'The target never fetches a URL named in a JWT header (jku, x5u)',
    source: 'RFC 8725 §3.10; SPEC §1 step 4 (the key is the stored secret)',
    sourceIn: { rfc7523: 'RFC 8725 §3.10; SPEC §5 (the key is the client\'s secret or its registered key)' },
    expect: inEveryProfile({ rule: 'no request to the harness\'s listener, whatever the token endpoint answered' }),
    check: noHeaderUrlFetch,
  },
  {
    id: 'RESP-NO-5XX',
    level: 'MUST',
    category: 'response',
    stage: 'run-wide',
    title: 'No request produces a server error',
    source: 'SPEC §1',
    sourceIn: { rfc7523: 'SPEC §5' },
    expect: inEveryProfile({ rule: 'a status below 500 for every request of the run' }),
    check: noServerError,
  },
  {
    id: 'LOG-NO-SECRET',
    level: 'MUST',
    category: 'response',
    stage: 'run-wide',
    title: 'The target never writes a secret, JWT, passphrase or access grant to its own log',
    source: 'SPEC §2, §7; RFC 6819 §5.1.4.1.3; RFC 6749 §10.3',
    expect: inEveryProfile({ rule: LOG_RULE }),
    check: noSecretLogged,
  },
];
