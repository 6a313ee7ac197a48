/**
 * Keys of repeated texts across source versions.
 *
 * `segmentDocument` numbers equal texts by order of appearance, so a copy of a sentence inserted
 * above it would take occurrence 0, the old key, and with it the old translation. When a new
 * version is made from a previous one, `rekeyRepeats` gives each old key to the new segment
 * aligned to it instead:
 *
 * 1. The two sequences of normalized texts are diffed: texts found once on each side anchor the
 *    diff (patience diff), and each gap between anchors is diffed (Myers, jsdiff `diffArrays`)
 *    over the texts found on both sides of it. A segment on the common subsequence keeps the key
 *    of the old segment it lines up with, so neighbouring segments decide which copy of a
 *    repeated text is the old one.
 * 2. Equal texts left over on both sides (a moved sentence) are paired in document order.
 * 3. Any other segment gets the smallest occurrence number whose key the previous version did
 *    not use (and no other segment of the new version has): a fresh key, untranslated.
 *
 * Keys stay segmentKey(normalized text, occurrence) (DESIGN.md invariant 2) and unique within
 * the version. With no previous version the keys are those of `segmentDocument`.
 */
import { diffArrays } from 'diff';
import { segmentKey } from './normalize';
import type { Segment } from './types';

export interface KeyedText {
  key: string;
  text: string;
}

/** Beyond this many edits within one gap the diff gives up; step 2 still pairs equal texts. */
const MAX_EDIT_LENGTH = 1_000;

function counts(texts: readonly string[]): Map<string, number> {
  const count = new Map<string, number>();
  for (const text of texts) count.set(text, (count.get(text) ?? 0) + 1);
  return count;
}

/**
 * Anchors, as in patience diff: texts found exactly once on each side, kept where their order
 * agrees (longest increasing subsequence). Returns [oldIndex, newIndex] pairs in order.
 */
function uniqueAnchors(oldTexts: string[], newTexts: string[]): Array<[number, number]> {
  const oldCount = counts(oldTexts);
  const newCount = counts(newTexts);
  const oldIndex = new Map<string, number>();
  oldTexts.forEach((text, o) => {
    if (oldCount.get(text) === 1 && newCount.get(text) === 1) oldIndex.set(text, o);
  });
  const pairs: Array<[number, number]> = [];
  newTexts.forEach((text, x) => {
    const o = oldIndex.get(text);
    if (o !== undefined) pairs.push([o, x]);
  });
  // Longest increasing subsequence of old indexes, in new order.
  const tails: number[] = [];
  const previous = new Int32Array(pairs.length).fill(-1);
  pairs.forEach(([o], i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][0] < o) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1];
    tails[lo] = i;
  });
  const chain: Array<[number, number]> = [];
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = previous[i])
    chain.push(pairs[i]);
  return chain.reverse();
}

/**
 * Matches one gap between anchors by a diff of the texts found on both sides of the gap (a text
 * found on one side only can never be matched, so it is left out of the diff).
 */
function matchGap(
  oldTexts: string[],
  newTexts: string[],
  oldRange: [number, number],
  newRange: [number, number],
  match: Int32Array,
): void {
  const oldSide = new Set(oldTexts.slice(...oldRange));
  const oldIdx: number[] = [];
  const newIdx: number[] = [];
  const newSide = new Set<string>();
  for (let x = newRange[0]; x < newRange[1]; x++) {
    if (oldSide.has(newTexts[x])) {
      newIdx.push(x);
      newSide.add(newTexts[x]);
    }
  }
  for (let o = oldRange[0]; o < oldRange[1]; o++) if (newSide.has(oldTexts[o])) oldIdx.push(o);
  if (!oldIdx.length || !newIdx.length) return;
  const changes = diffArrays(
    oldIdx.map((o) => oldTexts[o]),
    newIdx.map((x) => newTexts[x]),
    { maxEditLength: MAX_EDIT_LENGTH },
  );
  if (!changes) return;
  let i = 0;
  let j = 0;
  for (const change of changes) {
    const count = change.count ?? change.value.length;
    if (change.added) j += count;
    else if (change.removed) i += count;
    else for (let k = 0; k < count; k++) match[newIdx[j++]] = oldIdx[i++];
  }
}

/** new index → old index for the segments that line up with their neighbours. */
function diffMatches(oldTexts: string[], newTexts: string[]): Int32Array {
  const match = new Int32Array(newTexts.length).fill(-1);
  let oldStart = 0;
  let newStart = 0;
  for (const [o, x] of [...uniqueAnchors(oldTexts, newTexts), [oldTexts.length, newTexts.length]]) {
    matchGap(oldTexts, newTexts, [oldStart, o], [newStart, x], match);
    if (x < newTexts.length) match[x] = o;
    oldStart = o + 1;
    newStart = x + 1;
  }
  return match;
}

/** Pairs equal texts that the diff left unmatched on both sides, in document order. */
function pairLeftovers(
  oldTexts: string[],
  newTexts: string[],
  match: Int32Array,
  oldUsed: Uint8Array,
): void {
  const leftovers = new Map<string, number[]>();
  oldTexts.forEach((text, o) => {
    if (oldUsed[o]) return;
    const list = leftovers.get(text);
    if (list) list.push(o);
    else leftovers.set(text, [o]);
  });
  newTexts.forEach((text, x) => {
    if (match[x] >= 0) return;
    const o = leftovers.get(text)?.shift();
    if (o === undefined) return;
    match[x] = o;
    oldUsed[o] = 1;
  });
}

export function rekeyRepeats(
  previous: ReadonlyArray<KeyedText>,
  next: ReadonlyArray<Segment>,
): Segment[] {
  const oldTexts = previous.map((segment) => segment.text);
  const newTexts = next.map((segment) => segment.text);
  const match = previous.length
    ? diffMatches(oldTexts, newTexts)
    : new Int32Array(next.length).fill(-1);
  const oldUsed = new Uint8Array(previous.length);
  for (const o of match) if (o >= 0) oldUsed[o] = 1;
  pairLeftovers(oldTexts, newTexts, match, oldUsed);

  const taken = new Set(previous.map((segment) => segment.key));
  const keys = next.map((_, x) => (match[x] >= 0 ? previous[match[x]].key : null));
  const nextOccurrence = new Map<string, number>();
  return next.map((segment, x) => {
    let key = keys[x];
    if (key === null) {
      let occurrence = nextOccurrence.get(segment.text) ?? 0;
      while (taken.has((key = segmentKey(segment.text, occurrence)))) occurrence++;
      nextOccurrence.set(segment.text, occurrence + 1);
    }
    taken.add(key);
    return key === segment.key ? segment : { ...segment, key };
  });
}
