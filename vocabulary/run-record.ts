import type { Exchange } from './exchange.js';

/** A request that reached the harness's listener: the target fetched a URL it was handed. */
export interface CallbackHit {
  /** The unique token of the URL that was fetched. */
  readonly token: string;
  readonly method: string;
  readonly path: string;
}

/** What a run-wide check sees: every exchange of the run, and what reached the harness's listener. */
export interface RunRecord {
  readonly exchanges: readonly Exchange[];
  /** Header URLs (jku, x5u) handed to the target, each with the exchange that carried it. */
  readonly handedOut: readonly { readonly token: string; readonly carrier: Exchange }[];
  readonly hits: readonly CallbackHit[];
}
