import { numberedTargets } from '../api';
import { findTerms, termRanges } from './glossary';

describe('findTerms', () => {
  it('finds whole words in any case, longest term first, without overlaps', () => {
    const text = 'Blood pressure and high blood pressure; bloodpressure no.';
    expect(findTerms(text, ['blood', 'blood pressure'])).toEqual([
      { start: 0, end: 14, term: 'blood pressure' },
      { start: 24, end: 38, term: 'blood pressure' },
    ]);
  });

  it('does not match inside a word', () => {
    expect(findTerms('Paracetamolic acid', ['paracetamol'])).toEqual([]);
  });
});

describe('termRanges', () => {
  it("uses the server's positions, longest term first, without overlaps", () => {
    const text = 'High {1}blood{/1} pressure doses.';
    const hits = [
      { term: 'high blood pressure', positions: [{ start: 0, end: 26 }] },
      { term: 'blood pressure', positions: [{ start: 8, end: 26 }] },
      {
        term: 'dose',
        positions: [
          { start: 27, end: 32 },
          { start: 40, end: 45 },
        ],
      },
    ];
    expect(termRanges(text, hits)).toEqual([
      { start: 0, end: 26, term: 'high blood pressure' },
      { start: 27, end: 32, term: 'dose' },
    ]);
  });

  it('searches itself when the server sent no positions', () => {
    expect(termRanges('Take ibuprofen.', [{ term: 'ibuprofen' }])).toEqual([
      { start: 5, end: 14, term: 'ibuprofen' },
    ]);
  });
});

describe('numberedTargets', () => {
  it('numbers memory matches before machine translations', () => {
    expect(
      numberedTargets({
        tm: [
          {
            source: 's',
            target: 'tm1',
            score: 90,
            current: true,
            origin: {
              project: 'p',
              article: 'a',
              segment: 'k',
              approvedAt: '2026-01-01T00:00:00.000Z',
              approver: null,
            },
            diff: [{ op: 'equal', text: 's' }],
          },
        ],
        mt: [{ provider: 'deepl', target: 'mt1' }],
        glossary: [],
      }),
    ).toEqual(['tm1', 'mt1']);
    expect(numberedTargets(undefined)).toEqual([]);
  });
});
