import { segmentDocument } from './index';
import { countWords } from './words';

describe('countWords', () => {
  it.each([
    ['Keep the bandage dry for two days.', 7],
    ['', 0],
    ['   ', 0],
    ['— … !?', 0],
    // Numbers are words, whatever their punctuation.
    ['Take 2 tablets of 2.5 mg, 1,000 mg a day at most.', 12],
    ['50% of people', 3],
    // Contractions and dotted abbreviations are one word each.
    ["Don't stop; it's fine.", 4],
    ['e.g. in the U.S.', 4],
    // A hyphen, a colon or a slash separates words.
    ['COVID-19 vaccine', 3],
    ['Come at 10:30 with 3/4 cup', 8],
  ])('%j has %i words', (text, words) => {
    expect(countWords(text)).toBe(words);
  });

  it('does not count inline codes', () => {
    expect(countWords('Read the {1}fact sheet{/1} before you go.{2/}')).toBe(7);
    expect(countWords('{1/}')).toBe(0);
    expect(countWords('{1}{/1} {2/} {3}{/3}')).toBe(0);
    expect(countWords('See {10}page{/10} {11/} 4')).toBe(3);
  });

  it('reads a standalone code as a break between words, a paired one as no break', () => {
    expect(countWords('first{1/}second')).toBe(2);
    expect(countWords('H{1}2{/1}O and CO{2}2{/2}')).toBe(3);
  });

  it('counts literal braces as text, not as codes', () => {
    expect(countWords('Use {{1}} for the dose')).toBe(5);
  });

  it('counts words of scripts without spaces by the dictionary, not as one block', () => {
    expect(countWords('请在饭后服药')).toBeGreaterThan(1);
  });

  it('takes an unknown or malformed locale as English', () => {
    expect(countWords('Two words', 'not a locale!')).toBe(2);
    expect(countWords('Two words', 'es')).toBe(2);
  });

  it('counts the segments of a document, the title included', () => {
    const { segments } = segmentDocument({
      content: '# Rest\n\nSleep **eight hours** a night.\n\n- Drink water\n- Walk 20 minutes',
      format: 'markdown',
      locale: 'en',
      title: 'Recovering at home',
    });
    expect(segments.map((s) => [s.text, countWords(s.text)])).toEqual([
      ['Recovering at home', 3],
      ['Rest', 1],
      ['Sleep {1}eight hours{/1} a night.', 5],
      ['Drink water', 2],
      ['Walk 20 minutes', 3],
    ]);
  });
});
