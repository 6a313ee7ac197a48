/**
 * Posting lists of the translation memory, pure: how entry ids are packed into the blocks of
 * `tm_posting_blocks`, which blocks an append touches, and how a lookup ranks the entries of
 * the lists it read. No Nest, no TypeORM.
 *
 * A gram's list is cut into blocks of POSTING_BLOCK ids, block n holding the ids at positions
 * n·POSTING_BLOCK onwards in the order they were added; each id is 8 bytes big-endian, the
 * layout of PostgreSQL's `int8send`. A lookup then reads a few hundred short rows instead of
 * one index tuple per posting, which is what made reading long lists slow.
 */

/** Ids per block: 1,536 bytes, small enough to stay in the row without compression. */
export const POSTING_BLOCK = 192;

const ID_BYTES = 8;
const HIGH = 2 ** 32;

export function encodeIds(ids: readonly number[]): Buffer {
  const bytes = Buffer.allocUnsafe(ids.length * ID_BYTES);
  ids.forEach((id, i) => {
    bytes.writeUInt32BE(Math.floor(id / HIGH), i * ID_BYTES);
    bytes.writeUInt32BE(id % HIGH, i * ID_BYTES + 4);
  });
  return bytes;
}

export function decodeIds(bytes: Buffer): number[] {
  const ids: number[] = [];
  for (let at = 0; at + ID_BYTES <= bytes.length; at += ID_BYTES)
    ids.push(bytes.readUInt32BE(at) * HIGH + bytes.readUInt32BE(at + 4));
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

/** A block read from a posting list, with the weight of a match on its gram. */
export interface WeightedBlock {
  weight: number;
  ids: Buffer;
}

/**
 * How much a shared gram says about an entry: rare grams more than common ones (an inverse
 * document frequency). `entries` is the gram's list length, `scale` a length no list in the
 * lookup exceeds much, so weights stay positive.
 */
export function gramWeight(entries: number, scale: number): number {
  return Math.log((2 * scale) / Math.max(1, entries));
}

/**
 * The `limit` entries with the highest summed weight over the blocks read, best first (ties:
 * the higher id, the newer entry). Counting runs in typed arrays, an open-addressing table
 * keyed by id, because a lookup may read a few hundred thousand postings.
 */
export function topCandidates(blocks: readonly WeightedBlock[], limit: number): number[] {
  let postings = 0;
  for (const b of blocks) postings += b.ids.length / ID_BYTES;
  if (postings === 0 || limit <= 0) return [];
  let capacity = 1024;
  while (capacity < postings * 2) capacity *= 2;
  const mask = capacity - 1;
  const keys = new Float64Array(capacity);
  const sums = new Float64Array(capacity);
  const used: number[] = [];
  for (const { weight, ids } of blocks) {
    for (let at = 0; at + ID_BYTES <= ids.length; at += ID_BYTES) {
      const high = ids.readUInt32BE(at);
      const low = ids.readUInt32BE(at + 4);
      // Ids are positive, so 0 marks an empty slot.
      const id = high * HIGH + low;
      let slot = (Math.imul(low ^ high, 0x9e3779b1) >>> 0) & mask;
      while (keys[slot] !== 0 && keys[slot] !== id) slot = (slot + 1) & mask;
      if (keys[slot] === 0) {
        keys[slot] = id;
        used.push(slot);
      }
      sums[slot] += weight;
    }
  }
  return selectBest(used, keys, sums, limit);
}

/** The best `limit` slots by sum (then id), through a min-heap of size `limit`. */
function selectBest(
  slots: readonly number[],
  keys: Float64Array,
  sums: Float64Array,
  limit: number,
): number[] {
  const heap: number[] = [];
  const worse = (a: number, b: number) =>
    sums[a] < sums[b] || (sums[a] === sums[b] && keys[a] < keys[b]);
  const siftDown = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l], heap[m])) m = l;
      if (r < heap.length && worse(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (const slot of slots) {
    if (heap.length < limit) {
      heap.push(slot);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i], heap[parent])) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
    } else if (worse(heap[0], slot)) {
      heap[0] = slot;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0)).map((slot) => keys[slot]);
}
