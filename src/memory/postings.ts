/**
 * Posting lists of the translation memory, pure: how entry ids are packed into the blocks of
 * `tm_posting_blocks`, which blocks an append touches, and how a lookup ranks the entries of
 * the lists it read. No Nest, no TypeORM.
 *
 * A gram's list is cut into blocks of POSTING_BLOCK ids, block n holding the ids at positions
 * n·POSTING_BLOCK onwards in the order they were added. A lookup then reads a few hundred
 * short rows instead of one index tuple per posting, which is what made long lists slow.
 *
 * Ids are packed as unsigned LEB128 varints of `2·id + 1` (an id as such) or `2·gap` (the
 * gap to the id before, when it is larger). Every append starts with a whole id, so a block
 * is the concatenation of its appends, and ids added in increasing order (the usual case)
 * take one or two bytes each instead of eight: less to read, send and parse per lookup.
 */

/** Ids per block: a few hundred bytes, small enough to stay in the row uncompressed. */
export const POSTING_BLOCK = 192;

export function encodeIds(ids: readonly number[]): Buffer {
  const bytes: number[] = [];
  let previous = Infinity;
  for (const id of ids) {
    let value = id > previous ? 2 * (id - previous) : 2 * id + 1;
    previous = id;
    while (value >= 128) {
      bytes.push((value % 128) + 128);
      value = Math.floor(value / 128);
    }
    bytes.push(value);
  }
  return Buffer.from(bytes);
}

export function decodeIds(bytes: Buffer): number[] {
  const ids: number[] = [];
  forEachPosting([bytes], (id) => ids.push(id));
  return ids;
}

export interface BlockAppend {
  block: number;
  ids: number[];
}

/**
 * Where `ids` go when appended to a list that already holds `length` ids: the partly filled
 * last block first, then new blocks.
 */
export function blockAppends(length: number, ids: readonly number[]): BlockAppend[] {
  const appends: BlockAppend[] = [];
  let position = length;
  let i = 0;
  while (i < ids.length) {
    const block = Math.floor(position / POSTING_BLOCK);
    const room = (block + 1) * POSTING_BLOCK - position;
    const chunk = ids.slice(i, i + room);
    appends.push({ block, ids: chunk });
    position += chunk.length;
    i += chunk.length;
  }
  return appends;
}

/** Entry ids up to this are counted in a plain array indexed by id; above it, in a map. */
const DIRECT_IDS = 1 << 24;

/**
 * Per-id counts of topCandidates, reused between calls (they are synchronous, so never
 * overlap; allocating them per lookup cost more than the counting), grown to the largest id
 * seen: one byte per entry of the memory, so that the counting, which touches it at random,
 * stays in the processor's cache as far as possible.
 */
let direct = new Uint8Array(0);

/**
 * The `limit` entries found in the most of the posting blocks read (each block of a list
 * names an entry once), best first; ties: the higher id, the newer entry. Weighting lists by
 * their rarity (an inverse document frequency) found fewer of the exhaustive top 5 in the
 * benchmark than plain counts, and counts fit in a byte.
 *
 * Two passes over the blocks: the first counts, keeping a histogram of the counts, which
 * gives the lowest count that still makes the top `limit`; the second collects the entries
 * that reach it and clears their counts. Nothing is kept per distinct entry but its byte.
 */
export function topCandidates(blocks: readonly Buffer[], limit: number): number[] {
  if (limit <= 0) return [];
  const overflow = new Map<number, number>();
  const histogram = new Float64Array(256);
  let counts = direct;
  forEachPosting(blocks, (id) => {
    if (id > DIRECT_IDS) {
      const count = overflow.get(id) ?? 0;
      overflow.set(id, count + 1);
      histogram[count]--;
      histogram[count + 1]++;
      return;
    }
    if (id >= counts.length) {
      const grown = new Uint8Array(Math.max(id + 1, Math.ceil(counts.length * 1.5)));
      grown.set(counts);
      direct = counts = grown;
    }
    const count = counts[id];
    // Saturates: 255 shared grams rank as many as more would.
    if (count < 255) {
      counts[id] = count + 1;
      histogram[count]--;
      histogram[count + 1]++;
    }
  });
  let floor = 255;
  for (let reached = histogram[255]; floor > 1 && reached < limit;) reached += histogram[--floor];
  const chosen: Array<{ id: number; count: number }> = [];
  forEachPosting(blocks, (id) => {
    const count = id > DIRECT_IDS ? (overflow.get(id) ?? 0) : counts[id];
    if (count === 0) return;
    if (count >= floor) chosen.push({ id, count });
    if (id > DIRECT_IDS) overflow.delete(id);
    else counts[id] = 0;
  });
  return chosen
    .sort((a, b) => b.count - a.count || b.id - a.id)
    .slice(0, limit)
    .map((c) => c.id);
}

/** Calls `each` with every id of every block, in order. */
function forEachPosting(blocks: readonly Buffer[], each: (id: number) => void): void {
  for (const bytes of blocks) {
    const length = bytes.length;
    let previous = 0;
    let at = 0;
    while (at < length) {
      let value = bytes[at++];
      if (value >= 128) {
        value -= 128;
        let scale = 128;
        let byte: number;
        do {
          byte = bytes[at++];
          value += (byte & 127) * scale;
          scale *= 128;
        } while (byte >= 128 && at < length);
      }
      previous = value % 2 === 1 ? (value - 1) / 2 : previous + value / 2;
      each(previous);
    }
  }
}
