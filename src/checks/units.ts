import { languageOf, scriptOf } from './locale';

/**
 * Units written after a number, per language. A unit is named by its canonical id; IU and
 * "units" are one unit, as are mcg and µg. Time units count only when written after a number
 * ("8 hours", "8小时"), not "hourly".
 */
export type Unit =
  | 'mg' | 'g' | 'mcg' | 'kg' | 'ng' | 'ml' | 'l' | 'dl' | 'iu' | 'mmol' | 'mol' | 'meq' | '%'
  | '°c' | '°f' | 'cm' | 'mm' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year'
  | 'dose' | 'tablet' | 'drop'; // prettier-ignore

/**
 * What a number counts rather than measures: doses and times (one class: "4 doses" is often
 * "4回"), tablets with capsules and pills, drops. They tell "2 tablets 3 times" from "3 tablets 2
 * times"; a translation may leave them out.
 */
export const COUNT_UNITS: ReadonlySet<Unit> = new Set(['dose', 'tablet', 'drop']);

const COUNT_WORDS: Readonly<Record<string, AliasTable>> = {
  en: { dose: ['dose', 'time', 'times'], tablet: ['tablet', 'capsule', 'pill', 'caplet', 'lozenge'], drop: ['drop'] },
  es: { dose: ['dosis', 'toma', 'vez', 'veces'], tablet: ['comprimido', 'tableta', 'pastilla', 'capsula', 'pildora', 'gragea'], drop: ['gota'] },
  fr: { dose: ['dose', 'prise', 'fois'], tablet: ['comprime', 'gelule', 'cachet', 'pilule', 'capsule', 'pastille'], drop: ['goutte'] },
  de: { dose: ['dosis', 'dosen', 'gabe', 'mal'], tablet: ['tablette', 'kapsel', 'pille', 'dragee'], drop: ['tropfen'] },
  it: { dose: ['dose', 'dosi', 'volta', 'volte', 'somministrazion'], tablet: ['compress', 'capsul', 'pillol', 'pastigl'], drop: ['gocc'] },
  pt: { dose: ['dose', 'tomada', 'vez', 'vezes'], tablet: ['comprimido', 'capsula', 'pilula', 'pastilha'], drop: ['gota'] },
  ru: { dose: ['доз', 'раз', 'приём', 'прием'], tablet: ['таблет', 'капсул', 'пилюл'], drop: ['капл', 'капел'] },
  uk: { dose: ['доз', 'раз', 'прийом'], tablet: ['таблет', 'капсул'], drop: ['крапл', 'крапел'] },
  pl: { dose: ['dawk', 'razy', 'raz'], tablet: ['tabletk', 'kapsułk', 'kapsulk', 'pigułk'], drop: ['kropl', 'kropel'] },
  tr: { dose: ['doz', 'kez', 'defa', 'kere'], tablet: ['tablet', 'kapsul', 'hap'], drop: ['damla'] },
  vi: { dose: ['lieu', 'lan'], tablet: ['vien'], drop: ['giot'] },
  th: { dose: ['ครั้ง', 'โดส'], tablet: ['เม็ด', 'แคปซูล'], drop: ['หยด'] },
  hi: { dose: ['खुराक', 'बार'], tablet: ['गोली', 'गोलियां', 'गोलियाँ', 'टैबलेट', 'कैप्सूल'], drop: ['बूंद', 'बूँद'] },
  ur: { dose: ['خوراک', 'بار', 'مرتبہ'], tablet: ['گولی', 'گولیاں', 'کیپسول'], drop: ['قطر'] },
  ar: { dose: ['جرعة', 'جرعات', 'مرة', 'مرات'], tablet: ['قرص', 'اقراص', 'حبة', 'حبات', 'كبسولة', 'كبسولات'], drop: ['قطرة', 'قطرات'] },
  fa: { dose: ['دوز', 'نوبت', 'بار', 'مرتبه'], tablet: ['قرص', 'کپسول'], drop: ['قطره'] },
  he: { dose: ['מנה', 'מנות', 'פעם', 'פעמים'], tablet: ['טבליה', 'טבליות', 'כדור', 'כדורים', 'קפסולה', 'קפסולות'], drop: ['טיפה', 'טיפות'] },
  zh: { dose: ['剂', '劑', '次'], tablet: ['片', '粒', '颗', '顆', '丸'], drop: ['滴'] },
  ja: { dose: ['回'], tablet: ['錠', 'カプセル'], drop: ['滴'] },
  ko: { dose: ['회', '번'], tablet: ['정', '알', '캡슐'], drop: ['방울'] },
  tl: { dose: ['dosis', 'beses'], tablet: ['tableta', 'kapsula'], drop: ['patak'] },
  ht: { dose: ['doz', 'fwa'], tablet: ['grenn', 'tablet'], drop: ['gout'] },
}; // prettier-ignore

