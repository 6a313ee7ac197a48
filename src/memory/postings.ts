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

/** Calls `each` with every id of a block, in order. */
function forEachId(bytes: Buffer, each: (id: number) => void): void {
  let previous = 0;
  let at = 0;
  while (at < bytes.length) {
    let value = 0;
    let scale = 1;
    let byte: number;
    do {
      byte = bytes[at++];
      value += (byte & 127) * scale;
      scale *= 128;
    } while (byte >= 128 && at < bytes.length);
    previous = value % 2 === 1 ? (value - 1) / 2 : previous + value / 2;
    each(previous);
  }
}

export function decodeIds(bytes: Buffer): number[] {
  const ids: number[] = [];
  forEachId(bytes, (id) => ids.push(id));
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
 */
export function topCandidates(blocks: readonly Buffer[], limit: number): number[] {
  if (limit <= 0) return [];
  const ids: number[] = [];
  const overflow = new Map<number, number>();
  let counts = direct;
  for (const bytes of blocks) {
    // forEachId, inlined: this loop runs for every posting a lookup reads.
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
      const id = value % 2 === 1 ? (value - 1) / 2 : previous + value / 2;
      previous = id;
      if (id > DIRECT_IDS) {
        const count = overflow.get(id);
        if (count === undefined) ids.push(id);
        overflow.set(id, (count ?? 0) + 1);
        continue;
      }
      if (id >= counts.length) {
        const grown = new Uint8Array(Math.max(id + 1, Math.ceil(counts.length * 1.5)));
        grown.set(counts);
        direct = counts = grown;
      }
      const count = counts[id];
      if (count === 0) ids.push(id);
      // Saturates: 255 shared grams rank as many as more would.
      if (count < 255) counts[id] = count + 1;
    }
  }
  const totals = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id > DIRECT_IDS) totals[i] = overflow.get(id) ?? 0;
    else {
      totals[i] = counts[id];
      counts[id] = 0;
    }
  }
  return best(ids, totals, limit);
}

/**
 * The best `limit` ids by sum (then the higher id), best first: the limit-th largest sum by
 * selection, then only the ids at or above it are sorted.
 */
function best(ids: number[], sums: Float64Array, limit: number): number[] {
  let chosen: number[];
  if (ids.length <= limit) chosen = ids.map((_, i) => i);
  else {
    const threshold = kthLargest(sums.slice(), limit);
    chosen = [];
    for (let i = 0; i < ids.length; i++) if (sums[i] >= threshold) chosen.push(i);
  }
  return chosen
    .sort((a, b) => sums[b] - sums[a] || ids[b] - ids[a])
    .slice(0, limit)
    .map((i) => ids[i]);
}

/** The k-th largest value (k >= 1) of `values`, which it reorders (quickselect). */
function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] > pivot) i++;
      while (values[j] < pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target];
  }
  return values[target];
}
