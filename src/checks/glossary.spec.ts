import { checkGlossary } from './glossary';
import type { GlossaryEntry } from './types';

const GLOSSARY: GlossaryEntry[] = [
  { term: 'immunotherapy', translation: 'inmunoterapia' },
  { term: 'side effect', translation: 'efecto secundario' },
  { term: 'side effect', translation: 'efecto adverso' },
  { term: 'Keytruda', translation: '', doNotTranslate: true },
];

const check = (source: string, target: string, targetLocale = 'es', glossary = GLOSSARY) =>
  checkGlossary({ source, target, sourceLocale: 'en', targetLocale, glossary });

describe('checkGlossary', () => {
  it.each([
    ['Immunotherapy works.', 'La inmunoterapia funciona.'],
    ['IMMUNOTHERAPY works.', 'La Inmunoterapia funciona.'],
    ['A side effect.', 'Un efecto adverso.'],
    ['Ask about Keytruda.', 'Pregunte por Keytruda.'],
    ['Ask about {1}Keytruda{/1}.', 'Pregunte por {1}KEYTRUDA{/1}.'],
    ['Immunotherapies work.', 'Las inmunoterapias funcionan.'],
    ['No terms here.', 'Sin términos.'],
  ])('accepts %j → %j', (source, target) => {
    expect(check(source, target)).toBeNull();
  });

  it('flags a term translated differently', () => {
    const result = check('Immunotherapy works.', 'La terapia inmune funciona.');
    expect(result).toMatchObject({ code: 'GLOSSARY', severity: 'warning' });
    expect(result?.details).toEqual({
      missing: [{ term: 'immunotherapy', expected: ['inmunoterapia'] }],
    });
  });

  it('lists every alternative of a term', () => {
    expect(check('A side effect.', 'Una reacción.')?.details).toEqual({
      missing: [{ term: 'side effect', expected: ['efecto secundario', 'efecto adverso'] }],
    });
  });

  it('flags a translated do-not-translate term', () => {
    expect(check('Ask about Keytruda.', 'Pregunte por el medicamento.')?.message).toContain(
      '"Keytruda"',
    );
  });

  it('works for right-to-left targets and Turkish casing', () => {
    const glossary = [{ term: 'aspirin', translation: 'أسبرين' }];
    expect(check('Do not take aspirin.', 'لا تتناول الأسبرين.', 'ar', glossary)).toBeNull();
    expect(check('Do not take aspirin.', 'لا تتناول الدواء.', 'ar', glossary)).not.toBeNull();
    const turkish = [{ term: 'insulin', translation: 'İnsülin' }];
    expect(check('Use insulin.', 'insülin kullanın.', 'tr', turkish)).toBeNull();
  });

  it('recognises English plurals of a term in the source', () => {
    const glossary = [{ term: 'therapy', translation: 'terapia' }];
    expect(check('Both therapies work.', 'Ambas funcionan.', 'es', glossary)?.details).toEqual({
      missing: [{ term: 'therapy', expected: ['terapia'] }],
    });
    expect(check('Both therapies work.', 'Ambas terapias funcionan.', 'es', glossary)).toBeNull();
  });

  it('honours case-sensitive entries in the source and for do-not-translate targets', () => {
    const aids = [{ term: 'AIDS', translation: 'sida', caseSensitive: true }];
    expect(check('Hearing aids help.', 'Los audífonos ayudan.', 'es', aids)).toBeNull();
    expect(check('AIDS is treatable.', 'Es tratable.', 'es', aids)).not.toBeNull();
    const ph = [{ term: 'pH', translation: '', doNotTranslate: true, caseSensitive: true }];
    expect(check('Check the pH.', 'Mida el pH.', 'es', ph)).toBeNull();
    expect(check('Check the pH.', 'Mida el PH.', 'es', ph)?.details).toEqual({
      missing: [{ term: 'pH', expected: ['pH'], doNotTranslate: true }],
    });
  });

  it('is silent without a glossary', () => {
    expect(check('Immunotherapy works.', 'Otra cosa.', 'es', [])).toBeNull();
  });
});
