import { readQuantities } from './quantities';
import { foldUnits, mentionsUnit } from './units';

describe('readQuantities', () => {
  it.each([
    [
      'Take 5 mg every 8 hours.',
      'en',
      [
        ['5', 'mg'],
        ['8', 'hour'],
      ],
    ],
    [
      'Take a 5-mg tablet for 8-hour relief.',
      'en',
      [
        ['5', 'mg'],
        ['8', 'hour'],
      ],
    ],
    [
      'Give 2 to 5 mL.',
      'en',
      [
        ['2', 'ml'],
        ['5', 'ml'],
      ],
    ],
    [
      'Keep below 25 °C or 77 °F.',
      'en',
      [
        ['25', '°c'],
        ['77', '°f'],
      ],
    ],
    [
      'Give 500 units or 500 IU.',
      'en',
      [
        ['500', 'iu'],
        ['500', 'iu'],
      ],
    ],
    [
      'Take 100 µg or 100 mcg.',
      'en',
      [
        ['100', 'mcg'],
        ['100', 'mcg'],
      ],
    ],
    ['Keep glucose above 4 mmol/L.', 'en', [['4', 'mmol']]],
    ['Take 5 mg/kg.', 'en', [['5', 'mg']]],
    [
      'Tome 5 miligramos cada 8 horas durante 3 días.',
      'es',
      [
        ['5', 'mg'],
        ['8', 'hour'],
        ['3', 'day'],
      ],
    ],
    [
      'Prenez 5 mg toutes les 8 heures pendant 2 semaines.',
      'fr',
      [
        ['5', 'mg'],
        ['8', 'hour'],
        ['2', 'week'],
      ],
    ],
    [
      'Alle 8 Stunden 5 Milligramm für 3 Tage.',
      'de',
      [
        ['8', 'hour'],
        ['5', 'mg'],
        ['3', 'day'],
      ],
    ],
    [
      '每8个小时服用5毫克，连续3天，共2周。',
      'zh-Hans',
      [
        ['8', 'hour'],
        ['5', 'mg'],
        ['3', 'day'],
        ['2', 'week'],
      ],
    ],
    [
      '8時間ごとに5mgを3ヶ月。',
      'ja',
      [
        ['8', 'hour'],
        ['5', 'mg'],
        ['3', 'month'],
      ],
    ],
    [
      'كل ٨ ساعات ٥ ملغ لمدة ٣ أيام.',
      'ar',
      [
        ['8', 'hour'],
        ['5', 'mg'],
        ['3', 'day'],
      ],
    ],
    [
      'Mỗi 8 giờ uống 5 mg trong 3 ngày.',
      'vi',
      [
        ['8', 'hour'],
        ['5', 'mg'],
        ['3', 'day'],
      ],
    ],
    [
      'Каждые 8 часов по 5 мг в течение 3 дней.',
      'ru',
      [
        ['8', 'hour'],
        ['5', 'mg'],
        ['3', 'day'],
      ],
    ],
    [
      "İnsanların %50'si 8 saatte bir.",
      'tr',
      [
        ['50', '%'],
        ['8', 'hour'],
      ],
    ],
    [
      '５ｍｇ、25℃',
      'ja',
      [
        ['5', 'mg'],
        ['25', '°c'],
      ],
    ],
    [
      'at 8:30',
      'en',
      [
        ['8', null],
        ['30', null],
      ],
    ],
  ])('%j (%s)', (text, locale, expected) => {
    expect(readQuantities(text, locale).map((q) => [q.value, q.unit])).toEqual(expected);
  });
});

describe('mentionsUnit', () => {
  it('finds a unit word anywhere, as a word', () => {
    expect(mentionsUnit(foldUnits('El 50 por ciento'), '%', 'es')).toBe(true);
    expect(mentionsUnit(foldUnits('百分之五十的人'), 'day', 'zh-Hans')).toBe(false);
    expect(mentionsUnit(foldUnits('Tome 5 del jarabe'), 'mg', 'es')).toBe(false);
    expect(mentionsUnit(foldUnits('Tome 5mg'), 'mg', 'es')).toBe(true);
    expect(mentionsUnit(foldUnits('Tome 5 magnesio'), 'mg', 'es')).toBe(false);
  });
});
