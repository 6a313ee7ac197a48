import { ABBREVIATIONS, AbbreviationTable, SHARED } from './abbreviations';
import type { SrxRule } from './srx';

/**
 * One profile per language: which characters end a sentence, whether the script has letter
 * case, which words commonly begin a sentence (used after multi-period abbreviations such as
 * "U.S."), and extra SRX rules placed before the generic ones.
 */
export interface LanguageProfile {
  /** Characters that end a sentence when followed by whitespace. */
  terminals: string;
  /** Script full stops that end a sentence even with no whitespace after them. */
  fullStops: string;
  /** A lowercase letter after a terminal continues the sentence (false for Greek). */
  lowercaseContinues: boolean;
  /** Abbreviations, shared ones included; caseless scripts treat all of them as non-final. */
  abbreviations: AbbreviationTable;
  caseless: boolean;
  starters: string[];
  extraRules: SrxRule[];
}

/** Unambiguous script-specific full stops (CJK, Devanagari, Arabic, Urdu, Myanmar, Ethiopic). */
const FULL_STOPS = '。！？｡।॥؟۔။።፧፨';
const LATIN_TERMINALS = '.!?…‼⁇⁈⁉';

const STARTERS_EN = [
  'A',
  'Being',
  'Did',
  'For',
  'He',
  'How',
  'However',
  'I',
  'In',
  'It',
  'Millions',
  'More',
  'She',
  'That',
  'The',
  'There',
  'They',
  'We',
  'What',
  'When',
  'Where',
  'Who',
  'Why',
  'This',
  'These',
  'Those',
  'You',
  'Your',
  'Our',
  'His',
  'Her',
  'Its',
  'If',
  'Most',
  'Some',
  'Many',
  'Please',
];

const STARTERS: Record<string, string[]> = {
  en: STARTERS_EN,
  es: [
    'El',
    'La',
    'Los',
    'Las',
    'Él',
    'Ella',
    'Ellos',
    'Usted',
    'Este',
    'Esta',
    'Si',
    'Cuando',
    'Pero',
    'En',
    'No',
  ],
  fr: [
    'Le',
    'La',
    'Les',
    'Il',
    'Elle',
    'Ils',
    'Elles',
    'Nous',
    'Vous',
    'Je',
    'Ce',
    'Cette',
    'Si',
    'Mais',
    'En',
  ],
  de: [
    'Der',
    'Die',
    'Das',
    'Er',
    'Sie',
    'Es',
    'Wir',
    'Ich',
    'Ihr',
    'Wenn',
    'Aber',
    'In',
    'Dies',
    'Diese',
  ],
  pt: [
    'O',
    'A',
    'Os',
    'As',
    'Ele',
    'Ela',
    'Eles',
    'Você',
    'Este',
    'Esta',
    'Se',
    'Mas',
    'Em',
    'Não',
  ],
  it: [
    'Il',
    'La',
    'Lo',
    'Gli',
    'Le',
    'Lui',
    'Lei',
    'Loro',
    'Questo',
    'Questa',
    'Se',
    'Ma',
    'In',
    'Non',
  ],
  nl: [
    'De',
    'Het',
    'Een',
    'Hij',
    'Zij',
    'Ze',
    'Wij',
    'We',
    'Ik',
    'U',
    'Dit',
    'Dat',
    'Als',
    'Maar',
    'In',
  ],
};

const MONTHS_DE = [
  'Januar',
  'Jänner',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
];

const DAYS_AND_MONTHS_EN = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
  'Mon',
  'Tue',
  'Wed',
  'Thu',
  'Fri',
  'Sat',
  'Sun',
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Sept',
  'Oct',
  'Nov',
  'Dec',
  'ET',
  'EST',
  'EDT',
  'CST',
  'PST',
  'GMT',
  'UTC',
];

const EXTRA_RULES: Record<string, SrxRule[]> = {
  en: [
    {
      name: 'a.m./p.m. then a capitalized word (not a day, month or time zone), after a full clause',
      break: true,
      before: '(?<![\\p{L}\\p{M}.])[aApP]\\.[mM]\\.',
      after: `\\s+["“'‘(]*(?!(?:${DAYS_AND_MONTHS_EN.join('|')})\\b)\\p{Lu}`,
      minWords: 4,
    },
  ],
  de: [
    {
      name: 'ordinal day before a month ("am 12. Juni")',
      break: false,
      before: '(?<![\\p{N}.])\\p{N}{1,2}\\.',
      after: `\\s+(?:${MONTHS_DE.join('|')})(?![\\p{L}])`,
    },
  ],
  ar: [
    {
      name: 'comma inside an enumeration of single words ("X، Y، …")',
      break: false,
      before: '،',
      after: '\\s+\\S+\\s*،',
    },
  ],
  ja: [
    {
      name: 'closing quote followed by a quotative particle',
      break: false,
      before: '[」』）]',
      after: '[とっ]',
    },
  ],
};

/** Per-language overrides of the terminal set. */
const TERMINALS: Record<string, string> = {
  el: `${LATIN_TERMINALS};\u037e`,
  hy: '։:',
  ar: `${LATIN_TERMINALS}:،`,
};

const CASELESS = new Set([
  'ar',
  'fa',
  'ur',
  'hi',
  'zh',
  'ja',
  'ko',
  'th',
  'he',
  'my',
  'am',
  'bn',
  'ta',
]);

function merge(a: AbbreviationTable, b: AbbreviationTable | undefined): AbbreviationTable {
  if (!b) return a;
  return {
    titles: [...a.titles, ...b.titles],
    inner: [...a.inner, ...b.inner],
    numeric: [...a.numeric, ...b.numeric],
    common: [...a.common, ...b.common],
  };
}

export function languageOf(locale: string): string {
  return locale.toLowerCase().split(/[-_]/)[0] || 'en';
}

export function profileFor(language: string): LanguageProfile {
  return {
    terminals: TERMINALS[language] ?? LATIN_TERMINALS,
    fullStops: FULL_STOPS,
    lowercaseContinues: language !== 'el',
    abbreviations: merge(SHARED, ABBREVIATIONS[language] ?? ABBREVIATIONS.en),
    caseless: CASELESS.has(language),
    starters: STARTERS[language] ?? STARTERS_EN,
    extraRules: EXTRA_RULES[language] ?? [],
  };
}
