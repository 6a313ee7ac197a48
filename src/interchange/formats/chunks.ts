/**
 * Joins small string chunks into pieces of at least `size` characters, so a stream of many
 * short units (one per segment) makes few, larger writes to the socket or the zip.
 */
export async function* coalesce(
  chunks: AsyncIterable<string>,
  size = 64 * 1024,
): AsyncGenerator<string, void, undefined> {
  let buffer = '';
  for await (const chunk of chunks) {
    buffer += chunk;
    if (buffer.length >= size) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer !== '') yield buffer;
}
