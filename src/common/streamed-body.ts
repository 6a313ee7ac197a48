import type { Readable } from 'node:stream';

/**
 * Runs `work` over the chunks of a streamed request body. A refused file is not read to its
 * end: the rest is read and dropped, and the reader stopping early must not destroy the
 * request (that would take the connection down under the answer, and a keep-alive client's
 * next request would wait for a timeout), hence `destroyOnReturn: false`.
 */
export async function readStreamedBody<T>(
  body: Readable,
  work: (chunks: AsyncIterable<Buffer>) => Promise<T>,
): Promise<T> {
  try {
    return await work(body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>);
  } finally {
    if (!body.readableEnded) body.resume();
  }
}
