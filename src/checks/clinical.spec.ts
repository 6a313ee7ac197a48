import { hasBlockingFailure, runChecks, type CheckResult, type GlossaryEntry } from './index';

/**
 * The clinical checks per target locale, through runChecks as the save uses them: what a
 * patient could be harmed by is refused (or, for negation, flagged), and correct translations
 * in each locale's own conventions pass.
 */
const run = (source: string, target: string, targetLocale: string, glossary?: GlossaryEntry[]) =>
  runChecks({ source, target, sourceLocale: 'en', targetLocale, glossary });

const blocking = (results: CheckResult[]) =>
  results.filter((r) => r.severity === 'error').map((r) => r.code);
const warnings = (results: CheckResult[]) =>
  results.filter((r) => r.severity === 'warning').map((r) => r.code);

type Case = [locale: string, source: string, target: string];

describe('units attached to numbers', () => {
  it.each<Case>([
    ['es', 'Take 5 mg.', 'Tome 5 g.'],
    ['fr', 'Take 5 mg.', 'Prenez 5 g.'],
    ['de', 'Take 5 mg.', 'Nehmen Sie 5 g.'],
    ['zh-Hans', 'Take 5 mg.', '服用5克。'],
    ['ja', 'Take 5 mg.', '5gを服用してください。'],
    ['ar', 'Take 5 mg.', 'تناول ٥ غرام.'],
    ['vi', 'Take 5 mg.', 'Uống 5 g.'],
    ['ru', 'Take 5 mg.', 'Примите 5 г.'],
    ['es', 'Give 5 mL.', 'Administre 5 L.'],
    ['fr', 'Give 100 mcg.', 'Donnez 100 mg.'],
    ['de', 'Keep below 25 °C.', 'Unter 25 °F lagern.'],
    ['es', 'Give 500 units.', 'Administre 500 mg.'],
    ['ru', 'Give 2 kg.', 'Дайте 2 г.'],
    ['es', 'Fast for 2 weeks.', 'Ayune durante 2 meses.'],
    ['es', 'Take it every 8 hours.', 'Tómelo cada 8 días.'],
    ['fr', 'Take it every 8 hours.', 'Prenez-le tous les 8 jours.'],
    ['de', 'Take it every 8 hours.', 'Alle 8 Tage einnehmen.'],
    ['zh-Hans', 'Take it every 8 hours.', '每8天服用一次。'],
    ['ja', 'Take it every 8 hours.', '8日ごとに服用してください。'],
    ['ar', 'Take it every 8 hours.', 'تناوله كل ٨ أيام.'],
    ['vi', 'Take it every 8 hours.', 'Uống mỗi 8 ngày.'],
    ['ru', 'Take it every 8 hours.', 'Принимайте каждые 8 дней.'],
    ['es', 'Take 5 mL of syrup.', 'Tome 5 de jarabe.'],
  ])('%s refuses %j → %j', (locale, source, target) => {
    const results = run(source, target, locale);
    expect(blocking(results)).toEqual(['UNITS']);
    expect(hasBlockingFailure(results)).toBe(true);
  });

  it('names the unit change in the message and details', () => {
    const [result] = run('Take 5 mg.', 'Tome 5 g.', 'es');
    expect(result.message).toContain('5 mg became 5 g');
    expect(result.details).toEqual({
      problems: [{ kind: 'unit-changed', value: '5', expected: 'mg', found: 'g' }],
    });
  });

  it.each<Case>([
    ['es', 'Take 5 mg.', 'Tome 5 mg.'],
    ['es', 'Take 5 mg.', 'Tome 5 miligramos.'],
    ['fr', 'Take 5 mg.', 'Prenez 5 milligrammes.'],
    ['de', 'Take 5 mg.', 'Nehmen Sie 5 Milligramm.'],
    ['zh-Hans', 'Take 5 mg.', '服用5毫克。'],
    ['zh-Hant', 'Take 5 mg.', '服用5毫克。'],
    ['zh-Hans', 'Take 5 mg.', '服用5 mg。'],
    ['ja', 'Take 5 mg.', '5mgを服用してください。'],
    ['ja', 'Take 5 mg.', '5ミリグラムを服用してください。'],
    ['ar', 'Take 5 mg.', 'تناول ٥ ملغ.'],
    ['ar', 'Take 5 mg.', 'تناول 5 مغ.'],
    ['vi', 'Take 5 mg.', 'Uống 5 mg.'],
    ['ru', 'Take 5 mg.', 'Примите 5 мг.'],
    ['ko', 'Take 5 mg.', '5밀리그램을 복용하세요.'],
    ['he', 'Take 5 mg.', 'קחו 5 מ"ג.'],
    ['fa', 'Take 5 mg.', '۵ میلی‌گرم مصرف کنید.'],
    ['hi', 'Take 5 mg.', '5 मिलीग्राम लें।'],
    ['th', 'Take 5 mg.', 'รับประทาน 5 มก.'],
    ['es', 'Take it every 8 hours.', 'Tómelo cada 8 horas.'],
    ['fr', 'Take it every 8 hours.', 'Prenez-le toutes les 8 heures.'],
    ['de', 'Take it every 8 hours.', 'Alle 8 Stunden einnehmen.'],
    ['zh-Hans', 'Take it every 8 hours.', '每8小时服用一次。'],
    ['zh-Hans', 'Take it every 8 hours.', '每8个小时服用一次。'],
    ['ja', 'Take it every 8 hours.', '8時間ごとに服用してください。'],
    ['ar', 'Take it every 8 hours.', 'تناوله كل ٨ ساعات.'],
    ['vi', 'Take it every 8 hours.', 'Uống mỗi 8 giờ một lần.'],
    ['ru', 'Take it every 8 hours.', 'Принимайте каждые 8 часов.'],
    ['tr', 'Take it every 8 hours.', '8 saatte bir alın.'],
    ['es', 'It helps 50% of people.', 'Ayuda al 50 % de las personas.'],
    ['tr', 'It helps 50% of people.', "İnsanların %50'sine yardımcı olur."],
    ['ar', 'It helps 50% of people.', 'يساعد ٥٠٪ من الناس.'],
    ['es', 'Keep below 25 °C.', 'Conservar por debajo de 25 °C.'],
    ['ja', 'Keep below 25 °C.', '25℃以下で保存してください。'],
    ['es', 'Give 500 IU.', 'Administre 500 UI.'],
    ['es', 'Give 100 mcg.', 'Administre 100 µg.'],
    ['es', 'Children aged 2 to 5 years.', 'Niños de 2 a 5 años.'],
    ['es', 'Children aged 2 to 5 years.', 'Niños de 2 años a 5 años.'],
    ['fr', 'Take 5 mg at 8:30.', 'Prenez 5mg à 8 h 30.'],
    ['ja', 'Take 2 tablets twice a day.', '1日2回、1回2錠を服用してください。'],
    ['es', 'Keep glucose above 4 mmol/L.', 'Mantenga la glucosa por encima de 4 mmol/l.'],
  ])('%s accepts %j → %j', (locale, source, target) => {
    expect(blocking(run(source, target, locale))).toEqual([]);
  });
});

