import { diffWords, sides, tokenize } from './diff';

describe('tokenize', () => {
  it('keeps words, spaces, punctuation and inline codes as units', () => {
    expect(tokenize('Take {1}2 tablets{/1}, twice.{2/}')).toEqual([
      'Take',
      ' ',
      '{1}',
      '2',
      ' ',
      'tablets',
      '{/1}',
      ',',
      ' ',
      'twice',
      '.',
      '{2/}',
    ]);
  });

  it('splits CJK text by character and keeps apostrophes and hyphens inside words', () => {
    expect(tokenize('服用两片')).toEqual(['服', '用', '两', '片']);
    expect(tokenize("don't self-test")).toEqual(["don't", ' ', 'self-test']);
  });
});

describe('diffWords', () => {
  it('marks a changed number as one deletion and one insertion', () => {
    expect(diffWords('Take 2 tablets daily.', 'Take 3 tablets daily.')).toEqual([
      { op: 'equal', text: 'Take ' },
      { op: 'delete', text: '2' },
      { op: 'insert', text: '3' },
      { op: 'equal', text: ' tablets daily.' },
    ]);
  });

  it('shows an added negation as an insertion', () => {
    expect(diffWords('Do take it with food.', 'Do not take it with food.')).toEqual([
      { op: 'equal', text: 'Do ' },
      { op: 'insert', text: 'not ' },
      { op: 'equal', text: 'take it with food.' },
    ]);
  });

  it('reads a replaced phrase as one deletion then one insertion', () => {
    expect(diffWords('Rest for two weeks now.', 'Rest for three days now.')).toEqual([
      { op: 'equal', text: 'Rest for ' },
      { op: 'delete', text: 'two weeks' },
      { op: 'insert', text: 'three days' },
      { op: 'equal', text: ' now.' },
    ]);
  });

  it('handles empty sides and identical texts', () => {
    expect(diffWords('', 'New text')).toEqual([{ op: 'insert', text: 'New text' }]);
    expect(diffWords('Old text', '')).toEqual([{ op: 'delete', text: 'Old text' }]);
    expect(diffWords('Same.', 'Same.')).toEqual([{ op: 'equal', text: 'Same.' }]);
    expect(diffWords('', '')).toEqual([]);
  });

  it('treats a moved inline code as a change of the code only', () => {
    expect(diffWords('See {1}the leaflet{/1}.', 'See the {1}leaflet{/1}.')).toEqual([
      { op: 'equal', text: 'See ' },
      { op: 'delete', text: '{1}' },
      { op: 'equal', text: 'the ' },
      { op: 'insert', text: '{1}' },
      { op: 'equal', text: 'leaflet{/1}.' },
    ]);
  });

  it('always rebuilds both texts exactly', () => {
    const pairs: Array<[string, string]> = [
      [
        'Call your nurse if you have a fever.',
        'Call your doctor at once if you have a fever of 38 °C.',
      ],
      ['A b c d e f', 'f e d c b a'],
      ['Les effets secondaires', 'Les effets indésirables graves'],
      ['一天两次', '一天三次'],
    ];
    for (const [before, after] of pairs) {
      expect(sides(diffWords(before, after))).toEqual({ before, after });
    }
  });

  it('falls back to a whole replacement when the texts are too long to align', () => {
    const before = Array.from({ length: 2500 }, (_, i) => `w${i}`).join(' ');
    const after = Array.from({ length: 2500 }, (_, i) => `v${i}`).join(' ');
    const parts = diffWords(`x ${before}`, `y ${after}`);
    expect(parts.map((p) => p.op)).toEqual(['delete', 'insert']);
    expect(sides(parts)).toEqual({ before: `x ${before}`, after: `y ${after}` });
  });
});