export const TIME_UNITS: ReadonlySet<Unit> = new Set([
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'year',
]);

type AliasTable = Partial<Record<Unit, readonly string[]>>;

/**
 * Symbols read in every language: medical text keeps `mg` in Cyrillic, Arabic or Chinese
 * sentences too. Single letters (g, l) count only as whole words.
 */
const UNIVERSAL: AliasTable = {
  mg: ['mg', 'mgs'], g: ['g', 'gm', 'gr'], mcg: ['mcg', 'µg', 'μg', 'ug'], kg: ['kg', 'kgs'],
  ng: ['ng'], ml: ['ml', 'cc'], l: ['l'], dl: ['dl'], iu: ['iu', 'ui', 'ie'], mmol: ['mmol'],
  mol: ['mol'], meq: ['meq'], '%': ['%', '٪', '﹪'], '°c': ['°c', 'ºc', '° c'],
  '°f': ['°f', 'ºf', '° f'], cm: ['cm'], mm: ['mm'],
}; // prettier-ignore

const ENGLISH: AliasTable = {
  mg: ['milligram', 'milligramme'], g: ['gram', 'gramme'], mcg: ['microgram', 'microgramme'],
  kg: ['kilogram', 'kilogramme', 'kilo'], ml: ['milliliter', 'millilitre'], l: ['liter', 'litre'],
  iu: ['unit', 'international unit'], mmol: ['millimole'], '%': ['percent', 'per cent'],
  '°c': ['degrees celsius', 'degrees c', 'degree celsius'],
  '°f': ['degrees fahrenheit', 'degrees f', 'degree fahrenheit'],
  cm: ['centimeter', 'centimetre'], mm: ['millimeter', 'millimetre'],
  minute: ['minute', 'min', 'mins'], hour: ['hour', 'hr', 'hrs', 'h'], day: ['day'],
  week: ['week', 'wk', 'wks'], month: ['month', 'mo', 'mos'], year: ['year', 'yr', 'yrs'],
}; // prettier-ignore

