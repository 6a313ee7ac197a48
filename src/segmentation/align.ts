/**
 * Alignment of two versions' segment lists.
 *
 * 1. Exact matches by key ("kept"), wherever they are: keys hash the normalized text and its
 *    occurrence, so whitespace- or NFC-only edits keep their key, and a moved block keeps it too.
 * 2. Anchors: the longest run of key matches in the same order on both sides (a longest
 *    increasing subsequence over unique keys, O(n log n), i.e. patience diff).
 * 3. Each gap between anchors pairs its unmatched old and new segments by word similarity
 *    (Dice coefficient over word multisets), monotonically, with a small dynamic program that
 *    also considers one old segment split into two new ones and two old merged into one.
 *    A pair counts only when its similarity reaches SIMILARITY_THRESHOLD (0.5): below that,
 *    a carried-over translation is more work to fix than to write.
 * 4. Title segments (kind 'title', when kinds are given) align only with each other.
 */

export type AlignmentRelation = 'kept' | 'changed' | 'added';

export interface AlignedSegment {
  newIndex: number;
  relation: AlignmentRelation;
  oldIndex: number | null;
  oldIndexes: number[];
  similarity: number;
}

export interface Alignment {
  segments: AlignedSegment[];
  removed: number[];
}

export interface AlignableSegment {
  key: string;
  text: string;
  kind?: string;
}

export const SIMILARITY_THRESHOLD = 0.5;
/** A part of a split (or merge) must share this share of its words with the other side. */
const PART_CONTAINMENT = 0.6;
/** Gaps larger than this (old × new) are paired greedily within a window instead of by DP. */
const MAX_DP_CELLS = 40_000;
const GREEDY_WINDOW = 8;

type Bag = Map<string, number>;

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

function words(text: string): Bag {
  const bag: Bag = new Map();
  const plain = text
    .replace(/\{\/?\d+\/?\}/g, ' ')
    .normalize('NFC')
    .toLowerCase();
  for (const [word] of plain.matchAll(WORD)) {
    const parts = CJK_CHAR.test(word) ? [...word] : [word];
    for (const part of parts) bag.set(part, (bag.get(part) ?? 0) + 1);
  }
  return bag;
}

function size(bag: Bag): number {
  let total = 0;
  for (const count of bag.values()) total += count;
  return total;
}

function common(a: Bag, b: Bag): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [word, count] of small) shared += Math.min(count, large.get(word) ?? 0);
  return shared;
}

function union(a: Bag, b: Bag): Bag {
  const out = new Map(a);
  for (const [word, count] of b) out.set(word, (out.get(word) ?? 0) + count);
  return out;
}

export function similarity(a: Bag, b: Bag): number {
  const total = size(a) + size(b);
  return total === 0 ? 1 : (2 * common(a, b)) / total;
}

function containment(part: Bag, whole: Bag): number {
  const total = size(part);
  return total === 0 ? 0 : common(part, whole) / total;
}

// ------------------------------------------------------------ exact matches

function keyMatches(
  oldSegs: ReadonlyArray<AlignableSegment>,
  newSegs: ReadonlyArray<AlignableSegment>,
): Int32Array {
  const byKey = new Map<string, number[]>();
  oldSegs.forEach((segment, index) => {
    const list = byKey.get(segment.key);
    if (list) list.push(index);
    else byKey.set(segment.key, [index]);
  });
  const match = new Int32Array(newSegs.length).fill(-1);
  newSegs.forEach((segment, index) => {
    const list = byKey.get(segment.key);
    if (list?.length) match[index] = list.shift() as number;
  });
  return match;
}

