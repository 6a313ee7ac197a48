import {
  hasWordCounts,
  needsTranslation,
  progressParts,
  progressTotal,
  projectAlerts,
} from './progress';
import type { Progress } from '../types';

function progress(overrides: Partial<Progress> = {}): Progress {
  return {
    locale: 'es',
    total: 10,
    untranslated: 4,
    fuzzy: 2,
    translated: 1,
    rejected: 1,
    approved: 2,
    changeRisk: { minor: 0, wording: 1, clinical: 1 },
    published: null,
    stale: false,
    ...overrides,
  };
}

describe('progress', () => {
  it('gives the bar in segments, and in words when the server counted them', () => {
    const p = progress({
      words: {
        total: 100,
        untranslated: 40,
        fuzzy: 20,
        translated: 10,
        rejected: 10,
        approved: 20,
      },
    });
    expect(progressParts(p, 'segments')).toEqual({
      approved: 2,
      translated: 1,
      fuzzy: 2,
      rejected: 1,
      untranslated: 4,
    });
    expect(progressParts(p, 'words')?.untranslated).toBe(40);
    expect(progressTotal(p, 'words')).toBe(100);
    expect(progressTotal(p, 'segments')).toBe(10);
  });

  it('has no word bar without word counts', () => {
    expect(progressParts(progress(), 'words')).toBeNull();
    expect(progressTotal(progress(), 'words')).toBeNull();
    expect(hasWordCounts([progress()])).toBe(false);
    expect(hasWordCounts([])).toBe(false);
  });

  it('counts what a translator still has to do', () => {
    expect(needsTranslation(progress())).toBe(7);
  });

  it('counts stale locales and clinical changes over a project', () => {
    expect(
      projectAlerts([
        progress({ stale: true }),
        progress({ locale: 'ar', changeRisk: { clinical: 3 } }),
        progress({ locale: 'vi', changeRisk: undefined }),
      ]),
    ).toEqual({ stale: 1, clinical: 4 });
  });
});
