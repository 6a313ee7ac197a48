import * as ar from 'n2words/ar-SA';
import * as bn from 'n2words/bn-BD';
import * as cs from 'n2words/cs-CZ';
import * as da from 'n2words/da-DK';
import * as de from 'n2words/de-DE';
import * as el from 'n2words/el-GR';
import * as en from 'n2words/en-US';
import * as es from 'n2words/es-ES';
import * as fa from 'n2words/fa-IR';
import * as fi from 'n2words/fi-FI';
import * as fil from 'n2words/fil-PH';
import * as fr from 'n2words/fr-FR';
import * as he from 'n2words/he-IL';
import * as hi from 'n2words/hi-IN';
import * as hr from 'n2words/hr-HR';
import * as hu from 'n2words/hu-HU';
import * as id from 'n2words/id-ID';
import * as it from 'n2words/it-IT';
import * as ja from 'n2words/ja-JP';
import * as ko from 'n2words/ko-KR';
import * as ms from 'n2words/ms-MY';
import * as nb from 'n2words/nb-NO';
import * as nl from 'n2words/nl-NL';
import * as pl from 'n2words/pl-PL';
import * as pt from 'n2words/pt-PT';
import * as ro from 'n2words/ro-RO';
import * as ru from 'n2words/ru-RU';
import * as srLatn from 'n2words/sr-Latn-RS';
import * as sv from 'n2words/sv-SE';
import * as sw from 'n2words/sw-KE';
import * as th from 'n2words/th-TH';
import * as tr from 'n2words/tr-TR';
import * as uk from 'n2words/uk-UA';
import * as ur from 'n2words/ur-PK';
import * as vi from 'n2words/vi-VN';
import * as zhHans from 'n2words/zh-Hans-CN';
import * as zhHant from 'n2words/zh-Hant-TW';
import { languageOf, scriptOf } from './locale';

/**
 * Number words: the English quantities a target must keep ("two tablets", "twice", "half"),
 * and the words a target may write for a number ("un comprimido", "两次", "مرتين"). Cardinals
 * come from n2words in every gender it knows; the tables below add only what it has no form
 * for: case and gender forms, "twice"-style words, duals, half and dozen.
 */

type Cardinal = (value: number, options?: Record<string, string | boolean>) => string;

const CARDINALS: Readonly<Record<string, Cardinal>> = {
  ar: ar.toCardinal, bn: bn.toCardinal, cs: cs.toCardinal, da: da.toCardinal, de: de.toCardinal,
  el: el.toCardinal, en: en.toCardinal, es: es.toCardinal, fa: fa.toCardinal, fi: fi.toCardinal,
  fil: fil.toCardinal, tl: fil.toCardinal, fr: fr.toCardinal, he: he.toCardinal,
  iw: he.toCardinal, hi: hi.toCardinal, hr: hr.toCardinal, hu: hu.toCardinal, id: id.toCardinal,
  it: it.toCardinal, ja: ja.toCardinal, ko: ko.toCardinal, ms: ms.toCardinal, nb: nb.toCardinal,
  no: nb.toCardinal, nl: nl.toCardinal, pl: pl.toCardinal, pt: pt.toCardinal, ro: ro.toCardinal,
  ru: ru.toCardinal, sr: srLatn.toCardinal, bs: srLatn.toCardinal, sv: sv.toCardinal,
  sw: sw.toCardinal, th: th.toCardinal, tr: tr.toCardinal, uk: uk.toCardinal, ur: ur.toCardinal,
  vi: vi.toCardinal,
}; // prettier-ignore

const CARDINAL_OPTIONS: ReadonlyArray<Record<string, string | boolean> | undefined> = [
  undefined,
  { gender: 'feminine' },
  { gender: 'neuter' },
  { formal: false },
  { and: false },
];

/** Largest cardinal taken from n2words; larger numbers are written as numerals in practice. */
const MAX_WORD_VALUE = 100;

