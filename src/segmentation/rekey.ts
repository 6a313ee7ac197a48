/**
 * Keys of repeated texts across source versions.
 *
 * `segmentDocument` numbers equal texts by order of appearance, so a copy of a sentence inserted
 * above it would take occurrence 0, the old key, and with it the old translation. When a new
 * version is made from a previous one, `rekeyRepeats` gives each old key to the new segment
 * aligned to it instead:
 *
 * 1. The two sequences of normalized texts are diffed (Myers, jsdiff `diffArrays`): a segment in
 *    the common subsequence keeps the key of the old segment it lines up with, so neighbouring
 *    segments decide which copy of a repeated text is the old one.
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

/** Beyond this many edits the diff gives up and only step 2 pairs texts (bounded time). */
const MAX_EDIT_LENGTH = 5_000;

/** new index → old index for the segments on the common subsequence of the two texts. */
function diffMatches(oldTexts: string[], newTexts: string[]): Int32Array {
  const match = new Int32Array(newTexts.length).fill(-1);
  const changes = diffArrays(oldTexts, newTexts, { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) return match;
  let o = 0;
  let x = 0;
  for (const change of changes) {
    const count = change.count ?? change.value.length;
    if (change.added) x += count;
    else if (change.removed) o += count;
    else for (let i = 0; i < count; i++) match[x++] = o++;
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
