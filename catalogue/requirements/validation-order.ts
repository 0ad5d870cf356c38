import { randomUUID } from 'node:crypto';
import * as forge from '../../jwt/index.js';
import { bodyVariant, namedClient, randomKeyLike } from '../variants.js';
import type { Requirement } from '../types.js';

export const validationOrder: readonly Requirement[] = [
  {
    id: 'ORDER-CLIENT-FIRST',
    level: 'MUST',
    category: 'validation-order',
    stage: 'conformance',
    title: 'The client is authenticated before the code is looked at',
    source: 'SPEC §1 steps 1–7; RFC 6749 §3.2.1',
    sourceIn: { rfc7523: 'SPEC §5; RFC 6749 §3.2.1' },
    expect: { storx: { error: 'invalid_client', note: 'not invalid_code' }, rfc7523: { error: 'invalid_client', note: 'not invalid_grant' } },
    variants: [
      bodyVariant('a client never registered and a code never issued', (f, kit) => {
        const input = kit.forgeInput({ ...f.client, clientId: randomUUID() });
        return { ...namedClient(kit, input), code: randomUUID(), [kit.credentialField]: forge.wrongKeyJws(input, randomKeyLike(input)) };
      }),
      bodyVariant('a JWT signed with a random key and a code never issued', (f, kit) => {
        const input = kit.forgeInput(f.client);
        return { code: randomUUID(), [kit.credentialField]: forge.wrongKeyJws(input, randomKeyLike(input)) };
      }),
      bodyVariant('alg "none" and a code never issued', (f, kit) => ({ code: randomUUID(), [kit.credentialField]: forge.algNoneJws(kit.forgeInput(f.client), 'none', 'empty') })),
    ],
  },
];
