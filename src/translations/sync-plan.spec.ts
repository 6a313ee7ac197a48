import { segmentDocument } from '../segmentation';
import { planSync } from './sync-plan';

const doc = (content: string) =>
  segmentDocument({ content, format: 'text', locale: 'en', title: 'Eye drops' }).segments;

describe('planSync', () => {
  const v1 = doc(
    'Use one drop in each eye twice a day. Wash your hands first.\n\nDo not touch the tip of the bottle.',
  );

  it('keeps unchanged sentences, classifies changes and counts removals', () => {
    const v2 = doc(
      'Use two drops in each eye twice a day. Wash your hands first.\n\nCall Dr. Ahmed with questions.',
    );
    const plan = planSync(v1, v2);
    expect(plan.counts).toEqual({ kept: 2, fuzzy: 1, added: 1, removed: 1 });
    expect(plan.changeRisk).toEqual({ minor: 0, wording: 0, clinical: 1 });
    const changed = plan.segments.find((s) => s.relation === 'changed');
    expect(changed).toMatchObject({
      previousSource: 'Use one drop in each eye twice a day.',
      previousKeys: [v1[1].key],
      changeRisk: 'clinical',
    });
    expect(plan.carry).toEqual([
      { newKey: changed?.key, oldKey: v1[1].key, priority: 0, sameText: false },
    ]);
    expect(plan.removedKeys).toEqual([v1[3].key]);
  });

  it('marks punctuation-only edits minor and negation edits clinical', () => {
    const minor = planSync(
      v1,
      doc(
        v1
          .slice(1)
          .map((s) => s.text)
          .join(' ')
          .replace('first.', 'first!'),
      ),
    );
    expect(minor.changeRisk).toEqual({ minor: 1, wording: 0, clinical: 0 });
    const negation = planSync(
      v1,
      doc(
        'Use one drop in each eye twice a day. Wash your hands first.\n\nTouch the tip of the bottle.',
      ),
    );
    expect(negation.changeRisk.clinical).toBe(1);
  });

  it('aligns the parts of a split sentence to the old one', () => {
    const v2 = doc(
      'Use one drop in each eye twice a day. Wash your hands first.\n\nDo not touch the tip. Keep the bottle closed.',
    );
    const plan = planSync(v1, v2);
    const parts = plan.segments.filter((s) => s.relation === 'changed');
    expect(parts.length).toBeGreaterThanOrEqual(1);
    for (const part of parts) expect(part.previousKeys).toEqual([v1[3].key]);
  });

  it('makes a change that swaps a glossary term clinical', () => {
    const before = doc('Take acetaminophen with food.');
    const after = doc('Take ibuprofen with food.');
    expect(planSync(before, after).changeRisk).toEqual({ minor: 0, wording: 1, clinical: 0 });
    const plan = planSync(before, after, { glossaryTerms: ['Acetaminophen'], locale: 'en' });
    expect(plan.changeRisk).toEqual({ minor: 0, wording: 0, clinical: 1 });
  });
});