describe('numbers compared with what they count', () => {
  it.each<Case>([
    ['es', 'Do not exceed 4 doses in 24 hours.', 'No supere 24 dosis en 4 horas.'],
    ['fr', 'Do not exceed 4 doses in 24 hours.', 'Ne dépassez pas 24 doses en 4 heures.'],
    ['de', 'Do not exceed 4 doses in 24 hours.', 'Nicht mehr als 24 Dosen in 4 Stunden.'],
    ['zh-Hans', 'Do not exceed 4 doses in 24 hours.', '4小时内不要超过24剂。'],
    ['ja', 'Do not exceed 4 doses in 24 hours.', '4時間に24回を超えないでください。'],
    ['ar', 'Do not exceed 4 doses in 24 hours.', 'لا تتجاوز ٢٤ جرعة في ٤ ساعات.'],
    ['vi', 'Do not exceed 4 doses in 24 hours.', 'Không dùng quá 24 liều trong 4 giờ.'],
    ['ru', 'Do not exceed 4 doses in 24 hours.', 'Не принимайте более 24 доз за 4 часа.'],
    ['es', 'Take 2 tablets of 500 mg.', 'Tome 500 comprimidos de 2 mg.'],
    ['es', 'Give 2 tablets 3 times a day.', 'Dé 3 comprimidos 2 veces al día.'],
    ['fr', 'Give 2 tablets 3 times a day.', 'Donnez 3 comprimés 2 fois par jour.'],
    ['de', 'Give 2 tablets 3 times a day.', 'Geben Sie 3 Tabletten 2-mal täglich.'],
    ['zh-Hans', 'Give 2 tablets 3 times a day.', '每日2次，每次3片。'],
    ['ja', 'Give 2 tablets 3 times a day.', '1日2回、1回3錠。'],
    ['ar', 'Give 2 tablets 3 times a day.', 'أعطِ ٣ أقراص ٢ مرات يوميًا.'],
    ['vi', 'Give 2 tablets 3 times a day.', 'Cho uống 3 viên, 2 lần mỗi ngày.'],
    ['ru', 'Give 2 tablets 3 times a day.', 'Давайте по 3 таблетки 2 раза в день.'],
    ['es', 'Use 5 drops twice a day.', 'Use 2 gotas 5 veces al día.'],
  ])('%s refuses %j → %j', (locale, source, target) => {
    const results = run(source, target, locale);
    expect(blocking(results)).toEqual(['UNITS']);
    expect(results[0].details?.problems).toContainEqual(
      expect.objectContaining({ kind: expect.stringMatching(/^unit-(moved|changed)$/) }),
    );
  });

  it.each<Case>([
    ['es', 'Do not exceed 4 doses in 24 hours.', 'No supere 4 dosis en 24 horas.'],
    ['fr', 'Do not exceed 4 doses in 24 hours.', 'Ne dépassez pas 4 doses en 24 heures.'],
    ['de', 'Do not exceed 4 doses in 24 hours.', 'Nicht mehr als 4 Dosen in 24 Stunden.'],
    ['zh-Hans', 'Do not exceed 4 doses in 24 hours.', '24小时内不要超过4剂。'],
    ['ja', 'Do not exceed 4 doses in 24 hours.', '24時間に4回を超えないでください。'],
    ['ar', 'Do not exceed 4 doses in 24 hours.', 'لا تتجاوز ٤ جرعات في ٢٤ ساعة.'],
    ['vi', 'Do not exceed 4 doses in 24 hours.', 'Không dùng quá 4 liều trong 24 giờ.'],
    ['ru', 'Do not exceed 4 doses in 24 hours.', 'Не принимайте более 4 доз за 24 часа.'],
    ['es', 'Give 2 tablets 3 times a day.', 'Dé 2 comprimidos 3 veces al día.'],
    ['fr', 'Give 2 tablets 3 times a day.', 'Donnez 2 comprimés 3 fois par jour.'],
    ['de', 'Give 2 tablets 3 times a day.', 'Geben Sie 3-mal täglich 2 Tabletten.'],
    ['zh-Hans', 'Give 2 tablets 3 times a day.', '每日3次，每次2片。'],
    ['ja', 'Give 2 tablets 3 times a day.', '1日3回、1回2錠。'],
    ['ar', 'Give 2 tablets 3 times a day.', 'أعطِ ٢ قرص ٣ مرات يوميًا.'],
    ['vi', 'Give 2 tablets 3 times a day.', 'Cho uống 2 viên, 3 lần mỗi ngày.'],
    ['ru', 'Give 2 tablets 3 times a day.', 'Давайте по 2 таблетки 3 раза в день.'],
    ['es', 'Give two tablets three times a day.', 'Dé 2 comprimidos 3 veces al día.'],
    ['ja', 'Take two tablets twice a day.', '1日2回、1回2錠を服用。'],
    ['es', 'Take 2 capsules.', 'Tome 2 cápsulas.'],
    ['es', 'Take 2 tablets.', 'Tome 2.'],
  ])('%s accepts %j → %j', (locale, source, target) => {
    expect(blocking(run(source, target, locale))).toEqual([]);
  });
});

