import { checkRepeatedWord } from './repeated-word';

const check = (target: string, targetLocale: string, source = 'Take the tablet.') =>
  checkRepeatedWord({ source, target, sourceLocale: 'en', targetLocale });

describe('checkRepeatedWord', () => {
  it.each([
    ['Take the the tablet.', 'en', 'the'],
    ['Take The the tablet.', 'en', 'the'],
    ['Tome la la pastilla.', 'es', 'la'],
    ['Prenez le {1}le{/1} comprimé.', 'fr', 'le'],
    ['Примите Таблетку таблетку.', 'ru', 'таблетку'],
    ['Πάρτε το το χάπι.', 'el', 'το'],
    ['تناول تناول القرص.', 'ar', 'تناول'],
    ['Nehmen Sie Sie die Tablette.', 'de', 'sie'],
  ])('flags %j (%s)', (target, locale, word) => {
    const result = check(target, locale);
    expect(result).toMatchObject({ code: 'REPEATED_WORD', severity: 'warning' });
    expect(result?.details).toEqual({ words: [word] });
  });

  it.each([
    ['Take the tablet.', 'en'],
    ['Take them, then the tablet.', 'en'],
    ['the, the', 'en'],
    ['Take 5 5 mg.', 'en'],
    ['Patienten, die die Tabletten nehmen.', 'de'],
    ['Nous nous lavons les mains.', 'fr'],
    ['He had had a fever.', 'en'],
    ['Uống thuốc từ từ.', 'vi'],
    ['İlacı yavaş yavaş alın.', 'tr'],
    ['दवा धीरे धीरे लें।', 'hi'],
    ['دارو را کم کم مصرف کنید.', 'fa'],
    ['קחו את התרופה לאט לאט.', 'he'],
    ['请慢慢吃药，看看效果。', 'zh'],
    ['Minum obat pelan-pelan.', 'id'],
  ])('accepts %j (%s)', (target, locale) => {
    expect(check(target, locale)).toBeNull();
  });

  it('accepts a doubled name that the source has too', () => {
    expect(check('Viaje a Bora Bora.', 'es', 'Travel to Bora Bora.')).toBeNull();
  });
});
