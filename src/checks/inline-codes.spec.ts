import { checkInlineCodes } from './inline-codes';

const check = (source: string, target: string, targetLocale = 'es') =>
  checkInlineCodes({ source, target, sourceLocale: 'en', targetLocale });

describe('checkInlineCodes', () => {
  it.each([
    ['Read the {1}fact sheet{/1} before {2/}', 'Lea la {1}hoja informativa{/1} antes de {2/}'],
    ['{1}Bold{/1} and {2}link{/2}', '{2}enlace{/2} y {1}negrita{/1}'],
    ['{1}outer {2}inner{/2}{/1}', '{1}exterior {2}interior{/2}{/1}'],
    ['Use {{braces}} here', 'Use {{llaves}} aquí'],
    ['No codes', 'Sin códigos'],
    ['Call {1}911{/1}.', 'اتصل بـ {1}911{/1}.'],
    ['Take {1}Advil{/1} {2/}', '{2/} קחו {1}Advil{/1}'],
  ])('accepts %j → %j', (source, target) => {
    expect(check(source, target)).toBeNull();
  });

  it('reports a missing code', () => {
    const result = check('Read the {1}fact sheet{/1} before {2/}', 'Lea la {1}hoja{/1} antes');
    expect(result).toMatchObject({ code: 'INLINE_CODES', severity: 'error' });
    expect(result?.details).toMatchObject({ missing: ['{2/}'], unexpected: [] });
    expect(result?.message).toContain('missing {2/}');
  });

  it('reports an invented code', () => {
    expect(check('Plain text', 'Texto {1}plano{/1}')?.details).toMatchObject({
      missing: [],
      unexpected: ['{1}', '{/1}'],
    });
  });

  it('reports a duplicated code', () => {
    expect(check('See {1/}', 'Vea {1/} {1/}')?.details).toMatchObject({ unexpected: ['{1/}'] });
  });

  it('reports a code turned from paired into standalone', () => {
    expect(check('{1}x{/1}', '{1/}x')?.details).toMatchObject({
      missing: ['{1}', '{/1}'],
      unexpected: ['{1/}'],
    });
  });

  it('reports overlapping codes', () => {
    const result = check('{1}a {2}b{/2}{/1}', '{1}a {2}b{/1}{/2}');
    expect(result?.details).toMatchObject({ missing: [], unexpected: [] });
    expect(result?.message).toContain('overlapping');
  });

  it('reports a close before its open', () => {
    expect(check('{1}a{/1}', '{/1}a{1}')?.message).toContain('{/1} comes before its {1}');
  });

  it('reports a lone brace in the target', () => {
    expect(check('Take {1}this{/1}', 'Tome {1}esto{/1} {')?.details).toMatchObject({
      strayBraces: 1,
    });
  });

  it('reports a code mangled by right-to-left editing', () => {
    expect(check('Take {1}Advil{/1}', 'קחו {1}Advil{1/}', 'he')).not.toBeNull();
  });

  it('does not hold an unbalanced source against the target', () => {
    expect(check('end of {1}span', 'fin de {1}tramo')).toBeNull();
  });
});