describe('spelled-out quantities', () => {
  it.each<Case>([
    ['es', 'Take two tablets.', 'Tome tres comprimidos.'],
    ['es', 'Take two tablets.', 'Tome comprimidos.'],
    ['fr', 'Take two tablets.', 'Prenez trois comprimés.'],
    ['de', 'Take two tablets.', 'Nehmen Sie drei Tabletten.'],
    ['zh-Hans', 'Take two tablets.', '服用三片。'],
    ['ja', 'Take two tablets.', '3錠を服用してください。'],
    ['ar', 'Take two tablets.', 'تناول ثلاثة أقراص.'],
    ['vi', 'Take two tablets.', 'Uống 3 viên.'],
    ['ru', 'Take two tablets.', 'Примите три таблетки.'],
    ['es', 'Take it twice a day.', 'Tómelo tres veces al día.'],
    ['de', 'Take it twice a day.', 'Dreimal täglich einnehmen.'],
    ['zh-Hans', 'Take it twice a day.', '每日三次。'],
    ['es', 'Take half a tablet.', 'Tome un comprimido.'],
    ['es', 'Take one tablet once a day.', 'Tome dos comprimidos una vez al día.'],
    ['de', 'Take 1 tablet.', 'Nehmen Sie zwei Tabletten ein.'],
    ['es', 'Take a dozen drops.', 'Tome diez gotas.'],
    ['es', 'Take 2 tablets.', 'Tome tres comprimidos.'],
  ])('%s refuses %j → %j', (locale, source, target) => {
    expect(blocking(run(source, target, locale))).toContain('NUMBERS');
  });

  it.each<Case>([
    ['es', 'Take two tablets.', 'Tome 2 comprimidos.'],
    ['es', 'Take two tablets.', 'Tome dos comprimidos.'],
    ['es', 'Take 1 tablet.', 'Tome un comprimido.'],
    ['es', 'Take 1 tablet.', 'Tome una tableta.'],
    ['es', 'Take 2 tablets.', 'Tome dos comprimidos.'],
    ['fr', 'Take two tablets.', 'Prenez 2 comprimés.'],
    ['fr', 'Take 1 tablet.', 'Prenez un comprimé.'],
    ['fr', 'Take one tablet.', 'Prenez une gélule.'],
    ['de', 'Take two tablets.', 'Nehmen Sie zwei Tabletten.'],
    ['de', 'Take 1 tablet.', 'Nehmen Sie eine Tablette ein.'],
    ['de', 'Take it twice a day.', 'Zweimal täglich einnehmen.'],
    ['zh-Hans', 'Take two tablets.', '服用两片。'],
    ['zh-Hans', 'Take two tablets.', '服用2片。'],
    ['zh-Hans', 'Take 2 tablets twice a day.', '每日两次，每次2片。'],
    ['zh-Hant', 'Take 2 tablets twice a day.', '每日兩次，每次2片。'],
    ['ja', 'Take two tablets.', '2錠を服用してください。'],
    ['ja', 'Take 2 tablets twice a day.', '1日2回、1回2錠を服用してください。'],
    ['ja', 'Take half a tablet.', '半錠を服用してください。'],
    ['ar', 'Take two tablets.', 'تناول قرصين اثنين.'],
    ['ar', 'Take 2 tablets twice a day.', 'تناول قرصين مرتين يوميًا.'],
    ['ar', 'Take one tablet once a day.', 'تناول قرصًا واحدًا مرة واحدة يوميًا.'],
    ['vi', 'Take two tablets.', 'Uống hai viên.'],
    ['vi', 'Take one tablet once a day.', 'Uống một viên mỗi ngày một lần.'],
    ['ru', 'Take two tablets.', 'Примите две таблетки.'],
    ['ru', 'Take 2 tablets twice a day.', 'Принимайте по 2 таблетки дважды в день.'],
    ['ru', 'Take one tablet once a day.', 'Примите одну таблетку один раз в день.'],
    ['es', 'Take half a tablet.', 'Tome medio comprimido.'],
    ['es', 'Take half a tablet.', 'Tome ½ comprimido.'],
    ['es', 'Take 1/2 tablet.', 'Tome medio comprimido.'],
    ['es', 'Take one and a half tablets.', 'Tome 1,5 comprimidos.'],
    ['es', 'Take one and a half tablets.', 'Tome un comprimido y medio.'],
    ['fr', 'Take 1 and a half tablets.', 'Prenez 1,5 comprimé.'],
    ['es', 'Take a dozen drops.', 'Tome una docena de gotas.'],
    ['es', 'Take a dozen drops.', 'Tome 12 gotas.'],
    ['es', 'Wait twenty-four hours.', 'Espere veinticuatro horas.'],
    ['es', 'Wait twenty-four hours.', 'Espere 24 horas.'],
    ['pt-BR', 'Take sixteen drops.', 'Tome dezesseis gotas.'],
    ['pl', 'Take two tablets.', 'Przyjmij dwie tabletki.'],
    ['tl', 'Take two tablets.', 'Uminom ng dalawang tableta.'],
    ['ko', 'Take two tablets.', '두 알을 복용하세요.'],
    ['he', 'Take it twice a day.', 'קחו פעמיים ביום.'],
    ['en-GB', 'Take two tablets.', 'Take 2 tablets.'],
    ['de', 'Once you feel better, stop.', 'Sobald es Ihnen besser geht, hören Sie auf.'],
    ['ar', 'It is one of the most common side effects.', 'وهو من أكثر الآثار الجانبية شيوعًا.'],
  ])('%s accepts %j → %j', (locale, source, target) => {
    expect(blocking(run(source, target, locale))).toEqual([]);
  });
});

