import { findNumberWords, parseCjkNumeral, sourceWordQuantities } from './number-words';

const values = (text: string, locale: string) => findNumberWords(text, locale).map((w) => w.value);

describe('sourceWordQuantities (English)', () => {
  it.each([
    ['Take two tablets.', ['2'], []],
    ['Take it twice a day.', ['2'], ['1']],
    ['Take half a tablet.', ['0.5'], ['1']],
    ['Take a dozen drops.', ['12'], ['1']],
    ['Wait twenty-four hours.', ['24'], []],
    ['Take one tablet once a day.', ['1', '1'], ['1']],
    ['Once you feel better, stop.', [], ['1']],
    ['No one should take it.', [], []],
    ['It is one of the most common effects.', [], ['1']],
    ['Take both tablets on the second day.', [], ['2', '2']],
  ])('%j', (text, required, optional) => {
    const result = sourceWordQuantities(text, 'en');
    expect(result.required.map((r) => r.value)).toEqual(required);
    expect(result.optional).toEqual(optional);
  });

  it('reads no words of another source language', () => {
    expect(sourceWordQuantities('Tome dos comprimidos.', 'es')).toEqual({
      required: [],
      optional: [],
    });
  });
});

describe('findNumberWords', () => {
  it.each([
    ['Tome dos comprimidos y una cápsula.', 'es', ['2', '1']],
    ['Tome veintiún días.', 'es', []],
    ['Tome veintiuno.', 'es', ['21']],
    ['Prenez vingt-quatre gouttes.', 'fr', ['24']],
    ['Nehmen Sie zweimal täglich drei Tabletten.', 'de', ['2', '3']],
    ['Примите две таблетки дважды.', 'ru', ['2', '2']],
    ['Примите пяти.', 'ru', ['5']],
    ['Uống hai mươi bốn viên.', 'vi', ['24']],
    ['تناول قرصين وثلاث حبات.', 'ar', ['2', '3']],
    ['每日两次，每次二十四毫克。', 'zh-Hans', ['2', '24']],
    ['1日二回。', 'ja', ['2']],
    ['รับประทานสองเม็ด', 'th', ['2']],
    ['Uminom ng dalawang tableta.', 'tl', ['2']],
    ['Tome dezesseis gotas.', 'pt-BR', ['16']],
  ])('%j (%s)', (text, locale, expected) => {
    expect(values(text, locale)).toEqual(expected);
  });

  it('never reports words that also mean something else as extra numbers', () => {
    const [neuf] = findNumberWords('Un flacon neuf.', 'fr').filter((w) => w.value === '9');
    expect(neuf.ambiguous).toBe(true);
    expect(findNumberWords('Năm nay', 'vi').every((w) => w.ambiguous)).toBe(true);
    const [tres] = findNumberWords('Tome tres.', 'es');
    expect(tres).toMatchObject({ value: '3', ambiguous: false });
  });
});

describe('parseCjkNumeral', () => {
  it.each([
    ['一', 1],
    ['两', 2],
    ['十', 10],
    ['十二', 12],
    ['二十四', 24],
    ['一百零五', 105],
    ['三千', 3000],
    ['一万', 10000],
    ['壹拾贰', 12],
    ['二〇二四', 2024],
  ])('%s is %d', (text, value) => {
    expect(parseCjkNumeral(text)).toBe(value);
  });
});