/** New indexes whose old matches form the longest increasing subsequence (the anchors). */
function anchors(match: Int32Array): number[] {
  const tails: number[] = [];
  const previous = new Int32Array(match.length).fill(-1);
  for (let i = 0; i < match.length; i++) {
    if (match[i] < 0) continue;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (match[tails[mid]] < match[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const chain: number[] = [];
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) chain.push(i);
  return chain.reverse();
}

// ------------------------------------------------------------ gaps

interface Pairing {
  oldIndexes: number[];
  newIndexes: number[];
  similarity: number;
  /** Same normalized text found away from its key (e.g. an occurrence index shifted). */
  sameText?: boolean;
}

type BagOf = (side: 'old' | 'new', index: number) => Bag;

function groupScore(oldBags: Bag[], newBags: Bag[]): number {
  const oldBag = oldBags.reduce(union);
  const newBag = newBags.reduce(union);
  const score = similarity(oldBag, newBag);
  if (score < SIMILARITY_THRESHOLD) return 0;
  if (oldBags.length > 1 && oldBags.some((part) => containment(part, newBag) < PART_CONTAINMENT))
    return 0;
  if (newBags.length > 1 && newBags.some((part) => containment(part, oldBag) < PART_CONTAINMENT))
    return 0;
  return score;
}

/** Monotonic pairing of a gap by dynamic programming: 1-1, 1-2 (split), 2-1 (merge), skips. */
function pairGap(oldIdx: number[], newIdx: number[], bag: BagOf): Pairing[] {
  const n = oldIdx.length;
  const m = newIdx.length;
  if (!n || !m) return [];
  if (n * m > MAX_DP_CELLS) return pairGreedy(oldIdx, newIdx, bag);
  const width = m + 1;
  const best = new Float64Array((n + 1) * width);
  const move = new Uint8Array((n + 1) * width); // 0 skip old, 1 skip new, 2: 1-1, 3: 1-2, 4: 2-1
  const score = new Float64Array((n + 1) * width);
  const moves: Array<[number, number, number]> = [
    [1, 1, 2],
    [1, 2, 3],
    [2, 1, 4],
  ];
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue;
      const at = i * width + j;
      let value = -1;
      if (i > 0 && best[at - width] > value) [value, move[at]] = [best[at - width], 0];
      if (j > 0 && best[at - 1] > value) [value, move[at]] = [best[at - 1], 1];
      for (const [di, dj, code] of moves) {
        if (i < di || j < dj) continue;
        const s = groupScore(
          oldIdx.slice(i - di, i).map((o) => bag('old', o)),
          newIdx.slice(j - dj, j).map((x) => bag('new', x)),
        );
        // A group of k segments is worth k times its similarity (covers k pairs).
        const candidate = best[at - di * width - dj] + s * Math.max(di, dj);
        if (s > 0 && candidate > value) [value, move[at], score[at]] = [candidate, code, s];
      }
      best[at] = value;
    }
  }
  const pairs: Pairing[] = [];
  for (let i = n, j = m; i > 0 || j > 0;) {
    const at = i * width + j;
    const code = move[at];
    if (code === 0) i--;
    else if (code === 1) j--;
    else {
      const [di, dj] = code === 2 ? [1, 1] : code === 3 ? [1, 2] : [2, 1];
      pairs.push({
        oldIndexes: oldIdx.slice(i - di, i),
        newIndexes: newIdx.slice(j - dj, j),
        similarity: score[at],
      });
      i -= di;
      j -= dj;
    }
  }
  return pairs.reverse();
}

/** Large gaps: walk both sides, pairing the best match within a small window ahead. */
function pairGreedy(oldIdx: number[], newIdx: number[], bag: BagOf): Pairing[] {
  const pairs: Pairing[] = [];
  let i = 0;
  let j = 0;
  while (i < oldIdx.length && j < newIdx.length) {
    let found: [number, number, number] | null = null;
    for (let d = 0; d < GREEDY_WINDOW && !found; d++) {
      for (const [a, b] of [
        [i + d, j],
        [i, j + d],
      ] as Array<[number, number]>) {
        if (a >= oldIdx.length || b >= newIdx.length) continue;
        const s = similarity(bag('old', oldIdx[a]), bag('new', newIdx[b]));
        if (s >= SIMILARITY_THRESHOLD && (!found || s > found[2])) found = [a, b, s];
      }
    }
    if (!found) {
      i++;
      j++;
      continue;
    }
    pairs.push({
      oldIndexes: [oldIdx[found[0]]],
      newIndexes: [newIdx[found[1]]],
      similarity: found[2],
    });
    i = found[0] + 1;
    j = found[1] + 1;
  }
  return pairs;
}

// ------------------------------------------------------------ assembly

