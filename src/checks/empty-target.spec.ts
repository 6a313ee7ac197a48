import { checkEmptyTarget } from './empty-target';

const check = (source: string, target: string) =>
  checkEmptyTarget({ source, target, sourceLocale: 'en', targetLocale: 'fr' });

describe('checkEmptyTarget', () => {
  it.each([[''], ['   '], ['\n'], ['{1}{/1}'], ['{1/} ']])(
    'blocks the empty target %j',
    (target) => {
      expect(check('Read the {1}leaflet{/1}.', target)).toMatchObject({
        code: 'EMPTY_TARGET',
        severity: 'error',
      });
    },
  );

  it.each([
    ['Hello', 'Bonjour'],
    ['Hello', '.'],
    ['{1/}', '{1/}'],
    ['', ''],
    ['Hello', 'مرحبا'],
  ])('accepts %j → %j', (source, target) => {
    expect(check(source, target)).toBeNull();
  });
});
