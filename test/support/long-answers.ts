import type { ServerResponse } from 'node:http';
import { noStoreHeaders, type ReferenceServerOptions } from '../../reference-server/index.js';

/** What the hostile targets of issue 16 item 2 put in every error: 1.5 MB, as the finding that filed it. */
export const LONG_DESCRIPTION_BYTES = 1_500_000;

/**
 * The reference server, correct in every verdict, whose every error carries an
 * `error_description` of `bytes` bytes (after `error`, as most servers write it, or before it
 * with `errorLast`): a conformant target that answers long.
 */
export function longErrors(bytes = LONG_DESCRIPTION_BYTES, options: { errorLast?: boolean } = {}): ReferenceServerOptions {
  const description = 'd'.repeat(bytes);
  return {
    faults: {
      writeError: (res: ServerResponse, { status, error }) => {
        const body = options.errorLast ? `{"error_description":"${description}","error":"${error}"}` : `{"error":"${error}","error_description":"${description}"}`;
        res.writeHead(status, { ...noStoreHeaders, 'Content-Type': 'application/json' });
        res.end(body);
      },
    },
  };
}
