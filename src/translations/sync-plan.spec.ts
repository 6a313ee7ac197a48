import { segmentDocument } from '../segmentation';
import { demotionReason, planSync } from './sync-plan';

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
      { newKey: changed?.key, oldKey: v1[1].key, priority: 0, sameText: false, keepState: false },
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

describe('planSync with minorChange', () => {
  const md = (content: string) =>
    segmentDocument({ content, format: 'markdown', locale: 'en', title: 'Eye drops' }).segments;
  const keep = (plan: ReturnType<typeof planSync>) =>
    plan.carry.filter((c) => !c.sameText).map((c) => [c.newKey, c.keepState]);

  it('keeps the state of a one-to-one minor change with the same codes and numbers', () => {
    const before = md('Wash your hands before you use the drops.');
    const after = md('Wash your hands, before you use the drops!');
    const plan = planSync(before, after, { minorChange: true });
    const changed = plan.segments.find((s) => s.relation === 'changed');
    expect(plan.minorChange).toEqual({ keptApproved: [changed?.key], demoted: [] });
    expect(keep(plan)).toEqual([[changed?.key, true]]);
    // Without minorChange nothing keeps its state and nothing is reported.
    const plain = planSync(before, after);
    expect(plain.minorChange).toEqual({ keptApproved: [], demoted: [] });
    expect(keep(plain)).toEqual([[changed?.key, false]]);
  });

  it('demotes a wording change, an inline-code change and a number written differently', () => {
    const cases: Array<[string, string, string]> = [
      ['Rest your eyes after each use.', 'Rest your eyes after each application.', 'wording'],
      ['Read the **leaflet** first.', 'Read the leaflet first.', 'codes'],
      ['Ask the 1000 people who took part.', 'Ask the 1,000 people who took part.', 'numbers'],
    ];
    for (const [from, to, reason] of cases) {
      const plan = planSync(md(from), md(to), { minorChange: true });
      const changed = plan.segments.find((s) => s.relation === 'changed');
      expect([from, plan.minorChange.demoted]).toEqual([from, [{ id: changed?.key, reason }]]);
      expect(plan.minorChange.keptApproved).toEqual([]);
      expect(keep(plan)).toEqual([[changed?.key, false]]);
    }
  });

  it('demotes both parts of a split and a merge, however small the edit', () => {
    const split = planSync(
      md('Close your eyes for a minute and press gently on the inner corner.'),
      md('Close your eyes for a minute. And press gently on the inner corner.'),
      { minorChange: true },
    );
    const parts = split.segments.filter((s) => s.relation === 'changed');
    expect(parts.length).toBe(2);
    expect(split.minorChange.demoted).toEqual(parts.map((p) => ({ id: p.key, reason: 'split' })));
    expect(split.carry.every((c) => !c.keepState)).toBe(true);

    const merge = planSync(
      md('Close your eyes for a minute. Press gently on the inner corner.'),
      md('Close your eyes for a minute, press gently on the inner corner.'),
      { minorChange: true },
    );
    const merged = merge.segments.filter((s) => s.relation === 'changed');
    expect(merged.length).toBe(1);
    expect(merge.minorChange.demoted).toEqual([{ id: merged[0].key, reason: 'merge' }]);
    expect(merge.carry.every((c) => !c.keepState)).toBe(true);
  });

  it('always keeps the state of a sentence whose text is unchanged but whose key moved', () => {
    const twice = md('Keep the bottle closed.\n\nKeep the bottle closed.');
    const shifted = md('Keep the bottle closed.\n\nStore it cold.\n\nKeep the bottle closed.');
    for (const minorChange of [false, true]) {
      const plan = planSync(twice, shifted, { minorChange });
      expect(plan.carry.filter((c) => c.sameText).every((c) => c.keepState)).toBe(true);
    }
  });
});

describe('demotionReason', () => {
  it('names the first reason that applies', () => {
    expect(demotionReason(['a b', 'c'], 'a b c', 'minor', 1)).toBe('merge');
    expect(demotionReason(['a b c'], 'a b', 'minor', 2)).toBe('split');
    expect(demotionReason(['Take it.'], 'Take it now.', 'wording', 1)).toBe('wording');
    expect(demotionReason(['Take {1}it{/1}.'], 'Take {2/}it.', 'minor', 1)).toBe('codes');
    expect(demotionReason(['Take 1000 mg.'], 'Take 1,000 mg.', 'minor', 1)).toBe('numbers');
    expect(demotionReason(['Take {1}1,000{/1} mg.'], 'take {1}1,000{/1} mg!', 'minor', 1)).toBe(
      null,
    );
  });
});
