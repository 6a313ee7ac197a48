import { alignSegments, segmentDocument } from './index';

const segs = (content: string, title?: string) =>
  segmentDocument({ content, format: 'text', locale: 'en', title }).segments;

const summary = (oldText: string, newText: string) => {
  const a = alignSegments(segs(oldText), segs(newText));
  return {
    relations: a.segments.map((s) => `${s.relation}:${s.oldIndexes.join('+')}`),
    removed: a.removed,
  };
};

describe('alignSegments', () => {
  it('keeps unchanged segments and pairs an edited one', () => {
    expect(
      summary('Rest well. Take 5 mg daily. Call us.', 'Rest well. Take 10 mg daily. Call us.'),
    ).toEqual({
      relations: ['kept:0', 'changed:1', 'kept:2'],
      removed: [],
    });
  });

  it('treats whitespace-only and Unicode-normalisation-only changes as no change', () => {
    expect(summary('Cafe\u0301 helps.  Rest.', 'Café helps. Rest.').relations).toEqual([
      'kept:0',
      'kept:1',
    ]);
  });

  it('matches moved and reordered blocks by key', () => {
    const old =
      'Wash your hands.\n\nDry them well.\n\nApply the cream twice a day.\n\nCall us if it itches.';
    const moved =
      'Apply the cream twice a day.\n\nWash your hands.\n\nCall us if it itches.\n\nDry them well.';
    expect(summary(old, moved).relations).toEqual(['kept:2', 'kept:0', 'kept:3', 'kept:1']);
  });

  it('reports added and removed segments', () => {
    expect(
      summary('One tablet a day. Avoid alcohol.', 'One tablet a day. Drink water often.'),
    ).toEqual({
      relations: ['kept:0', 'added:'],
      removed: [1],
    });
  });

  it('handles one sentence split into two', () => {
    const a = alignSegments(
      segs('Take the tablet with water and do not crush it before swallowing.'),
      segs('Take the tablet with water. Do not crush it before swallowing.'),
    );
    expect(a.segments.map((s) => [s.relation, s.oldIndexes])).toEqual([
      ['changed', [0]],
      ['changed', [0]],
    ]);
    expect(a.removed).toEqual([]);
  });

  it('handles two sentences merged into one', () => {
    const a = alignSegments(
      segs('Keep the bandage dry. Change it every day.'),
      segs('Keep the bandage dry and change it every day.'),
    );
    expect(a.segments.map((s) => [s.relation, s.oldIndexes])).toEqual([['changed', [0, 1]]]);
    expect(a.removed).toEqual([]);
  });

  it('handles duplicate texts by occurrence', () => {
    expect(
      summary(
        'Ask your doctor. Rest. Ask your doctor.',
        'Ask your doctor. Ask your doctor. Rest. Ask your doctor.',
      ).relations,
    ).toEqual(['kept:0', 'kept:2', 'kept:1', 'added:']);
  });

  it('aligns a title only with a title', () => {
    const oldSegs = segs('Flu shots\n\nGet one every year.', 'Flu shots');
    const newSegs = segs('Flu shots protect you\n\nGet one every year.', 'Vaccines for adults');
    const a = alignSegments(oldSegs, newSegs);
    expect(a.segments[0]).toMatchObject({ relation: 'added', oldIndex: null });
    expect(a.segments[1].oldIndexes).not.toContain(0);
    expect(a.removed).toContain(0);
  });

  it('scores similarity between 0 and 1', () => {
    const a = alignSegments(
      segs('Take 5 mg daily with food.'),
      segs('Take 5 mg daily with water.'),
    );
    expect(a.segments[0].similarity).toBeGreaterThan(0.5);
    expect(a.segments[0].similarity).toBeLessThan(1);
  });

  it('aligns 5,000 segments with edits and moves quickly', () => {
    const old = Array.from({ length: 5000 }, (_, i) => ({
      key: `k${i}`,
      text: `Sentence number ${i} about dose ${i % 7} mg.`,
    }));
    const next = old.map((s, i) =>
      i % 10 === 0 ? { key: `e${i}`, text: `${s.text} Updated.` } : s,
    );
    next.push(...next.splice(100, 250));
    const start = Date.now();
    const a = alignSegments(old, next);
    expect(Date.now() - start).toBeLessThan(500);
    expect(a.segments.filter((s) => s.relation === 'kept')).toHaveLength(4500);
    // Edited segments inside the moved block fall outside their gap: added + removed.
    const changed = a.segments.filter((s) => s.relation === 'changed').length;
    expect(changed).toBeGreaterThanOrEqual(475);
    expect(a.removed.length).toBeLessThanOrEqual(500 - changed);
  });
});