/** Per language; words are stems where the language inflects (matched as prefixes). */
const LOCAL: Readonly<Record<string, AliasTable>> = {
  en: ENGLISH,
  es: {
    mg: ['miligramo'], g: ['gramo'], mcg: ['microgramo'], kg: ['kilogramo', 'kilo'],
    ml: ['mililitro'], l: ['litro'], iu: ['unidad', 'unidades'], mmol: ['milimol'],
    '%': ['por ciento'], '°c': ['grados celsius', 'grados centigrados'], minute: ['minuto', 'min'],
    hour: ['hora', 'hs', 'h'], day: ['dia'], week: ['semana'], month: ['mes', 'meses'],
    year: ['año', 'años'],
  },
  fr: {
    mg: ['milligramme'], g: ['gramme'], mcg: ['microgramme'], kg: ['kilogramme', 'kilo'],
    ml: ['millilitre'], l: ['litre'], iu: ['unite'], mmol: ['millimole'],
    '%': ['pour cent', 'pourcent'], '°c': ['degres celsius'], minute: ['minute', 'min', 'mn'],
    hour: ['heure', 'h'], day: ['jour', 'j'], week: ['semaine'], month: ['mois'],
    year: ['an', 'ans', 'annee'],
  },
  de: {
    mg: ['milligramm'], g: ['gramm'], mcg: ['mikrogramm'], kg: ['kilogramm', 'kilo'],
    ml: ['milliliter'], l: ['liter'], iu: ['einheit', 'i.e.'], mmol: ['millimol'],
    '%': ['prozent'], '°c': ['grad celsius'], minute: ['minute', 'min'],
    hour: ['stunde', 'std', 'stündlich', 'stündig', 'h'], day: ['tag', 'tägig'], week: ['woche', 'wöchig'],
    month: ['monat'], year: ['jahr', 'jährig'],
  },
  it: {
    mg: ['milligramm'], g: ['gramm'], mcg: ['microgramm'], kg: ['chilogramm', 'chilo'],
    ml: ['millilitr'], l: ['litr'], iu: ['unita'], mmol: ['millimol'], '%': ['per cento'],
    minute: ['minut', 'min'], hour: ['ora', 'ore', 'h'], day: ['giorn', 'gg'],
    week: ['settiman'], month: ['mese', 'mesi'], year: ['anno', 'anni'],
  },
  pt: {
    mg: ['miligrama'], g: ['grama'], mcg: ['micrograma'], kg: ['quilograma', 'quilo'],
    ml: ['mililitro'], l: ['litro'], iu: ['unidade'], mmol: ['milimol'], '%': ['por cento'],
    minute: ['minuto', 'min'], hour: ['hora', 'h'], day: ['dia'], week: ['semana'],
    month: ['mes', 'meses'], year: ['ano'],
  },
  ru: {
    mg: ['мг', 'миллиграмм'], g: ['г', 'гр', 'грамм'], mcg: ['мкг', 'микрограмм'],
    kg: ['кг', 'килограмм'], ml: ['мл', 'миллилитр'], l: ['л', 'литр'],
    iu: ['ме', 'ед', 'единиц'], mmol: ['ммоль'], '%': ['процент'], minute: ['минут', 'мин'],
    hour: ['час', 'ч'], day: ['дн', 'дня', 'дней', 'день', 'сут'], week: ['недел', 'нед'],
    month: ['месяц', 'мес'], year: ['год', 'лет'],
  },
  uk: {
    mg: ['мг', 'мiлiграм'], g: ['г', 'грам'], mcg: ['мкг', 'мiкрограм'], kg: ['кг', 'кiлограм'],
    ml: ['мл', 'мiлiлiтр'], l: ['л', 'лiтр'], iu: ['мо', 'од', 'одиниц'], mmol: ['ммоль'],
    '%': ['вiдсот'], minute: ['хвилин', 'хв'], hour: ['годин', 'год'],
    day: ['день', 'днi', 'днiв', 'дня', 'дн', 'доб'], week: ['тижн', 'тижд'], month: ['мiсяц', 'мiс'],
    year: ['рiк', 'рок', 'рiв'],
  },
  pl: {
    mg: ['miligram'], g: ['gram'], mcg: ['mikrogram'], kg: ['kilogram'], ml: ['mililitr'],
    l: ['litr'], iu: ['j.m.', 'jednost'], mmol: ['milimol'], '%': ['procent'],
    minute: ['minut', 'min'], hour: ['godzin', 'godz', 'h'], day: ['dzien', 'dni', 'dnia', 'dob'],
    week: ['tydzien', 'tygodn'], month: ['miesiac', 'miesiec', 'mies'], year: ['rok', 'lat'],
  },
  tr: {
    mg: ['miligram'], g: ['gram'], mcg: ['mikrogram'], kg: ['kilogram', 'kilo'],
    ml: ['mililitre'], l: ['litre'], iu: ['unite', 'birim'], mmol: ['milimol'],
    '%': ['yuzde'], minute: ['dakika', 'dk'], hour: ['saat', 'sa'], day: ['gun'],
    week: ['hafta'], month: ['ay'], year: ['yıl', 'yas', 'sene'],
  },
  vi: {
    mg: ['miligam'], g: ['gam'], mcg: ['microgam'], kg: ['kilogam', 'ky'], ml: ['mililit'],
    l: ['lit'], iu: ['đơn vi'], '%': ['phan tram'], minute: ['phut'], hour: ['gio', 'tieng'],
    day: ['ngay'], week: ['tuan'], month: ['thang'], year: ['nam', 'tuoi'],
  },
  th: {
    mg: ['มก.', 'มก', 'มิลลิกรัม'], g: ['กรัม', 'ก.'], mcg: ['ไมโครกรัม', 'มคก.'],
    kg: ['กิโลกรัม', 'กก.', 'กิโล'], ml: ['มล.', 'มล', 'มิลลิลิตร', 'ซีซี'], l: ['ลิตร'],
    iu: ['หน่วย'], '%': ['เปอร์เซ็นต์'], minute: ['นาที'], hour: ['ชั่วโมง', 'ชม.', 'ชม'],
    day: ['วัน'], week: ['สัปดาห์', 'อาทิตย์'], month: ['เดือน'], year: ['ปี'],
  },
  hi: {
    mg: ['मिलीग्राम', 'मि.ग्रा.', 'मिग्रा'], g: ['ग्राम', 'ग्रा.'], mcg: ['माइक्रोग्राम'],
    kg: ['किलोग्राम', 'किग्रा', 'किलो'], ml: ['मिलीलीटर', 'मिली', 'एमएल'], l: ['लीटर'],
    iu: ['यूनिट', 'इकाई'], '%': ['प्रतिशत'], minute: ['मिनट'], hour: ['घंटे', 'घंटा', 'घण्टे'],
    day: ['दिन'], week: ['सप्ताह', 'हफ़्त', 'हफ्त'], month: ['महीन', 'माह'], year: ['साल', 'वर्ष'],
  },
  ur: {
    mg: ['ملی گرام', 'ملی‌گرام', 'ملیگرام'], g: ['گرام'], mcg: ['مائیکروگرام'],
    kg: ['کلوگرام', 'کلو'], ml: ['ملی لیٹر', 'ملی‌لیٹر'], l: ['لیٹر'], iu: ['یونٹ'],
    '%': ['فیصد'], minute: ['منٹ'], hour: ['گھنٹ'], day: ['دن'], week: ['ہفت'],
    month: ['مہین', 'ماہ'], year: ['سال'],
  },
  ar: {
    mg: ['ملغ', 'مغ', 'ملجم', 'مجم', 'ملغم', 'ملليغرام', 'مليغرام', 'ميليغرام', 'ميلي غرام', 'ملي غرام', 'ملليجرام', 'مليجرام'],
    g: ['غرام', 'غ', 'جرام', 'جم', 'غم'], mcg: ['ميكروغرام', 'مكغ', 'ميكروجرام', 'مكجم'],
    kg: ['كغ', 'كيلوغرام', 'كيلوجرام', 'كجم', 'كلغ', 'كيلو'],
    ml: ['مل', 'ملليلتر', 'مليلتر', 'ميليلتر', 'ملي لتر', 'مللتر'], l: ['لتر', 'ل'],
    iu: ['وحدة', 'وحدات'], mmol: ['ملمول', 'مليمول'], '%': ['بالمائة', 'في المائة', 'بالمئة', 'في المئة'],
    minute: ['دقيقة', 'دقائق', 'د'], hour: ['ساعة', 'ساعات', 'ساعه', 'س'], day: ['يوم', 'ايام'],
    week: ['اسبوع', 'اسابيع'], month: ['شهر', 'اشهر', 'شهور'], year: ['سنة', 'سنوات', 'سنين', 'عام', 'اعوام'],
  },
  fa: {
    mg: ['میلی‌گرم', 'میلی گرم', 'میلیگرم'], g: ['گرم'], mcg: ['میکروگرم'],
    kg: ['کیلوگرم', 'کیلو'], ml: ['میلی‌لیتر', 'میلی لیتر', 'میلیلیتر', 'سی‌سی', 'سی سی'],
    l: ['لیتر'], iu: ['واحد'], '%': ['درصد'], minute: ['دقیقه'], hour: ['ساعت'], day: ['روز'],
    week: ['هفته'], month: ['ماه'], year: ['سال'],
  },
  he: {
    mg: ['מ"ג', 'מ״ג', 'מג', 'מיליגרם'], g: ['גרם', "ג'"], mcg: ['מק"ג', 'מק״ג', 'מיקרוגרם'],
    kg: ['ק"ג', 'ק״ג', 'קילוגרם', 'קילו'], ml: ['מ"ל', 'מ״ל', 'מל', 'מיליליטר'], l: ['ליטר'],
    iu: ['יחידות', 'יחידה', "יח'"], '%': ['אחוז'], minute: ['דקות', 'דקה', "דק'"],
    hour: ['שעות', 'שעה', "ש'"], day: ['ימים', 'יום', 'ימי'], week: ['שבועות', 'שבוע'],
    month: ['חודשים', 'חודש'], year: ['שנים', 'שנה', 'שנות'],
  },
  zh: {
    mg: ['毫克'], g: ['克', '公克'], mcg: ['微克'], kg: ['千克', '公斤'], ml: ['毫升'],
    l: ['升', '公升'], iu: ['国际单位', '國際單位', '单位', '單位'], mmol: ['毫摩尔', '毫莫耳'],
    minute: ['分钟', '分鐘'], hour: ['小时', '小時', '钟头', '鐘頭'], day: ['天', '日'],
    week: ['周', '週', '星期', '礼拜', '禮拜'], month: ['个月', '個月'], year: ['年', '岁', '歲'],
  },
  ja: {
    mg: ['ミリグラム'], g: ['グラム'], mcg: ['マイクログラム'], kg: ['キログラム', 'キロ'],
    ml: ['ミリリットル'], l: ['リットル'], iu: ['単位'], mmol: ['ミリモル'], '%': ['パーセント'],
    minute: ['分'], hour: ['時間'], day: ['日'], week: ['週'],
    month: ['ヶ月', 'か月', 'カ月', 'ケ月', 'ヵ月', 'ヶ月'], year: ['年', '歳'],
  },
  ko: {
    mg: ['밀리그램'], g: ['그램'], mcg: ['마이크로그램'], kg: ['킬로그램', '킬로'], ml: ['밀리리터'],
    l: ['리터'], iu: ['단위'], '%': ['퍼센트'], minute: ['분'], hour: ['시간'], day: ['일'],
    week: ['주'], month: ['개월'], year: ['년', '살', '세'],
  },
  tl: {
    mg: ['miligramo'], g: ['gramo'], kg: ['kilo'], ml: ['mililitro'], l: ['litro'],
    iu: ['yunit'], '%': ['porsiyento', 'bahagdan'], minute: ['minuto'], hour: ['oras'],
    day: ['araw'], week: ['linggo'], month: ['buwan'], year: ['taon'],
  },
  ht: {
    mg: ['miligram'], g: ['gram'], kg: ['kilo'], ml: ['mililit'], l: ['lit'], iu: ['inite'],
    '%': ['pousan'], minute: ['minit'], hour: ['edtan', 'è'], day: ['jou'], week: ['semen'],
    month: ['mwa'], year: ['an', 'ane', 'lane'],
  },
}; // prettier-ignore

