import {
  compareMatches,
  diffWords,
  editDistance,
  fuzzyScore,
  grams,
  matchScore,
  minimumScore,
  normalizeSource,
  sourceHash,
  tokenize,
} from './matching';

describe('memory matching', () => {
  it('normalises case, width and white space before hashing', () => {
    expect(normalizeSource('  Take  the\tTablet ')).toBe('take the tablet');
    expect(sourceHash('Take the tablet').equals(sourceHash('take  the tablet'))).toBe(true);
    expect(sourceHash('Take the tablet').equals(sourceHash('Take the tablets'))).toBe(false);
  });

  it('makes inline codes and numbers tokens of their own', () => {
    expect(tokenize('Read the {1}fact sheet{/1} at 2.5 mg{2/}')).toEqual([
      { kind: 'word', text: 'read' },
      { kind: 'word', text: 'the' },
      { kind: 'code', text: '{1}' },
      { kind: 'word', text: 'fact' },
      { kind: 'word', text: 'sheet' },
      { kind: 'code', text: '{/1}' },
      { kind: 'word', text: 'at' },
      { kind: 'number', text: '2.5' },
      { kind: 'word', text: 'mg' },
      { kind: 'code', text: '{2/}' },
    ]);
  });

  it('costs a changed number twice a changed word', () => {
    const base = tokenize('Take 2 tablets every day with water');
    expect(editDistance(base, tokenize('Take 3 tablets every day with water'))).toBe(2);
    expect(editDistance(base, tokenize('Take 2 pills every day with water'))).toBe(1);
    expect(fuzzyScore(base, tokenize('Take 3 tablets every day with water'))).toBeLessThan(
      fuzzyScore(base, tokenize('Take 2 pills every day with water')),
    );
  });

  it('scores by word-level edit distance and keeps 100 for hash matches', () => {
    const q = tokenize('Drink plenty of water during the day.');
    expect(fuzzyScore(q, tokenize('Drink plenty of water during the day!'))).toBe(99);
    expect(fuzzyScore(q, tokenize('Drink plenty of fluids during the day.'))).toBe(85);
    expect(fuzzyScore(q, tokenize('Rest in bed.'))).toBeLessThan(30);
    expect(fuzzyScore([], [])).toBe(0);
  });

  it('raises the threshold for short strings', () => {
    expect(minimumScore(2)).toBeGreaterThan(minimumScore(4));
    expect(minimumScore(4)).toBeGreaterThan(minimumScore(12));
    expect(minimumScore(12)).toBe(75);
  });

  it('gives 101 to an exact match with the same neighbours, 100 without', () => {
    const h = (s: string) => sourceHash(s);
    const input = {
      queryHash: h('Rest well.'),
      queryTokens: tokenize('Rest well.'),
      context: { previous: h('Before.'), next: null },
    };
    const stored = { source: 'Rest well.', sourceHash: h('rest well.') };
    expect(matchScore(input, { ...stored, previousHash: h('Before.'), nextHash: null })).toBe(101);
    expect(matchScore(input, { ...stored, previousHash: h('Other.'), nextHash: null })).toBe(100);
    expect(matchScore(input, { ...stored, previousHash: h('Before.'), nextHash: h('x') })).toBe(
      100,
    );
    expect(
      matchScore(
        { ...input, context: undefined },
        {
          ...stored,
          previousHash: null,
          nextHash: null,
        },
      ),
    ).toBe(100);
    expect(
      matchScore(input, {
        source: 'Rest very well.',
        sourceHash: h('Rest very well.'),
        previousHash: null,
        nextHash: null,
      }),
    ).toBe(66);
  });

  it('indexes word pairs per locale pair, single tokens alone', () => {
    const t = tokenize('Wash your hands');
    expect(grams('en', 'es', t)).toHaveLength(2);
    expect(grams('en', 'es', t)).toEqual(grams('EN', 'ES', tokenize('wash YOUR hands')));
    expect(grams('en', 'fr', t)).not.toEqual(grams('en', 'es', t));
    expect(grams('en', 'es', tokenize('Hello'))).toHaveLength(1);
    expect(grams('en', 'es', [])).toEqual([]);
    for (const g of grams('en', 'es', t)) expect(g).toMatch(/^-?\d+$/);
  });

  it('diffs the memory source against the current one word by word', () => {
    expect(diffWords('Take two tablets daily.', 'Take three tablets daily.')).toEqual([
      { op: 'equal', text: 'Take ' },
      { op: 'delete', text: 'two' },
      { op: 'insert', text: 'three' },
      { op: 'equal', text: ' tablets daily.' },
    ]);
    expect(diffWords('', 'New')).toEqual([{ op: 'insert', text: 'New' }]);
    const long = 'word '.repeat(500);
    expect(diffWords(long, 'x')).toEqual([
      { op: 'delete', text: long },
      { op: 'insert', text: 'x' },
    ]);
  });

  it('ranks same-English matches first, then current entries before demoted ones', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const later = new Date('2026-02-01T00:00:00Z');
    const match = (id: string, score: number, current: boolean, approvedAt = at) => ({
      id,
      score,
      current,
      approvedAt,
    });
    const ranked = [
      match('1', 101, false),
      match('2', 99, true),
      match('3', 100, true),
      match('4', 100, true, later),
      match('5', 80, true),
      match('6', 101, true),
      match('7', 100, false),
      match('8', 99, false),
    ].sort(compareMatches);
    // 101 current, 100 current (newest first), then the demoted 101 and 100; fuzzy after all.
    expect(ranked.map((m) => m.id)).toEqual(['6', '4', '3', '1', '7', '2', '5', '8']);
    // Same everything: the newer entry (higher id) first.
    expect([match('9', 100, true), match('10', 100, true)].sort(compareMatches)[0].id).toBe('10');
  });
});