describe('decimal and grouping conventions', () => {
  it.each<Case>([
    ['es', 'Take 1,000 mg.', 'Tome 1.000 mg.'],
    ['es', 'Take 1,000 mg.', 'Tome 1 000 mg.'],
    ['es', 'Take 1,000 mg.', 'Tome 1\u202F000 mg.'],
    ['es', 'Take 1,000 mg.', 'Tome 1\u00A0000 mg.'],
    ['es', 'Take 1 000 mg.', 'Tome 1000 mg.'],
    ['fr', 'Take 1,000 mg.', 'Prenez 1 000 mg.'],
    ['fr', 'Take 1,000 mg.', 'Prenez 1\u202F000 mg.'],
    ['de', 'Take 1,000 mg.', 'Nehmen Sie 1.000 mg.'],
    ['de', 'Take 1,000 mg.', 'Nehmen Sie 1 000 mg.'],
    ['ru', 'Take 1,000 mg.', 'Примите 1 000 мг.'],
    ['ru', 'Take 1,000 mg.', 'Примите 1\u00A0000 мг.'],
    ['es', 'Take 2.5 mg.', 'Tome 2,5 mg.'],
    ['fr', 'Take 2.5 mg.', 'Prenez 2,5 mg.'],
    ['de', 'Take 2.5 mg.', 'Nehmen Sie 2,5 mg.'],
    ['ru', 'Take 2.5 mg.', 'Примите 2,5 мг.'],
    ['vi', 'Take 2.5 mg.', 'Uống 2,5 mg.'],
    ['ar', 'Take 2.5 mg.', 'تناول ٢٫٥ ملغ.'],
    ['ar', 'Take 1,000 mg.', 'تناول ١٬٠٠٠ ملغ.'],
    ['fa', 'Take 2.5 mg.', '۲٫۵ میلی‌گرم مصرف کنید.'],
    ['zh-Hans', 'Take 2.5 mg.', '服用２．５毫克。'],
    ['ja', 'Take 1,000 mg.', '１，０００ｍｇを服用してください。'],
  ])('%s accepts %j → %j', (locale, source, target) => {
    expect(blocking(run(source, target, locale))).toEqual([]);
  });

  it.each<Case>([
    ['es', 'Take 2.5 mg.', 'Tome 25 mg.'],
    ['de', 'Take 1,000 mg.', 'Nehmen Sie 1,000 mg.'],
    ['ar', 'Take 2.5 mg.', 'تناول ٢٥ ملغ.'],
    ['fr', 'Take 2,500 mg.', 'Prenez 2 000 mg.'],
  ])('%s refuses %j → %j', (locale, source, target) => {
    expect(blocking(run(source, target, locale))).toContain('NUMBERS');
  });
});