/**
 * Forms n2words does not give: inflected and gendered forms, "once"/"twice" words, duals that
 * carry the number in the noun, half and dozen. Keyed by value as the checks compare it.
 */
const EXTRA_FORMS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  en: { '1': ['once'], '2': ['twice'], '3': ['thrice'], '0.5': ['half'], '12': ['dozen'] },
  es: { '1': ['un', 'una', 'uno'], '0.5': ['medio', 'media', 'mitad'], '12': ['docena'] },
  fr: { '1': ['une'], '0.5': ['demi', 'demie', 'moitie'], '12': ['douzaine'] },
  it: { '1': ['un', 'una', 'uno', "un'"], '0.5': ['mezzo', 'mezza', 'meta'], '12': ['dozzina'] },
  pt: {
    '1': ['um', 'uma'], '2': ['duas', 'dois'], '0.5': ['meio', 'meia', 'metade'],
    '12': ['duzia'], '16': ['dezesseis'], '17': ['dezessete'], '19': ['dezenove'],
  },
  de: {
    '1': ['ein', 'eine', 'einen', 'einem', 'einer', 'eines', 'einmal'],
    '0.5': ['halb', 'halbe', 'halben', 'halber', 'halbes', 'halfte'], '12': ['dutzend'],
  },
  nl: { '1': ['een', 'eenmaal'], '0.5': ['half', 'halve', 'helft'], '12': ['dozijn'] },
  ru: {
    '1': ['один', 'одна', 'одно', 'одну', 'одного', 'одной', 'одним', 'одном', 'однажды'],
    '2': ['два', 'две', 'двух', 'двум', 'двумя', 'дважды'],
    '3': ['три', 'трех', 'трем', 'тремя', 'трижды'],
    '4': ['четыре', 'четырех', 'четырем', 'четырьмя', 'четырежды'],
    '0.5': ['половина', 'половину', 'половины', 'пол'], '12': ['дюжина', 'дюжину'],
  },
  uk: {
    '1': ['один', 'одна', 'одне', 'одну', 'одного', 'одніеї', 'однієї', 'одній', 'одним'],
    '2': ['два', 'дві', 'двох', 'двом', 'двома', 'двічі'],
    '3': ['три', 'трьох', 'трьом', 'трьома', 'тричі'],
    '4': ['чотири', 'чотирьох', 'чотирьом', 'чотирма'],
    '0.5': ['половина', 'половину', 'половини', 'пів'], '12': ['дюжина'],
  },
  pl: {
    '1': ['jeden', 'jedna', 'jedno', 'jedną', 'jednego', 'jednej', 'jednym', 'raz'],
    '2': ['dwa', 'dwie', 'dwóch', 'dwoma', 'dwukrotnie'],
    '3': ['trzy', 'trzech', 'trzema', 'trzykrotnie'],
    '4': ['cztery', 'czterech', 'czterema', 'czterokrotnie'],
    '0.5': ['pół', 'połowa', 'połowę', 'połowy'], '12': ['tuzin'],
  },
  tr: { '0.5': ['yarım', 'buçuk'], '12': ['düzine'] },
  ar: {
    '1': ['واحد', 'واحدة', 'الواحد', 'الواحدة', 'أحد', 'إحدى', 'مرة'],
    '2': [
      'اثنان', 'اثنين', 'اثنتان', 'اثنتين', 'مرتين', 'مرتان', 'يومين', 'ساعتين', 'أسبوعين',
      'شهرين', 'سنتين', 'عامين', 'قرصين', 'حبتين', 'كبسولتين', 'جرعتين', 'قطرتين',
    ],
    '3': ['ثلاث', 'ثلاثة'], '0.5': ['نصف'], '12': ['دزينة'],
  },
  he: {
    '1': ['אחד', 'אחת', 'פעם'],
    '2': ['שתיים', 'שתים', 'שניים', 'שני', 'שתי', 'פעמיים', 'יומיים', 'שעתיים', 'שבועיים', 'חודשיים', 'שנתיים'],
    '3': ['שלוש', 'שלושה', 'שלש'], '0.5': ['חצי'], '12': ['תריסר'],
  },
  fa: { '1': ['یک', 'یه'], '0.5': ['نصف', 'نیم'], '12': ['دوجین'] },
  ur: { '0.5': ['آدھا', 'آدھی', 'آدھے', 'نصف'], '12': ['درجن'] },
  hi: { '0.5': ['आधा', 'आधी', 'आधे'], '12': ['दर्जन'] },
  vi: { '1': ['một'], '4': ['tư'], '0.5': ['nửa', 'rưỡi'], '12': ['tá'] },
  th: { '1': ['เดียว'], '0.5': ['ครึ่ง'], '12': ['โหล'] },
  tl: { '1': ['isang', 'minsan'], '2': ['makalawa'], '0.5': ['kalahati'], '12': ['dosena'] },
  fil: { '1': ['isang', 'minsan'], '2': ['makalawa'], '0.5': ['kalahati'], '12': ['dosena'] },
  ko: {
    '1': ['하나', '한'], '2': ['둘', '두'], '3': ['셋', '세'], '4': ['넷', '네'], '5': ['다섯'],
    '6': ['여섯'], '7': ['일곱'], '8': ['여덟'], '9': ['아홉'], '10': ['열'], '11': ['열한', '열하나'],
    '12': ['열두', '열둘'], '20': ['스물', '스무'], '0.5': ['반'],
  },
  ja: { '1': ['一つ', 'ひとつ'], '2': ['二つ', 'ふたつ'], '3': ['三つ', 'みっつ'], '0.5': ['半'] },
  zh: { '2': ['两', '兩', '俩', '倆'], '0.5': ['半'] },
  ht: {
    '1': ['en', 'youn', 'yon'], '2': ['de'], '3': ['twa'], '4': ['kat'], '5': ['senk'], '6': ['sis'],
    '7': ['sèt'], '8': ['uit'], '9': ['nèf'], '10': ['dis'], '11': ['onz'], '12': ['douz'],
    '13': ['trèz'], '14': ['katòz'], '15': ['kenz'], '16': ['sèz'], '17': ['disèt'],
    '18': ['dizuit'], '19': ['diznèf'], '20': ['ven'], '0.5': ['mwatye', 'demi'],
  },
}; // prettier-ignore

