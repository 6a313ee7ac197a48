import { checkMarkup } from './markup';

const check = (source: string, target: string) =>
  checkMarkup({ source, target, sourceLocale: 'en', targetLocale: 'es' });

describe('checkMarkup', () => {
  it.each([
    ['Take it with food.', 'Tómelo con comida.'],
    ['Children <5 years', 'Niños <5 años'],
    ['Use {1}bold{/1}', 'Use {1}negrita{/1}'],
    ['A -> B', 'A -> B'],
    ['Say «no»', 'Diga «no»'],
    ['Take <b>this</b>', 'Tome <b>esto</b>'],
    ['Dose under 5 mg', 'جرعة أقل من 5 ملغ'],
  ])('accepts %j → %j', (source, target) => {
    expect(check(source, target)).toBeNull();
  });

  it.each([
    ['Take it with food.', 'Tómelo con <b>comida</b>.', ['<b>', '</b>']],
    ['Take it.', 'Tómelo.<br/>', ['<br/>']],
    ['Take it.', 'Tómelo&nbsp;ahora.', ['&nbsp;']],
    ['Take it.', '<script>alert(1)</script>', ['<script>', '</script>']],
    ['Take it.', '<img src=x onerror=alert(1)>', ['<img src=x onerror=alert(1)>']],
  ])('flags HTML in %j → %j', (source, target, tags) => {
    const result = check(source, target);
    expect(result).toMatchObject({ code: 'MARKUP', severity: 'warning' });
    expect(result?.details).toMatchObject({ tags });
  });

  it('flags a comparison sign the source wrote in words', () => {
    const result = check('Children under 5 years', 'Niños < 5 años');
    expect(result?.details).toEqual({ tags: [], extraLess: 1, extraGreater: 0 });
  });

  it('flags a stray > in right-to-left text', () => {
    expect(check('More than 5 mg', 'יותר מ-5 מ"ג >')).not.toBeNull();
  });
});