describe('text hygiene', () => {
  it.each([
    ['es', 'Tome \u202E25\u202C mg dos veces al día.'],
    ['ar', 'تناول \u202E25\u202C ملغ مرتين يوميًا.'],
    ['he', 'קחו \u202B25 מ"ג פעמיים ביום.'],
    ['fr', 'Prenez 25 mg\u0000 deux fois par jour.'],
    ['de', 'Nehmen Sie 25 mg\u0007 zweimal täglich.'],
    ['ru', 'Принимайте 25 мг\u0085 дважды в день.'],
    ['zh-Hans', '每日两次，每次\u206725毫克。'],
    ['ja', '\u200B\u200B'],
    ['vi', '\u2060'],
  ])('%s refuses %j', (locale, target) => {
    const results = run('Take 25 mg twice a day.', target, locale);
    expect(blocking(results)).toContain('TEXT_HYGIENE');
  });

  it.each([
    ['ar', 'تناول \u200F25 ملغ\u200F مرتين يوميًا.'],
    ['fa', 'روزی دو بار\u200C ۲۵ میلی‌گرم\u200F مصرف کنید.'],
    ['he', 'קחו \u200E25 mg\u200E פעמיים ביום.'],
    ['ar', 'تناول\u061C 25 ملغ مرتين يوميًا.'],
    ['ar', 'تناول \u206625 mg\u2069 مرتين يوميًا.'],
  ])('%s accepts right-to-left marks and closed isolates: %j', (locale, target) => {
    expect(blocking(run('Take 25 mg twice a day.', target, locale))).toEqual([]);
  });

  it('reports an empty target as EMPTY_TARGET only, but keeps a control character in view', () => {
    expect(run('Take it.', '  ', 'es').map((r) => r.code)).toEqual(['EMPTY_TARGET']);
    expect(blocking(run('Take it.', ' \u0000 ', 'es'))).toContain('TEXT_HYGIENE');
    expect(blocking(run('Take it.', ' \u0007\u200B', 'es'))).toEqual(['TEXT_HYGIENE']);
  });
});

