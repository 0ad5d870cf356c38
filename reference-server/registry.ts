/**
 * Registered clients by id, until their teardown (SPEC §3), whatever a profile's clients look
 * like. The bound: at most `capacity` clients; at it, no client is added until one is removed
 * (the state endpoint answers 503), and none is ever dropped to make room, which would refuse a
 * client still in use.
 */
export class KeyedRegistry<Client extends { readonly id: string }> {
  readonly #clients = new Map<string, Client>();

  constructor(private readonly capacity: number) {}

  /** Whether another client fits under `capacity`. */
  hasRoom(): boolean {
    return this.#clients.size < this.capacity;
  }

  /** Adds `client`; `undefined` when `capacity` clients are registered already. */
  add(client: Client): Client | undefined {
    if (!this.hasRoom()) return undefined;
    this.#clients.set(client.id, client);
    return client;
  }

  get(id: string): Client | undefined {
    return this.#clients.get(id);
  }

  remove(id: string): void {
    this.#clients.delete(id);
  }

  count(): number {
    return this.#clients.size;
  }
}
