import { checkEndPunctuation } from './end-punctuation';

const check = (source: string, target: string, targetLocale: string) =>
  checkEndPunctuation({ source, target, sourceLocale: 'en', targetLocale });

describe('checkEndPunctuation', () => {
  it.each([
    ['Take it with food.', 'Tómelo con comida.', 'es'],
    ['Take it with food.', '随餐服用。', 'zh'],
    ['Take it with food.', '食事と一緒に服用してください。', 'ja'],
    ['Take it with food.', 'इसे भोजन के साथ लें।', 'hi'],
    ['Take it with food.', 'اسے کھانے کے ساتھ لیں۔', 'ur'],
    ['Take it with food.', 'تناوله مع الطعام.', 'ar'],
    ['Take it with food.', 'קחו את זה עם אוכל.', 'he'],
    ['Take it with food.', 'รับประทานพร้อมอาหาร', 'th'],
    ['Is it safe?', '¿Es seguro?', 'es'],
    ['Is it safe?', '安全吗？', 'zh'],
    ['Is it safe?', 'آیا بی‌خطر است؟', 'fa'],
    ['Is it safe?', 'هل هو آمن؟', 'ar'],
    ['Is it safe?', 'Είναι ασφαλές;', 'el'],
    ['Stop now!', '¡Deténgase ahora!', 'es'],
    ['Stop now!', '立即停止！', 'zh'],
    ['Side effects include:', 'Les effets secondaires comprennent :', 'fr'],
    ['He said "stop."', 'Il a dit « stop. »', 'fr'],
    ['Read the {1}leaflet{/1}.', 'Lea el {1}folleto{/1}.', 'es'],
    ['Wait...', 'Espere…', 'es'],
    ['Side effects', 'Efectos secundarios', 'es'],
  ])('accepts %j → %j (%s)', (source, target, locale) => {
    expect(check(source, target, locale)).toBeNull();
  });

  it.each([
    ['Is it safe?', 'Es seguro.', 'es', 'question mark', 'full stop'],
    ['Take it with food.', 'Tómelo con comida', 'es', 'full stop', 'no punctuation'],
    ['Side effects', 'Efectos secundarios.', 'es', 'no punctuation', 'full stop'],
    ['Stop now!', 'توقف الآن.', 'ar', 'exclamation mark', 'full stop'],
    ['Is it safe?', 'האם זה בטוח.', 'he', 'question mark', 'full stop'],
    ['Side effects include:', '副作用包括。', 'zh', 'colon', 'full stop'],
    ['Is it safe?', 'Είναι ασφαλές;', 'es', 'question mark', 'semicolon'],
  ])('flags %j → %j (%s)', (source, target, locale, expected, found) => {
    const result = check(source, target, locale);
    expect(result).toMatchObject({ code: 'END_PUNCTUATION', severity: 'warning' });
    expect(result?.details).toEqual({ expected, found });
  });

  it('writes a readable message', () => {
    expect(check('Is it safe?', 'Es seguro.', 'es')?.message).toBe(
      'The source ends with a question mark but the translation ends with a full stop.',
    );
  });
});