function alignPart(
  oldSegs: ReadonlyArray<AlignableSegment>,
  newSegs: ReadonlyArray<AlignableSegment>,
): { pairs: Pairing[]; exact: Int32Array } {
  const exact = keyMatches(oldSegs, newSegs);
  const oldTaken = new Uint8Array(oldSegs.length);
  for (const o of exact) if (o >= 0) oldTaken[o] = 1;
  const cache = new Map<string, Bag>();
  const bag: BagOf = (side, index) => {
    const id = `${side}${index}`;
    let value = cache.get(id);
    if (!value) {
      value = words((side === 'old' ? oldSegs : newSegs)[index].text);
      cache.set(id, value);
    }
    return value;
  };
  const pairs: Pairing[] = [];
  let oldStart = 0;
  let newStart = 0;
  for (const anchor of [...anchors(exact), newSegs.length]) {
    const oldEnd = anchor < newSegs.length ? exact[anchor] : oldSegs.length;
    const oldGap: number[] = [];
    const newGap: number[] = [];
    for (let o = oldStart; o < oldEnd; o++) if (!oldTaken[o]) oldGap.push(o);
    for (let x = newStart; x < anchor; x++) if (exact[x] < 0) newGap.push(x);
    for (const pair of pairGap(oldGap, newGap, bag)) {
      const [o, x] = [pair.oldIndexes, pair.newIndexes];
      pair.sameText = o.length === 1 && x.length === 1 && oldSegs[o[0]].text === newSegs[x[0]].text;
      pairs.push(pair);
    }
    oldStart = oldEnd + 1;
    newStart = anchor + 1;
  }
  return { pairs, exact };
}

function assemble(
  oldCount: number,
  newCount: number,
  exact: Int32Array,
  pairs: Pairing[],
): Alignment {
  const segments: AlignedSegment[] = [];
  const oldUsed = new Uint8Array(oldCount);
  for (let x = 0; x < newCount; x++) {
    const o = exact[x];
    if (o >= 0) oldUsed[o] = 1;
    segments.push(
      o >= 0
        ? { newIndex: x, relation: 'kept', oldIndex: o, oldIndexes: [o], similarity: 1 }
        : { newIndex: x, relation: 'added', oldIndex: null, oldIndexes: [], similarity: 0 },
    );
  }
  for (const pair of pairs) {
    for (const o of pair.oldIndexes) oldUsed[o] = 1;
    for (const x of pair.newIndexes) {
      segments[x] = {
        newIndex: x,
        relation: pair.sameText ? 'kept' : 'changed',
        oldIndex: pair.oldIndexes[0],
        oldIndexes: [...pair.oldIndexes],
        similarity: pair.sameText ? 1 : Math.round(pair.similarity * 1000) / 1000,
      };
    }
  }
  const removed: number[] = [];
  for (let o = 0; o < oldCount; o++) if (!oldUsed[o]) removed.push(o);
  return { segments, removed };
}

function isTitle(segment: AlignableSegment | undefined): boolean {
  return segment?.kind === 'title';
}

export function alignSegments(
  oldSegments: ReadonlyArray<AlignableSegment>,
  newSegments: ReadonlyArray<AlignableSegment>,
): Alignment {
  const oldTitle = isTitle(oldSegments[0]) ? 1 : 0;
  const newTitle = isTitle(newSegments[0]) ? 1 : 0;
  const body = alignPart(oldSegments.slice(oldTitle), newSegments.slice(newTitle));
  const exact = new Int32Array(newSegments.length).fill(-1);
  body.exact.forEach((o, x) => (exact[x + newTitle] = o >= 0 ? o + oldTitle : -1));
  const pairs = body.pairs.map((pair) => ({
    ...pair,
    oldIndexes: pair.oldIndexes.map((o) => o + oldTitle),
    newIndexes: pair.newIndexes.map((x) => x + newTitle),
  }));
  if (oldTitle && newTitle) {
    const [oldT, newT] = [oldSegments[0], newSegments[0]];
    if (oldT.key === newT.key || oldT.text === newT.text) exact[0] = 0;
    else {
      const s = similarity(words(oldT.text), words(newT.text));
      if (s >= SIMILARITY_THRESHOLD)
        pairs.push({ oldIndexes: [0], newIndexes: [0], similarity: s });
    }
  }
  return assemble(oldSegments.length, newSegments.length, exact, pairs);
}