const LANGUAGE_ALIASES: Readonly<Record<string, string>> = { fil: 'tl', nb: 'no', iw: 'he' };
/** Scripts written without spaces: a unit may follow a number directly and be followed by anything. */
const UNSPACED_SCRIPTS = new Set(['Hans', 'Hant', 'Jpan', 'Kore', 'Thai', 'Laoo', 'Khmr', 'Mymr']);
/** A classifier between a number and a unit: `8个小时`. */
const COUNTERS = /^[个個]/;

/** Same folding as the texts the aliases are compared with (see `foldUnits`). */
export function foldUnits(text: string): string {
  return text
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/[\u0300-\u036F\u064B-\u065F\u0670\u0640]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[أإآ]/g, 'ا')
    .replace(/ё/g, 'е')
    .replace(/і/g, 'i')
    .replace(/[ı]/g, 'i')
    .replace(/[’`]/g, "'");
}

interface Alias {
  text: string;
  unit: Unit;
  /** A word stem: may be followed by more letters (`horas`, `часов`, `saatte`). */
  stem: boolean;
}

const aliasCache = new Map<string, Alias[]>();

function unitLanguage(locale: string): string {
  const language = languageOf(locale);
  return LANGUAGE_ALIASES[language] ?? language;
}

/** Whether the checks know this language's unit words (time units included). */
export function knowsUnitWords(locale: string): boolean {
  return unitLanguage(locale) in LOCAL;
}

/** The unit aliases of a locale, longest first. */
export function unitAliases(locale: string): Alias[] {
  const language = unitLanguage(locale);
  const cached = aliasCache.get(language);
  if (cached) return cached;
  const aliases: Alias[] = [];
  const seen = new Set<string>();
  // English unit words count in every target: a target that keeps "3 days" keeps the unit.
  const tables = [
    [UNIVERSAL, false],
    [LOCAL[language] ?? {}, true],
    [COUNT_WORDS[language] ?? {}, true],
    [ENGLISH, true],
    [COUNT_WORDS.en, true],
  ] as const;
  for (const [table, stems] of tables) {
    for (const [unit, texts] of Object.entries(table) as Array<[Unit, readonly string[]]>) {
      for (const raw of texts) {
        const text = foldUnits(raw);
        if (seen.has(`${unit}:${text}`)) continue;
        seen.add(`${unit}:${text}`);
        const letters = [...text].filter((c) => /\p{L}/u.test(c)).length;
        aliases.push({ text, unit, stem: stems && letters >= 3 && !/[."'״]/.test(text) });
      }
    }
  }
  aliases.sort((a, b) => b.text.length - a.text.length);
  aliasCache.set(language, aliases);
  return aliases;
}

const SPACING = /^[\s\u00A0\u202F\u2009\u2007-]{0,3}/u;

/**
 * The unit written at the start of `after` (the folded text right after a number), or null.
 * `before` is the folded text just before the number, for a percent sign written first (`%50`).
 */
export function unitAfter(after: string, before: string, locale: string): Unit | null {
  if (/[%٪﹪]\s?$/u.test(before)) return '%';
  const unspaced = UNSPACED_SCRIPTS.has(scriptOf(locale));
  let rest = after.slice((SPACING.exec(after)?.[0] ?? '').length);
  if (unspaced) rest = rest.replace(COUNTERS, '');
  for (const alias of unitAliases(locale)) {
    if (!rest.startsWith(alias.text)) continue;
    const next = rest.slice(alias.text.length, alias.text.length + 1);
    if (!alias.stem && continuesWord(alias.text, next)) continue;
    if (alias.text === 'l' && next === '/') continue; // "l/min" is read by its head only
    return alias.unit;
  }
  return null;
}

/** Scripts whose words are delimited: a letter of the same script continues the word. */
const WORD_SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Arabic', 'Hebrew', 'Devanagari'];

function scriptOfLetter(char: string): string | null {
  return WORD_SCRIPTS.find((script) => new RegExp(`\\p{Script=${script}}`, 'u').test(char)) ?? null;
}

/** `mg` followed by `s` continues a word; followed by `を` or a space it does not. */
function continuesWord(alias: string, next: string): boolean {
  const script = scriptOfLetter(alias.at(-1) ?? '');
  if (script === null || next === '') return false;
  return new RegExp(`[\\p{Script=${script}}\\p{M}]`, 'u').test(next);
}

/** Whether the folded text mentions the unit anywhere (as a word, or a symbol after a digit). */
export function mentionsUnit(text: string, unit: Unit, locale: string): boolean {
  return unitAliases(locale)
    .filter((alias) => alias.unit === unit)
    .some((alias) => {
      let from = text.indexOf(alias.text);
      while (from >= 0) {
        const before = text.slice(Math.max(0, from - 1), from);
        const next = text.slice(from + alias.text.length, from + alias.text.length + 1);
        const startsWord = !continuesWord(alias.text.slice(0, 1), before) || /\d/.test(before);
        if (startsWord && (alias.stem || !continuesWord(alias.text, next))) return true;
        from = text.indexOf(alias.text, from + 1);
      }
      return false;
    });
}
