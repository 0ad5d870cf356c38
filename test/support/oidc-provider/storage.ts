import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

/**
 * How long an expired entry is kept, in seconds. oidc-provider's quick-start memory adapter
 * drops an entry the moment it expires, so an expired code would come back "not found"; kept
 * a while longer, the provider finds it and answers from its own expiry check (RFC 6749
 * §4.1.2: a code is short-lived), which is what `an expired authorization code` is for.
 */
const KEPT_AFTER_EXPIRY_SECONDS = 120;

interface Entry {
  readonly payload: AdapterPayload;
  readonly keptUntil: number;
}

/**
 * The provider's storage (oidc-provider's `adapter` interface): one Map per provider instance,
 * without the quick-start adapter's 1000-entry LRU bound, so that a long run never evicts a
 * client a case still uses. Entries of one grant are indexed so that revoking the grant
 * (RFC 6749 §4.1.2: a reused code SHOULD revoke its tokens) reaches all of them.
 */
export function memoryStorage(): AdapterFactory {
  const entries = new Map<string, Entry>();
  const grants = new Map<string, Set<string>>();
  const uids = new Map<string, string>();

  const live = (key: string): AdapterPayload | undefined => {
    const entry = entries.get(key);
    if (entry !== undefined && entry.keptUntil <= Date.now()) entries.delete(key);
    return entries.get(key)?.payload;
  };

  return (model: string): Adapter => {
    const keyOf = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        const keptUntil = expiresIn === undefined ? Infinity : Date.now() + (expiresIn + KEPT_AFTER_EXPIRY_SECONDS) * 1000;
        entries.set(keyOf(id), { payload, keptUntil });
        if (typeof payload.grantId === 'string') grants.set(payload.grantId, (grants.get(payload.grantId) ?? new Set()).add(keyOf(id)));
        if (model === 'Session' && typeof payload.uid === 'string') uids.set(payload.uid, id);
      },
      async find(id) {
        return live(keyOf(id));
      },
      async findByUid(uid) {
        const id = uids.get(uid);
        return id === undefined ? undefined : live(keyOf(id));
      },
      async findByUserCode() {
        return undefined;
      },
      async consume(id) {
        const payload = live(keyOf(id));
        if (payload !== undefined) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        entries.delete(keyOf(id));
      },
      async revokeByGrantId(grantId) {
        for (const key of grants.get(grantId) ?? []) entries.delete(key);
        grants.delete(grantId);
      },
    };
  };
}