/**
 * Words that also mean something else in running text ("neuf" new, "năm" year, Hindi "दो"
 * give): they may stand for a number of the source, but are never reported as a number the
 * source does not have. Languages whose number words double as common words or take
 * suffixes freely are left out of that report altogether.
 */
const AMBIGUOUS_FORMS: Readonly<Record<string, readonly string[]>> = {
  fr: ['neuf'], de: ['acht'], hi: ['दो', 'सात'], ur: ['دو'], fa: ['دو'], he: ['שני', 'שש'],
  it: ['otto'], en: ['second'],
}; // prettier-ignore
const NO_UNEXPECTED_WORDS = new Set([
  'vi',
  'tr',
  'ko',
  'ht',
  'tl',
  'fil',
  'zh',
  'ja',
  'th',
  'id',
  'ms',
  'sw',
]);

/** Languages whose words may carry a suffix after a number word, and which suffixes. */
const SUFFIXES: Readonly<Record<string, string>> = {
  de: '(?:mal|fach|malig|tägig|tägige[nmrs]?|stündig|stündlich|wöchig|jährig|jährige[nmrs]?)?',
  tr: '\\p{L}*',
  tl: '(?:ng|-)?',
  fil: '(?:ng|-)?',
  ko: '\\p{L}*',
};
/** Proclitics written onto the next word: Arabic و/ب/ل/ف/ك, Hebrew ו/ב/ל/ה/מ/ש/כ. */
const PREFIXES: Readonly<Record<string, string>> = {
  ar: '(?:و|ب|ل|ف|ك)?',
  he: '(?:ו|ב|ל|ה|מ|ש|כ)?',
};

