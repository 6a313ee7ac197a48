import { matchTerms, normalizeTerm } from './term-matcher';

const entry = (term: string, translation = `${term} (es)`) => ({ term, translation });
const terms = (source: string, entries: Array<{ term: string }>): string[] =>
  matchTerms(source, entries).map((m) => m.entry.term);

describe('matchTerms', () => {
  it('matches whole words in any letter case', () => {
    const entries = [entry('ibuprofen'), entry('food'), entry('fever')];
    expect(terms('Take Ibuprofen with FOOD.', entries)).toEqual(['ibuprofen', 'food']);
  });

  it('does not match inside a longer word', () => {
    expect(terms('El ibuprofeno alivia el dolor.', [entry('ibuprofen')])).toEqual([]);
    expect(terms('Seafood is fine.', [entry('food')])).toEqual([]);
    expect(terms('Use an inhaler2 device.', [entry('inhaler')])).toEqual([]);
  });

  it('treats non-ASCII letters as word characters', () => {
    expect(terms('Bei Übelkeit bitte melden.', [entry('übelkeit')])).toEqual(['übelkeit']);
    expect(terms('Kein Übelkeitsgefühl.', [entry('Übelkeit')])).toEqual([]);
    expect(terms('Prenez du paracétamol.', [entry('paracétamol')])).toEqual(['paracétamol']);
    // Decomposed "é" in the source still matches a precomposed term.
    expect(terms('Prenez du parace\u0301tamol.', [entry('paracétamol')])).toEqual(['paracétamol']);
  });

  it('matches multi-word terms across any whitespace and inline codes', () => {
    const entries = [entry('blood pressure')];
    expect(terms('Check your blood\u00a0 pressure daily.', entries)).toEqual(['blood pressure']);
    expect(terms('Check your {1}blood{/1} pressure.', entries)).toEqual(['blood pressure']);
    expect(terms('Check your {1}blood pressure{/1}.', entries)).toEqual(['blood pressure']);
  });

  it('lists the longest term first, then by first occurrence, then alphabetically', () => {
    const entries = [
      entry('pressure'),
      entry('blood pressure'),
      entry('nurse'),
      entry('high blood pressure'),
      entry('heart'),
    ];
    expect(terms('A nurse checks high blood pressure and your heart.', entries)).toEqual([
      'high blood pressure',
      'blood pressure',
      'pressure',
      'nurse',
      'heart',
    ]);
  });

  it('reports where and how the term is written in the source', () => {
    const [match] = matchTerms('Ask about Acetaminophen.', [entry('acetaminophen')]);
    expect(match).toMatchObject({ index: 10, matched: 'Acetaminophen' });
  });

  it('takes regular-expression characters in a term literally', () => {
    const entries = [entry('vitamin B12 (cobalamin)'), entry('C++'), entry('a.m.')];
    expect(terms('Take vitamin B12 (cobalamin) at 8 a.m. daily.', entries)).toEqual([
      'vitamin B12 (cobalamin)',
      'a.m.',
    ]);
    expect(terms('Take vitamin B12 cobalamin.', entries)).toEqual([]);
  });

  it('ignores empty terms and empty sources', () => {
    expect(terms('Anything.', [entry('   ')])).toEqual([]);
    expect(terms('', [entry('food')])).toEqual([]);
  });
});

describe('matchTerms: plurals, letter case and positions', () => {
  const english = { inflect: true };

  it('matches English plurals when asked to', () => {
    const entries = [entry('dose'), entry('therapy'), entry('rash')];
    const source = 'Doses of two therapies may cause rashes.';
    expect(matchTerms(source, entries, english).map((m) => m.entry.term)).toEqual([
      'therapy',
      'dose',
      'rash',
    ]);
    expect(terms(source, entries)).toEqual([]);
  });

  it('honours a case-sensitive entry', () => {
    const entries = [{ term: 'AIDS', translation: 'sida', caseSensitive: true }];
    expect(terms('AIDS is a syndrome.', entries)).toEqual(['AIDS']);
    expect(terms('Hearing aids help.', entries)).toEqual([]);
  });

  it('gives every occurrence as offsets into the stored source, codes included', () => {
    const source = 'A {1}dose{/1} or two doses: {{dose}}, and the DOSE.';
    const [match] = matchTerms(source, [entry('dose')], english);
    const found = match.positions.map(({ start, end }) => source.slice(start, end));
    expect(found).toEqual(['dose', 'doses', 'dose', 'DOSE']);
    expect(match.index).toBe(match.positions[0].start);
  });

  it('gives a span that covers a code inside a multi-word term', () => {
    const source = 'Check your {1}blood{/1} pressure.';
    const [match] = matchTerms(source, [entry('blood pressure')]);
    expect(match.positions).toEqual([{ start: 14, end: 32 }]);
    expect(source.slice(14, 32)).toBe('blood{/1} pressure');
  });

  it('keeps offsets right after decomposed characters and astral symbols', () => {
    const source = 'Parace\u0301tamol 💊 then parace\u0301tamol.';
    const [match] = matchTerms(source, [entry('paracétamol')]);
    expect(match.positions.map(({ start, end }) => source.slice(start, end))).toEqual([
      'Parace\u0301tamol',
      'parace\u0301tamol',
    ]);
  });
});

describe('normalizeTerm', () => {
  it('collapses whitespace, trims and composes', () => {
    expect(normalizeTerm('  blood \t pressure ')).toBe('blood pressure');
    expect(normalizeTerm('parace\u0301tamol')).toBe('paracétamol');
  });
});
