import type { IncomingMessage } from 'node:http';

/** The outcome of reading a request body under a size limit. */
export type BodyRead =
  | { readonly kind: 'complete'; readonly bytes: Buffer }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'aborted' };

/**
 * Reads the body of `req`, keeping at most `limitBytes`. A declared `Content-Length` over the
 * limit is refused before a byte is read; a body that outgrows it while streaming is refused
 * at the chunk that crosses it, and nothing after that chunk is kept.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<BodyRead> {
  // Without a Content-Length, Number() gives NaN, which is over no limit.
  if (Number(req.headers['content-length']) > limitBytes) {
    return Promise.resolve({ kind: 'too-large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (outcome: BodyRead): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onAbort);
      resolve(outcome);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limitBytes) {
        settle({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => settle({ kind: 'complete', bytes: Buffer.concat(chunks) });
    const onAbort = (): void => settle({ kind: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onAbort);
  });
}
