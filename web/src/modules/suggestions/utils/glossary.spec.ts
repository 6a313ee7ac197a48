import { numberedTargets } from '../api';
import { findTerms } from './glossary';

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
