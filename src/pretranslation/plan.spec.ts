import { machineDraft, memoryDraft } from './plan';

describe('pre-translation decisions', () => {
  const options = { minScore: 100, contextAsTranslated: false, blockingFailure: false };

  it('makes fuzzy drafts of exact and context matches by default', () => {
    expect(memoryDraft({ target: 'Hola', score: 100, current: true }, options)).toEqual({
      state: 'fuzzy',
      comment: 'Pre-translated from the translation memory (exact match 100: the same English).',
    });
    expect(memoryDraft({ target: 'Hola', score: 101, current: true }, options)?.state).toBe(
      'fuzzy',
    );
  });

  it('leaves out matches below minScore and empty targets', () => {
    expect(memoryDraft(null, options)).toBeNull();
    expect(memoryDraft({ target: 'Hola', score: 99, current: true }, options)).toBeNull();
    expect(
      memoryDraft({ target: 'Hola', score: 100, current: true }, { ...options, minScore: 101 }),
    ).toBeNull();
    expect(memoryDraft({ target: '  ', score: 101, current: true }, options)).toBeNull();
    const fuzzy = memoryDraft(
      { target: 'Hola', score: 85, current: true },
      { ...options, minScore: 80 },
    );
    expect(fuzzy).toEqual({
      state: 'fuzzy',
      comment: 'Pre-translated from the translation memory (fuzzy match 85: similar English).',
    });
  });

  it('marks only a current, clean context match translated, and only when the project asks', () => {
    const asked = { ...options, contextAsTranslated: true };
    expect(memoryDraft({ target: 'Hola', score: 101, current: true }, asked)?.state).toBe(
      'translated',
    );
    expect(memoryDraft({ target: 'Hola', score: 100, current: true }, asked)?.state).toBe('fuzzy');
    expect(memoryDraft({ target: 'Hola', score: 101, current: false }, asked)).toEqual({
      state: 'fuzzy',
      comment:
        'Pre-translated from the translation memory (context match 101: the same English and ' +
        'neighbouring sentences; a translation since superseded or withdrawn).',
    });
    expect(
      memoryDraft(
        { target: 'Hola', score: 101, current: true },
        { ...asked, blockingFailure: true },
      )?.state,
    ).toBe('fuzzy');
  });

  it('makes machine translations fuzzy drafts, never more', () => {
    expect(machineDraft('libretranslate')).toEqual({
      state: 'fuzzy',
      comment: 'Pre-translated by machine translation (libretranslate).',
    });
  });
});