const SUBSTRING_LANGUAGES = new Set(['th', 'lo', 'km', 'my']);
const CJK_NUMERAL = '〇零一二两兩三四五六七八九十百千万萬壹贰貳叁參肆伍陆陸柒捌玖拾佰仟';
const CJK_DIGITS: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 貳: 2, 两: 2, 兩: 2, 三: 3, 叁: 3, 參: 3, 四: 4,
  肆: 4, 五: 5, 伍: 5, 六: 6, 陆: 6, 陸: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
}; // prettier-ignore
const CJK_MULTIPLIERS: Readonly<Record<string, number>> = {
  十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000, 万: 10_000, 萬: 10_000,
}; // prettier-ignore

/**
 * Folds what a translator may write either way: letter case, Latin accents, Arabic vowel
 * marks and alef/ya variants, Cyrillic ё, a Latin i inside Ukrainian words.
 */
export function foldForWords(text: string): string {
  const cached = foldCache.get(text);
  if (cached !== undefined) return cached;
  const folded = fold(text);
  if (foldCache.size >= 64) foldCache.delete(foldCache.keys().next().value ?? '');
  foldCache.set(text, folded);
  return folded;
}

/** The same source and target are folded by several checks of one save. */
const foldCache = new Map<string, string>();

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036F\u064B-\u065F\u0670\u0640]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[أإآ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ё/g, 'е')
    .replace(/і/g, 'i')
    .replace(/ı/g, 'i')
    .replace(/[’`]/g, "'");
}

function wordLanguage(locale: string): string {
  const language = languageOf(locale);
  if (language === 'zh' || language === 'yue') return 'zh';
  return language;
}

function cardinalFormsOf(locale: string, value: number): string[] {
  const language = wordLanguage(locale);
  const cardinal =
    language === 'zh'
      ? scriptOf(locale) === 'Hant'
        ? zhHant.toCardinal
        : zhHans.toCardinal
      : CARDINALS[language];
  if (!cardinal) return [];
  const forms = new Set<string>();
  for (const options of CARDINAL_OPTIONS) {
    try {
      forms.add(cardinal(value, options));
    } catch {
      // an option this language does not take
    }
  }
  return [...forms];
}

export interface WordForm {
  form: string;
  value: string;
}

const formsCache = new Map<string, WordForm[]>();

/** Every word form of numbers 1–100, half and dozen in the locale, longest first. */
export function numberWordForms(locale: string): WordForm[] {
  const language = wordLanguage(locale);
  const key = language === 'zh' ? `zh-${scriptOf(locale)}` : language;
  const cached = formsCache.get(key);
  if (cached) return cached;
  const forms = new Map<string, string>();
  const add = (form: string, value: string) => {
    const folded = foldForWords(form).trim();
    if (folded && !forms.has(folded)) forms.set(folded, value);
  };
  for (const [value, extra] of Object.entries(EXTRA_FORMS[language] ?? {})) {
    for (const form of extra) add(form, value);
  }
  for (let value = 1; value <= MAX_WORD_VALUE; value++) {
    for (const form of cardinalFormsOf(locale, value)) {
      add(form, String(value));
      if (language === 'fr') add(form.replace(/-/g, ' '), String(value));
      // Russian and Ukrainian oblique cases of пять…тридцать: пяти, пятью
      if ((language === 'ru' || language === 'uk') && /ь$/.test(form)) {
        add(`${form.slice(0, -1)}и`, String(value));
        add(`${form.slice(0, -1)}ью`, String(value));
      }
    }
  }
  const list = [...forms].map(([form, value]) => ({ form, value }));
  list.sort((a, b) => b.form.length - a.form.length);
  formsCache.set(key, list);
  return list;
}

export interface FoundWord {
  value: string;
  start: number;
  end: number;
  /** May mean something else too; never reported as an extra number. */
  ambiguous: boolean;
}

/** Number words in a target (its text folded with `foldForWords`), without overlaps. */
export function findNumberWords(text: string, locale: string): FoundWord[] {
  const language = wordLanguage(locale);
  const folded = foldForWords(text);
  if (language === 'zh' || language === 'ja') {
    return [...findCjkNumerals(folded), ...findBySubstrings(folded, locale)];
  }
  if (SUBSTRING_LANGUAGES.has(language)) return findBySubstrings(folded, locale);
  return findByWords(folded, locale);
}

interface FormIndex {
  /** Form (words joined by one space) → value. */
  values: Map<string, string>;
  /** Most words in one form ("hai mươi bốn": 3). */
  maxWords: number;
  /** First words of the forms: a run starting with another word needs no lookup. */
  firstWords: Set<string>;
  ambiguous: Set<string>;
  /** The language's words are never reported as extra numbers. */
  blanket: boolean;
  suffix: RegExp | null;
  prefix: RegExp | null;
}

const indexCache = new Map<string, FormIndex>();

function formIndex(locale: string): FormIndex {
  const language = wordLanguage(locale);
  const key = `${language}-${scriptOf(locale)}`;
  const cached = indexCache.get(key);
  if (cached) return cached;
  const forms = numberWordForms(locale);
  const join = (form: string) => form.split(/[\s-]+/).join(' ');
  const index: FormIndex = {
    values: new Map(forms.map(({ form, value }) => [join(form), value])),
    maxWords: Math.max(1, ...forms.map(({ form }) => join(form).split(' ').length)),
    firstWords: new Set(forms.map(({ form }) => join(form).split(' ')[0])),
    ambiguous: new Set((AMBIGUOUS_FORMS[language] ?? []).map((f) => join(foldForWords(f)))),
    blanket: NO_UNEXPECTED_WORDS.has(language),
    suffix: SUFFIXES[language] ? new RegExp(`^${SUFFIXES[language]}$`, 'u') : null,
    prefix: PREFIXES[language] ? new RegExp(`^${PREFIXES[language]}`, 'u') : null,
  };
  if (indexCache.size > 200) indexCache.clear();
  indexCache.set(key, index);
  return index;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const JOINER = /^[\s\u00A0-]+$/u;

/** Words of the text looked up alone and in runs of up to `maxWords`, longest run first. */
function findByWords(text: string, locale: string): FoundWord[] {
  const index = formIndex(locale);
  if (index.values.size === 0) return [];
  const words = [...text.matchAll(WORD)].map((m) => ({ text: m[0], start: m.index }));
  const found: FoundWord[] = [];
  for (let i = 0; i < words.length;) {
    const match = longestFormAt(words, i, text, index);
    if (!match) {
      i++;
      continue;
    }
    const { form, value, count } = match;
    const end = words[i + count - 1].start + words[i + count - 1].text.length;
    const ambiguous = index.blanket || index.ambiguous.has(form) || Number(value) < 2;
    found.push({ value, start: words[i].start, end, ambiguous });
    i += count;
  }
  return found;
}

function longestFormAt(
  words: ReadonlyArray<{ text: string; start: number }>,
  at: number,
  text: string,
  index: FormIndex,
): { form: string; value: string; count: number } | null {
  for (let count = Math.min(index.maxWords, words.length - at); count >= 1; count--) {
    const run = words.slice(at, at + count);
    const joined = run.every(
      (w, k) =>
        k === 0 || JOINER.test(text.slice(run[k - 1].start + run[k - 1].text.length, w.start)),
    );
    if (!joined) continue;
    for (const candidate of candidates(run.map((w) => w.text).join(' '), index)) {
      const value = index.values.get(candidate);
      if (value !== undefined) return { form: candidate, value, count };
    }
  }
  return null;
}

/** The run itself, then without a proclitic (`وثلاث`), then without a suffix (`zweimal`). */
function candidates(run: string, index: FormIndex): string[] {
  const list = [run];
  const unprefixed = index.prefix ? run.replace(index.prefix, '') : run;
  if (unprefixed !== run && unprefixed) list.push(unprefixed);
  if (index.suffix) {
    for (const base of [run, unprefixed]) {
      for (let cut = base.length - 1; cut > 0; cut--) {
        if (index.suffix.test(base.slice(cut))) list.push(base.slice(0, cut));
      }
    }
  }
  return list;
}

/** For scripts without spaces: each form where it occurs, longest forms first, no overlaps. */
function findBySubstrings(text: string, locale: string): FoundWord[] {
  const language = wordLanguage(locale);
  const ambiguous = new Set((AMBIGUOUS_FORMS[language] ?? []).map(foldForWords));
  const taken: boolean[] = new Array<boolean>(text.length).fill(false);
  const found: FoundWord[] = [];
  const cjkNumeral = new RegExp(`^[${CJK_NUMERAL}]+$`, 'u');
  for (const { form, value } of numberWordForms(locale)) {
    if (cjkNumeral.test(form)) continue; // read by findCjkNumerals
    for (let start = text.indexOf(form); start >= 0; start = text.indexOf(form, start + 1)) {
      const end = start + form.length;
      if (taken.slice(start, end).some(Boolean)) continue;
      taken.fill(true, start, end);
      const isAmbiguous =
        NO_UNEXPECTED_WORDS.has(language) || ambiguous.has(form) || Number(value) < 2;
      found.push({ value, start, end, ambiguous: isAmbiguous });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Runs of Chinese/Japanese numerals (`二十四`, `两`, `一万`) and `半`. */
function findCjkNumerals(text: string): FoundWord[] {
  const found: FoundWord[] = [];
  for (const match of text.matchAll(new RegExp(`[${CJK_NUMERAL}]+`, 'gu'))) {
    const value = parseCjkNumeral(match[0]);
    if (value === null) continue;
    found.push({
      value: String(value),
      start: match.index,
      end: match.index + match[0].length,
      ambiguous: true,
    });
  }
  return found;
}

export function parseCjkNumeral(run: string): number | null {
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const char of run) {
    if (char in CJK_DIGITS) {
      if (digit !== null) digit = digit * 10 + CJK_DIGITS[char];
      else digit = CJK_DIGITS[char];
      continue;
    }
    const multiplier = CJK_MULTIPLIERS[char];
    if (multiplier === undefined) return null;
    if (multiplier === 10_000) {
      total += (section + (digit ?? 0)) * multiplier;
      section = 0;
    } else {
      section += (digit ?? 1) * multiplier;
    }
    digit = null;
  }
  return total + section + (digit ?? 0);
}

// ---------------------------------------------------------------- the English side

export interface SourceWordQuantities {
  /** Values the target must keep, as a numeral or a word. */
  required: Array<{ value: string; word: string }>;
  /** Values the target may write although the English has no numeral ("a day" → `1日`). */
  optional: string[];
}

const ENGLISH_EXTRA_REQUIRED: Readonly<Record<string, string>> = {
  twice: '2',
  thrice: '3',
  dozen: '12',
  half: '0.5',
};
const ENGLISH_OPTIONAL: Readonly<Record<string, string>> = {
  a: '1', an: '1', per: '1', each: '1', every: '1', single: '1', daily: '1', hourly: '1',
  nightly: '1', weekly: '1', monthly: '1', yearly: '1', annually: '1', once: '1',
  both: '2', double: '2', pair: '2', couple: '2', other: '2', twin: '2', dual: '2',
  triple: '3', quarter: '0.25', hundred: '100', hundreds: '100', thousand: '1000',
  thousands: '1000', million: '1000000',
  first: '1', second: '2', third: '3', fourth: '4', fifth: '5', sixth: '6', seventh: '7',
  eighth: '8', ninth: '9', tenth: '10', eleventh: '11', twelfth: '12', fourteenth: '14',
  fifteenth: '15', twentieth: '20', thirtieth: '30',
}; // prettier-ignore
/** "no one", "the one", "this one", "one another": a pronoun, not a quantity. */
const PRONOUN_ONE = /^(?:no|any|the|this|that|which|each|every|some|little|last|right|wrong)$/;
/** "once a day", "once daily", "once every 8 hours"; otherwise "once" may be a conjunction. */
const ONCE_AS_COUNT = /^(?:a|an|per|every|each|daily|weekly|monthly|yearly|or|in|only|more)$/;

let englishWords: Map<string, string> | null = null;

function englishCardinals(): Map<string, string> {
  if (englishWords) return englishWords;
  englishWords = new Map([['zero', '0']]);
  for (let value = 1; value < MAX_WORD_VALUE; value++) {
    englishWords.set(en.toCardinal(value), String(value));
  }
  return englishWords;
}

/** Spelled-out quantities of an English source (other source languages give none). */
export function sourceWordQuantities(text: string, locale: string): SourceWordQuantities {
  const result: SourceWordQuantities = { required: [], optional: [] };
  if (languageOf(locale) !== 'en') return result;
  const words = [...foldForWords(text).matchAll(/[a-z]+(?:-[a-z]+)*/g)].map((m) => m[0]);
  const cardinals = englishCardinals();
  words.forEach((word, index) => {
    const previous = words[index - 1] ?? '';
    const next = words[index + 1] ?? '';
    const cardinal = cardinals.get(word);
    if (word === 'one' && (PRONOUN_ONE.test(previous) || next === 'another')) return;
    // "one of the most common": many languages say "among the most common"
    if (word === 'one' && next === 'of') return void result.optional.push('1');
    if (word === 'dozen' && previous !== 'a' && !cardinals.has(previous)) return;
    if (cardinal !== undefined) result.required.push({ value: cardinal, word });
    else if (word === 'once' && ONCE_AS_COUNT.test(next))
      result.required.push({ value: '1', word });
    else if (ENGLISH_EXTRA_REQUIRED[word]) {
      result.required.push({ value: ENGLISH_EXTRA_REQUIRED[word], word });
    } else if (ENGLISH_OPTIONAL[word]) result.optional.push(ENGLISH_OPTIONAL[word]);
  });
  return result;
}

export interface EnglishQuantityWord {
  value: string;
  /** Offset after the word in `foldForWords(text)`. */
  end: number;
  /** "twice", "thrice", "once a day": the word itself counts times. */
  countsTimes: boolean;
}

/** Spelled-out quantities of English text with where they end, for reading their units. */
export function englishQuantityWords(folded: string): EnglishQuantityWord[] {
  const cardinals = englishCardinals();
  const words = [...folded.matchAll(/[a-z]+(?:-[a-z]+)*/g)];
  const found: EnglishQuantityWord[] = [];
  words.forEach((match, index) => {
    const word = match[0];
    const previous = words[index - 1]?.[0] ?? '';
    const next = words[index + 1]?.[0] ?? '';
    const end = match.index + word.length;
    if (word === 'one' && (PRONOUN_ONE.test(previous) || next === 'another' || next === 'of'))
      return;
    const cardinal = cardinals.get(word);
    if (cardinal !== undefined) found.push({ value: cardinal, end, countsTimes: false });
    else if (word === 'twice' || word === 'thrice') {
      found.push({ value: ENGLISH_EXTRA_REQUIRED[word], end, countsTimes: true });
    } else if (word === 'once' && ONCE_AS_COUNT.test(next)) {
      found.push({ value: '1', end, countsTimes: true });
    }
  });
  return found;
}
