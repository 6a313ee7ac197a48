import { alignSegments, rekeyRepeats, segmentDocument, segmentKey } from './index';
import type { KeyedText, Segment } from './index';

const SAME = 'Take one tablet with water.';

/** Paragraphs of plain text, one sentence each, keyed by segmentDocument. */
const segs = (...paragraphs: string[]): Segment[] =>
  segmentDocument({ content: paragraphs.join('\n\n'), format: 'text', locale: 'en' }).segments;

/** Old key of each new segment (its old index), or `new` for a key the old version did not have. */
function origin(previous: KeyedText[], next: Segment[]): Array<number | 'new'> {
  return next.map((segment) => {
    const o = previous.findIndex((old) => old.key === segment.key);
    return o < 0 ? 'new' : o;
  });
}

function rekeyed(oldParas: string[], newParas: string[]) {
  const previous = segs(...oldParas);
  const next = rekeyRepeats(previous, segs(...newParas));
  return { previous, next, origin: origin(previous, next) };
}

describe('rekeyRepeats', () => {
  it('leaves the old key with the old sentence when a copy is inserted above it', () => {
    const { next, origin: from } = rekeyed(
      ['Rest at home.', SAME, 'Call us if it hurts.'],
      [SAME, 'Rest at home.', SAME, 'Call us if it hurts.'],
    );
    expect(from).toEqual(['new', 0, 1, 2]);
    // The fresh key is the next occurrence number the old version never used.
    expect(next[0].key).toBe(segmentKey(SAME, 1));
    expect(next[2].key).toBe(segmentKey(SAME, 0));
  });

  it('gives a copy inserted below a fresh key', () => {
    const { origin: from } = rekeyed(
      ['Rest at home.', SAME, 'Call us if it hurts.'],
      ['Rest at home.', SAME, 'Call us if it hurts.', SAME],
    );
    expect(from).toEqual([0, 1, 2, 'new']);
  });

  it('gives a copy inserted between two existing copies a fresh key', () => {
    const { next, origin: from } = rekeyed(
      ['Rest at home.', SAME, 'Drink water.', SAME, 'Call us if it hurts.'],
      ['Rest at home.', SAME, 'Drink water.', SAME, 'Sleep well.', SAME, 'Call us if it hurts.'],
    );
    expect(from).toEqual([0, 1, 2, 3, 'new', 'new', 4]);
    expect(next[5].key).toBe(segmentKey(SAME, 2));
  });

  it('keeps the key of the copy that stays when one of two is deleted', () => {
    const { next, origin: from } = rekeyed(
      [SAME, 'Rest at home.', SAME, 'Call us if it hurts.'],
      ['Rest at home.', SAME, 'Call us if it hurts.'],
    );
    expect(from).toEqual([1, 2, 3]);
    expect(next[1].key).toBe(segmentKey(SAME, 1));
  });

  it('follows reordered blocks, repeats included', () => {
    const { origin: from } = rekeyed(
      ['Wash your hands.', SAME, 'Dry them well.', SAME, 'Call us if it hurts.'],
      ['Dry them well.', SAME, 'Wash your hands.', SAME, 'Call us if it hurts.'],
    );
    // Every sentence still exists once with its text: every old key is reused, none is new.
    expect([...from].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(from[0]).toBe(2);
    expect(from[2]).toBe(0);
    expect(from[4]).toBe(4);
  });

  it('keeps the keys of segmentDocument when nothing repeats or there is no previous version', () => {
    const next = segs('Rest at home.', SAME, 'Call us.', SAME);
    expect(rekeyRepeats([], next)).toEqual(next);
    expect(rekeyRepeats(segs('Rest at home.', 'Call us.'), next)).toEqual(next);
  });

  it('never reuses a key across the new version', () => {
    const previous = segs(SAME, SAME, 'Rest.', SAME);
    const next = rekeyRepeats(previous, segs(SAME, 'Rest.', SAME, SAME, SAME, SAME));
    expect(new Set(next.map((s) => s.key)).size).toBe(next.length);
    for (const segment of next) {
      const occurrences = Array.from({ length: 10 }, (_, n) => segmentKey(segment.text, n));
      expect(occurrences).toContain(segment.key);
    }
  });

  it('lets the alignment keep the old sentence and add the inserted copy', () => {
    const previous = segs('Rest at home.', SAME, 'Call us if it hurts.');
    const next = rekeyRepeats(previous, segs(SAME, 'Rest at home.', SAME, 'Call us if it hurts.'));
    const alignment = alignSegments(previous, next);
    expect(alignment.segments.map((s) => `${s.relation}:${s.oldIndexes.join('+')}`)).toEqual([
      'added:',
      'kept:0',
      'kept:1',
      'kept:2',
    ]);
    expect(alignment.removed).toEqual([]);
  });
});
