import { checkLengthRatio, lengthBand } from './length-ratio';

const check = (source: string, target: string, targetLocale: string, sourceLocale = 'en') =>
  checkLengthRatio({ source, target, sourceLocale, targetLocale });

const SOURCE = 'Immunotherapy helps your immune system fight cancer.';

describe('lengthBand', () => {
  it('is wide for Latin script and much shorter for Chinese', () => {
    const [latinMin, latinMax] = lengthBand('en', 'es');
    const [hanMin, hanMax] = lengthBand('en', 'zh');
    expect(latinMin).toBeCloseTo(0.52, 2);
    expect(latinMax).toBeCloseTo(2.53, 2);
    expect(hanMin).toBeCloseTo(0.16, 2);
    expect(hanMax).toBeCloseTo(0.77, 2);
  });

  it('inverts for a non-English source', () => {
    const [min, max] = lengthBand('zh', 'en');
    expect(min).toBeGreaterThan(1);
    expect(max).toBeGreaterThan(6);
  });
});

describe('checkLengthRatio', () => {
  it.each([
    ['La inmunoterapia ayuda a su sistema inmunitario a combatir el cáncer.', 'es'],
    ['Die Immuntherapie hilft Ihrem Immunsystem, den Krebs zu bekämpfen.', 'de'],
    ['Иммунотерапия помогает вашей иммунной системе бороться с раком.', 'ru'],
    ['免疫疗法帮助您的免疫系统对抗癌症。', 'zh'],
    ['免疫療法は、あなたの免疫システムががんと闘うのを助けます。', 'ja'],
    ['면역 요법은 면역 체계가 암과 싸우도록 돕습니다.', 'ko'],
    ['يساعد العلاج المناعي جهازك المناعي على محاربة السرطان.', 'ar'],
    ['אימונותרפיה עוזרת למערכת החיסון שלך להילחם בסרטן.', 'he'],
    ['ایمنی‌درمانی به سیستم ایمنی بدن شما در مبارزه با سرطان کمک می‌کند.', 'fa'],
    ['इम्यूनोथेरेपी आपकी प्रतिरक्षा प्रणाली को कैंसर से लड़ने में मदद करती है।', 'hi'],
    ['ภูมิคุ้มกันบำบัดช่วยให้ระบบภูมิคุ้มกันของคุณต่อสู้กับมะเร็ง', 'th'],
  ])('accepts a plausible translation %j (%s)', (target, locale) => {
    expect(check(SOURCE, target, locale)).toBeNull();
  });

  it.each([
    ['Inmunoterapia.', 'es', 'shorter'],
    ['免疫疗法帮助您的免疫系统对抗癌症。'.repeat(3), 'zh', 'longer'],
    [
      'La inmunoterapia ayuda a su sistema inmunitario a combatir el cáncer. '.repeat(3),
      'es',
      'longer',
    ],
    ['免疫', 'ja', 'shorter'],
    ['العلاج.', 'ar', 'shorter'],
  ])('flags %j (%s) as %s', (target, locale, direction) => {
    const result = check(SOURCE, target, locale);
    expect(result).toMatchObject({ code: 'LENGTH_RATIO', severity: 'warning' });
    expect(result?.message).toContain(`much ${direction}`);
  });

  it('flags a Chinese target as long as the English source (likely untranslated)', () => {
    expect(check(SOURCE, SOURCE, 'zh')).not.toBeNull();
  });

  it('skips short sources such as headings and brand names', () => {
    expect(check('Side effects', 'Efectos secundarios adversos frecuentes', 'es')).toBeNull();
    expect(check('Keytruda', 'K', 'es')).toBeNull();
  });

  it('does not count inline codes or spaces', () => {
    const target = '{1}{2}{3}La inmunoterapia{/3}{/2}{/1}       .';
    expect(check(SOURCE, target, 'es')?.details).toMatchObject({ targetLength: 16 });
  });
});
