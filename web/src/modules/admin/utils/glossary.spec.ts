import { filterTerms, glossaryFileName, mtBody, type MtForm } from './glossary';

describe('filterTerms', () => {
  const terms = [
    { term: 'acetaminophen', translation: 'paracetamol', note: null },
    { term: 'Fatigue', translation: 'cansancio', note: 'Not "fatiga" in patient text' },
    { term: 'dose', translation: 'dosis', note: 'Médico' },
  ];

  it('keeps everything for an empty filter', () => {
    expect(filterTerms(terms, '  ')).toHaveLength(3);
  });

  it('matches term, translation and note, in any case and without accents', () => {
    expect(filterTerms(terms, 'FATIG').map((t) => t.term)).toEqual(['Fatigue']);
    expect(filterTerms(terms, 'parac').map((t) => t.term)).toEqual(['acetaminophen']);
    expect(filterTerms(terms, 'medico').map((t) => t.term)).toEqual(['dose']);
    expect(filterTerms(terms, 'zzz')).toEqual([]);
  });
});

describe('glossaryFileName', () => {
  it('names the export after the project and the day', () => {
    expect(glossaryFileName('health-library', new Date('2026-12-02T10:00:00Z'))).toBe(
      'health-library-glossary-2026-12-02.csv',
    );
  });
});

describe('mtBody', () => {
  const base: MtForm = {
    provider: 'libretranslate',
    endpoint: ' http://127.0.0.1:5000 ',
    apiKey: '',
    model: 'gpt-4o',
    region: 'westeurope',
    locales: ['es'],
    limit: '',
  };

  it('leaves out an empty key (the stored one is kept) and fields of other providers', () => {
    expect(mtBody(base)).toEqual({
      provider: 'libretranslate',
      endpoint: 'http://127.0.0.1:5000',
      locales: ['es'],
      monthlyCharacterLimit: null,
    });
  });

  it('sends the model for openai-compatible, the region for microsoft, and a limit', () => {
    expect(
      mtBody({ ...base, provider: 'openai-compatible', endpoint: '', limit: '500000' }),
    ).toEqual({
      provider: 'openai-compatible',
      model: 'gpt-4o',
      locales: ['es'],
      monthlyCharacterLimit: 500000,
    });
    expect(mtBody({ ...base, provider: 'microsoft', endpoint: '', apiKey: 'k' })).toEqual({
      provider: 'microsoft',
      apiKey: 'k',
      region: 'westeurope',
      locales: ['es'],
      monthlyCharacterLimit: null,
    });
  });
});