describe('negation', () => {
  it.each<Case>([
    ['es', 'Do not take with alcohol.', 'Tome con alcohol.'],
    ['fr', 'Do not take with alcohol.', 'Prenez-le avec de l’alcool.'],
    ['de', 'Do not take with alcohol.', 'Mit Alkohol einnehmen.'],
    ['zh-Hans', 'Do not take with alcohol.', '与酒精同服。'],
    ['ja', 'Do not take with alcohol.', 'アルコールと一緒に服用してください。'],
    ['ar', 'Do not take with alcohol.', 'تناوله مع الكحول.'],
    ['vi', 'Do not take with alcohol.', 'Uống cùng với rượu.'],
    ['ru', 'Do not take with alcohol.', 'Принимайте с алкоголем.'],
    ['ko', 'Do not take with alcohol.', '술과 함께 복용하십시오.'],
    ['fa', 'Do not take with alcohol.', 'با الکل مصرف کنید.'],
    ['es', 'Never give aspirin to children.', 'Dé aspirina a los niños.'],
    ['es', "Don't drive.", 'Conduzca.'],
    ['es', 'Avoid alcohol.', 'Beba alcohol.'],
    ['fr', 'Take it without food.', 'Prenez-le avec de la nourriture.'],
  ])('%s warns on %j → %j, and saves', (locale, source, target) => {
    const results = run(source, target, locale);
    expect(warnings(results)).toContain('NEGATION');
    expect(hasBlockingFailure(results)).toBe(false);
    expect(results.find((r) => r.code === 'NEGATION')?.message).toMatch(/no negation/);
  });

  it.each<Case>([
    ['es', 'Do not take with alcohol.', 'No lo tome con alcohol.'],
    ['es', 'Do not take with alcohol.', 'Evite tomarlo con alcohol.'],
    ['fr', 'Do not take with alcohol.', 'Ne le prenez pas avec de l’alcool.'],
    ['de', 'Do not take with alcohol.', 'Nicht mit Alkohol einnehmen.'],
    ['zh-Hans', 'Do not take with alcohol.', '请勿与酒精同服。'],
    ['zh-Hant', 'Do not take with alcohol.', '請勿與酒精同服。'],
    ['ja', 'Do not take with alcohol.', 'アルコールと一緒に服用しないでください。'],
    ['ar', 'Do not take with alcohol.', 'لا تتناوله مع الكحول.'],
    ['ar', 'Avoid alcohol.', 'وتجنّب الكحول.'],
    ['vi', 'Do not take with alcohol.', 'Không uống cùng với rượu.'],
    ['ru', 'Do not take with alcohol.', 'Не принимайте с алкоголем.'],
    ['pt', 'Do not take with alcohol.', 'Não tome com álcool.'],
    ['ko', 'Do not take with alcohol.', '술과 함께 복용하지 마십시오.'],
    ['tl', 'Do not take with alcohol.', 'Huwag inumin kasama ng alak.'],
    ['hi', 'Do not take with alcohol.', 'शराब के साथ न लें।'],
    ['fa', 'Do not take with alcohol.', 'با الکل مصرف نکنید.'],
    ['ht', 'Do not take with alcohol.', 'Pa pran l ak alkòl.'],
    ['pl', 'Do not take with alcohol.', 'Nie przyjmuj z alkoholem.'],
    ['it', 'Do not take with alcohol.', 'Non assumere con alcol.'],
    ['ur', 'Do not take with alcohol.', 'شراب کے ساتھ نہ لیں۔'],
    ['tr', 'Do not take with alcohol.', 'Alkolle birlikte almayın.'],
    ['he', 'Do not take with alcohol.', 'אל תיקחו עם אלכוהול.'],
    ['th', 'Do not take with alcohol.', 'อย่ารับประทานร่วมกับแอลกอฮอล์'],
    ['uk', 'Do not take with alcohol.', 'Не приймайте з алкоголем.'],
    ['es', 'Take it with food.', 'Tómelo con comida.'],
    ['es', 'See page No. 5.', 'Vea la página 5.'],
    ['zh-Hans', 'Do not drink alcohol.', '服药期间请戒酒。'],
    ['es', 'Do not drink alcohol.', 'Absténgase de beber alcohol.'],
    ['ru', 'Do not drink alcohol.', 'Воздержитесь от алкоголя.'],
  ])('%s is silent on %j → %j', (locale, source, target) => {
    expect(warnings(run(source, target, locale))).not.toContain('NEGATION');
  });
});

