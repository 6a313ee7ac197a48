import { checkTextHygiene, isCleanText, textHygieneProblems } from './hygiene';

const check = (target: string, targetLocale = 'es') =>
  checkTextHygiene({ source: 'Take 25 mg twice a day.', target, sourceLocale: 'en', targetLocale });

describe('textHygieneProblems', () => {
  it.each([
    ['Tome \u202E25\u202C mg dos veces al día.', 'bidi-override', 'U+202E'],
    ['Tome \u202A25 mg.', 'bidi-override', 'U+202A'],
    ['Tome \u202B25 mg.', 'bidi-override', 'U+202B'],
    ['Tome \u202D25 mg.', 'bidi-override', 'U+202D'],
    ['Tome \u202C25 mg.', 'bidi-override', 'U+202C'],
    ['Tome \u206725 mg.', 'unpaired-isolate', 'U+2067'],
    ['Tome 25\u2069 mg.', 'unpaired-isolate', 'U+2069'],
    ['Tome\u0000 25 mg.', 'nul', 'U+0000'],
    ['Tome\u0007 25 mg.', 'control-character', 'U+0007'],
    ['Tome\r\n25 mg.', 'control-character', 'U+000D'],
    ['Tome\u001B[31m 25 mg.', 'control-character', 'U+001B'],
    ['Tome\u007F 25 mg.', 'control-character', 'U+007F'],
    ['Tome\u0085 25 mg.', 'control-character', 'U+0085'],
    ['Tome\u009B 25 mg.', 'control-character', 'U+009B'],
  ])('refuses %j (%s)', (text, kind, codePoint) => {
    expect(textHygieneProblems(text)).toContainEqual(
      expect.objectContaining({ kind, codePoint, index: expect.any(Number) }),
    );
    expect(isCleanText(text)).toBe(false);
  });

  it.each([
    ['\u200B'],
    ['\u200B\u200C\u200D\u2060'],
    ['\uFEFF'],
    ['\u200E\u200F'],
    ['\u00AD'],
    ['   \u3000 '],
    ['\u2066\u2069'],
  ])('refuses a text with no visible character: %j', (text) => {
    expect(textHygieneProblems(text)).toContainEqual({ kind: 'no-visible-text' });
  });

  it.each([
    ['Tome 25 mg dos veces al día.'],
    ['Tome 25 mg\tdos veces\nal día.'],
    ['تناول \u200F٢٥ ملغ\u200F مرتين يوميًا.'],
    ['تناول\u061C 25 ملغ.'],
    ['קחו \u200E25 mg\u200E פעמיים ביום.'],
    ['تناول \u2068Advil\u2069 ٢٥ ملغ.'],
    ['تناول \u2066\u2067Advil\u2069 25\u2069 ملغ.'],
    ['服用25毫克，每日两次。'],
    ['{1}{/1}'],
    [''],
  ])('accepts %j', (text) => {
    expect(textHygieneProblems(text)).toEqual([]);
  });
});

describe('checkTextHygiene', () => {
  it('blocks a right-to-left override that shows 25 as 52, naming the character', () => {
    const result = check('Tome \u202E25\u202C mg dos veces al día.');
    expect(result).toMatchObject({ code: 'TEXT_HYGIENE', severity: 'error' });
    expect(result?.message).toContain('U+202E');
    expect(result?.details).toEqual({
      problems: [
        { kind: 'bidi-override', codePoint: 'U+202E', index: 5 },
        { kind: 'bidi-override', codePoint: 'U+202C', index: 8 },
      ],
    });
  });

  it('blocks NUL with a clear message', () => {
    expect(check('Tome 25 mg\u0000.')?.message).toContain('NUL');
  });

  it.each(['ar', 'he', 'fa', 'ru', 'ja', 'zh-Hans', 'vi', 'de', 'fr'])(
    'applies to every target locale (%s)',
    (locale) => {
      expect(check('25 mg \u202E', locale)).not.toBeNull();
      expect(check('25 mg', locale)).toBeNull();
    },
  );
});