describe('glossary', () => {
  const glossary: GlossaryEntry[] = [
    { term: 'ibuprofen', translation: 'ibuprofeno' },
    { term: 'Advil', translation: 'Advil', doNotTranslate: true },
  ];

  it('warns when an approved translation is missing, and saves', () => {
    const results = run('Take ibuprofen.', 'Tome paracetamol.', 'es', glossary);
    expect(warnings(results)).toContain('GLOSSARY');
    expect(hasBlockingFailure(results)).toBe(false);
    expect(results.find((r) => r.code === 'GLOSSARY')?.details).toEqual({
      missing: [{ term: 'ibuprofen', expected: ['ibuprofeno'] }],
    });
  });

  it.each([
    ['es', 'Tome Adville.'],
    ['ar', 'تناول أدفيل.'],
    ['zh-Hans', '服用雅维。'],
    ['ru', 'Примите Адвил.'],
  ])('%s warns when a do-not-translate term is altered: %j', (locale, target) => {
    const result = run('Take Advil.', target, locale, glossary).find((r) => r.code === 'GLOSSARY');
    expect(result?.message).toContain('keep "Advil" as written');
    expect(result?.details).toEqual({
      missing: [{ term: 'Advil', expected: ['Advil'], doNotTranslate: true }],
    });
  });

  it.each([
    ['es', 'Take Advil.', 'Tome Advil.'],
    ['ar', 'Take Advil.', 'تناول Advil.'],
    ['ja', 'Take ibuprofen.', 'イブプロフェンを服用してください。'],
    ['es', 'Take ibuprofen.', 'Tome ibuprofeno.'],
  ])('%s is silent when the glossary is followed: %j → %j', (locale, source, target) => {
    const glossaryJa = [...glossary, { term: 'ibuprofen', translation: 'イブプロフェン' }];
    expect(
      warnings(run(source, target, locale, locale === 'ja' ? glossaryJa : glossary)),
    ).not.toContain('GLOSSARY');
  });
});

describe('a number word counts once', () => {
  it('refuses one 两 for two quantities of 2', () => {
    expect(blocking(run('Take 2 tablets twice a day.', '服用两片。', 'zh-Hans'))).toContain(
      'NUMBERS',
    );
  });
});

describe('a target that keeps English words', () => {
  it.each([
    ['es', 'Change the dressing once a day for 3 days.'],
    ['fr', 'Take two tablets twice a day, 5 mL each time, for 2 weeks.'],
    ['zh-Hans', 'Take half a tablet every 8 hours.'],
  ])('%s passes when the English is kept: %j', (locale, source) => {
    expect(blocking(run(source, `XX: ${source}`, locale))).toEqual([]);
  });
});
