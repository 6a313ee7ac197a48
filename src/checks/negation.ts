import { plainText } from './codes';
import { languageOf } from './locale';
import { foldForWords } from './number-words';
import type { CheckInput, CheckResult } from './types';

/**
 * "Do not take with alcohol" → "Tome con alcohol" reverses an instruction. A negation in the
 * English with none in the target is a warning (the reviewer sees it): a target may negate in
 * ways no list catches, so it never blocks. Lists are generous: a false "has a negation" only
 * hides a warning, a missing form raises one.
 *
 * Entries: a word (matched whole), `stem*` (a word that starts so: `evit*` evite, evitar), or,
 * in languages written without spaces, a substring.
 */
const NEGATIONS: Readonly<Record<string, readonly string[]>> = {
  en: ['not', 'no', 'never', 'without', 'none', 'nobody', 'nothing', 'nowhere', 'neither', 'nor', 'cannot', '*n\'t', 'avoid*', 'refrain*'],
  es: ['no', 'nunca', 'jamas', 'sin', 'ni', 'ningun*', 'nada', 'nadie', 'tampoco', 'evit*', 'prohibid*', 'deje de', 'suspend*', 'absten*'],
  fr: ['ne', "n'", 'pas', 'jamais', 'sans', 'aucun*', 'ni', 'rien', 'non', 'evit*', 'interdit*', 'arret*', 'cessez', 'absten*'],
  it: ['non', 'mai', 'senza', 'ne', 'nessun*', 'niente', 'nulla', 'evit*', 'vietat*', 'smett*', 'sospend*', 'asten*'],
  pt: ['nao', 'nunca', 'jamais', 'sem', 'nem', 'nenhum*', 'nada', 'ninguem', 'evit*', 'proibid*', 'pare de', 'suspend*', 'absten*'],
  de: ['nicht*', 'nie', 'niemals', 'kein*', 'ohne', 'weder', 'nichts', 'vermeid*', 'verzicht*', 'unterlass*', 'verboten', 'absetzen', 'aufhoren'],
  nl: ['niet', 'geen', 'nooit', 'zonder', 'noch', 'niets', 'vermijd*', 'stop*'],
  ru: ['не', 'нет', 'ни', 'никогда', 'без', 'нельзя', 'ничего', 'никак*', 'ниче*', 'избег*', 'запрещ*', 'прекрат*', 'воздерж*'],
  uk: ['не', 'нi', 'нiколи', 'без', 'нiчого', 'жодн*', 'уника*', 'заборон*', 'припин*', 'утрим*'],
  pl: ['nie', 'nigdy', 'bez', 'zadn*', 'nic', 'ani', 'unika*', 'zakaz*', 'przerw*'],
  ro: ['nu', 'niciodata', 'fara', 'nici*', 'evita*', 'interzis*'],
  el: ['δεν', 'μην', 'μη', 'χωρις', 'ποτε', 'οχι', 'αποφυγ*', 'αποφευγ*'],
  tr: ['degil', 'yok', 'hic', 'asla', '*madan', '*meden', '*mayin*', '*meyin*', '*mayiniz', '*meyiniz', '*mamal*', '*memel*', '*maz', '*mez', 'kacin*', 'sakin*', 'yasak*'],
  ar: ['لا', 'ولا', 'فلا', 'لم', 'لن', 'ليس', 'ليست', 'لست', 'غير', 'بدون', 'دون', 'بلا', 'تجنب*', 'يتجنب*', 'ممنوع', 'يمنع', 'اياك', 'عدم', 'ابدا', 'مطلقا', 'توقف*', 'امتنع*', 'الامتناع'],
  fa: ['نه', 'هرگز', 'بدون', 'بی', 'هیچ', 'نباید', 'نکن*', 'نمی*', 'نخور*', 'ننوش*', 'نده*', 'نگیر*', 'نگذار*', 'پرهیز*', 'اجتناب*', 'خودداری*', 'ممنوع', 'قطع'],
  ur: ['نہ', 'نہیں', 'مت', 'کبھی', 'بغیر', 'بنا', 'پرہیز', 'گریز', 'منع'],
  hi: ['नहीं', 'न', 'मत', 'कभी', 'बिना', 'बगैर', 'बचें', 'बचना', 'परहेज', 'निषेध', 'बंद'],
  bn: ['না', 'নয়', 'নি', 'কখনো', 'ছাড়া', 'এড়িয়ে'],
  he: ['לא', 'אל', 'אין', 'אינו', 'אינה', 'אינם', 'אינן', 'בלי', 'ללא', 'אף', 'מבלי', 'להימנע', 'הימנע*', 'המנע*', 'אסור', 'לעולם', 'הפסק*'],
  vi: ['khong', 'chua', 'chang', 'đung', 'cho', 'tranh', 'cam', 'ngung', 'thieu', 'kieng'],
  id: ['tidak', 'jangan', 'tanpa', 'bukan', 'hindari', 'belum', 'hentikan'],
  ms: ['tidak', 'jangan', 'tanpa', 'bukan', 'elakkan', 'belum', 'hentikan'],
  tl: ['hindi', 'huwag', 'wala', 'walang', 'ayaw', 'iwasan', 'iwas*', 'bawal', 'kailanman', 'itigil'],
  ht: ['pa', 'janm', 'okenn', 'san', 'evite', 'pinga', 'piga', 'sispann'],
  sw: ['si', 'hapana', 'bila', 'usi*', 'msi*', 'epuka', 'acha'],
  sv: ['inte', 'ej', 'aldrig', 'utan', 'ingen', 'inget', 'inga', 'undvik*', 'sluta'],
  da: ['ikke', 'aldrig', 'uden', 'ingen', 'intet', 'undga*', 'stop'],
  nb: ['ikke', 'aldri', 'uten', 'ingen', 'intet', 'unnga*', 'slutt'],
  cs: ['ne', 'nikdy', 'bez', 'zadn*', 'nic', 'vyhn*', 'zakaz*', 'ne*te'],
  hu: ['nem', 'ne', 'soha', 'nelkul', 'semmi*', 'sem', 'kerulje*', 'tilos'],
  fi: ['ei', 'ala', 'alkaa', 'alkaa', 'koskaan', 'ilman', 'valta*', 'lopeta'],
  // written without spaces: substrings
  zh: ['不', '没', '沒', '无', '無', '免', '别', '別', '勿', '未', '非', '避免', '禁', '莫', '否', '停', '戒'],
  ja: ['ない', 'ません', 'ず', 'ぬ', 'な。', 'ないで', '無', '不', '非', '禁', '避け', '控え', 'だめ', 'ダメ', '未', 'やめ', '止め', '中止'],
  ko: ['않', '안 ', '못', '없', '말', '마세요', '마십시오', '금지', '피하', '피해', '아니', '아닌', '무', '중단', '삼가'],
  th: ['ไม่', 'อย่า', 'ห้าม', 'หลีกเลี่ยง', 'ปราศจาก', 'งด', 'หยุด'],
  lo: ['ບໍ່', 'ຢ່າ', 'ຫ້າມ'],
  km: ['មិន', 'កុំ', 'ហាម', 'គ្មាន'],
  my: ['မ', 'နှင့်'],
}; // prettier-ignore

/** Proclitics written onto the next word: Arabic و/ف ("وتجنب"), Hebrew ו/ש/כש. */
const PREFIXES: Readonly<Record<string, string>> = { ar: '(?:و|ف)?', he: '(?:ו|ש|כש)?' };
const UNSPACED = new Set(['zh', 'ja', 'ko', 'th', 'lo', 'km', 'my']);
const LANGUAGE_ALIASES: Readonly<Record<string, string>> = {
  fil: 'tl', iw: 'he', no: 'nb', nn: 'nb', yue: 'zh', pa: 'hi', mr: 'hi', ne: 'hi',
  be: 'ru', bg: 'ru', kk: 'ru', sr: 'ru', hr: 'cs', sk: 'cs', sl: 'cs', bs: 'cs', ca: 'es',
  gl: 'pt', ps: 'fa', ku: 'fa',
}; // prettier-ignore

function negationLanguage(locale: string): string {
  const language = languageOf(locale);
  return LANGUAGE_ALIASES[language] ?? language;
}

/** Whether the checks have a negation list for the locale's language. */
export function knowsNegation(locale: string): boolean {
  return negationLanguage(locale) in NEGATIONS;
}

interface NegationIndex {
  /** Unspaced scripts: substrings. */
  substrings: string[];
  words: Set<string>;
  /** `evit*`: words that start so. */
  stems: string[];
  /** `*madan`: words that end so; `*mayin*`: words that contain it. */
  endings: string[];
  infixes: string[];
  /** Entries of several words ("deje de"), matched on the text. */
  phrases: RegExp[];
  prefix: RegExp | null;
}

const indexCache = new Map<string, NegationIndex>();

function negationIndex(language: string): NegationIndex {
  const cached = indexCache.get(language);
  if (cached) return cached;
  const index: NegationIndex = {
    substrings: [], words: new Set(), stems: [], endings: [], infixes: [], phrases: [],
    prefix: PREFIXES[language] ? new RegExp(`^${PREFIXES[language]}`, 'u') : null,
  }; // prettier-ignore
  const unspaced = UNSPACED.has(language);
  for (const entry of NEGATIONS[language] ?? []) {
    const folded = foldForWords(entry);
    const body = folded.replace(/^\*|\*$/g, '');
    if (unspaced) index.substrings.push(folded);
    else if (/\s/.test(body)) {
      const tail = folded.endsWith('*') ? '[\\p{L}\\p{M}]*' : '';
      index.phrases.push(
        new RegExp(
          `(?<![\\p{L}\\p{M}])${escape(body).replace(/\s+/g, '\\s+')}${tail}(?![\\p{L}\\p{M}])`,
          'u',
        ),
      );
    } else if (folded.startsWith('*') && folded.endsWith('*')) index.infixes.push(body);
    else if (folded.startsWith('*')) index.endings.push(body);
    else if (folded.endsWith('*')) index.stems.push(body);
    else index.words.add(body);
  }
  indexCache.set(language, index);
  return index;
}

/** Words with their apostrophes: "don't", "n'utilisez". */
const WORD = /[\p{L}\p{M}]+(?:'[\p{L}\p{M}]*)*/gu;

function negationsIn(folded: string, index: NegationIndex): string[] {
  const found = index.substrings.filter((entry) => folded.includes(entry));
  for (const phrase of index.phrases) {
    const match = phrase.exec(folded);
    if (match) found.push(match[0]);
  }
  for (const raw of folded.match(WORD) ?? []) {
    const words = [
      raw,
      ...raw
        .split("'")
        .filter(Boolean)
        .map((w, i) => (i === 0 ? `${w}'` : w)),
    ];
    const unprefixed = index.prefix ? raw.replace(index.prefix, '') : raw;
    if (unprefixed !== raw) words.push(unprefixed);
    if (words.some((word) => isNegation(word, index))) found.push(raw);
  }
  return [...new Set(found)];
}

function isNegation(word: string, index: NegationIndex): boolean {
  return (
    index.words.has(word) ||
    index.stems.some((stem) => word.startsWith(stem)) ||
    index.endings.some((ending) => word.endsWith(ending) && word.length > ending.length) ||
    index.infixes.some((infix) => word.indexOf(infix) > 0)
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The negations of a text (folded forms), for a language with a list; empty otherwise. */
export function findNegations(text: string, locale: string): string[] {
  const language = negationLanguage(locale);
  const folded = foldForWords(plainText(text, ' '))
    // "No. 5", "no.5": an abbreviation of number
    .replace(/\bno\.\s*(?=\d)/g, ' ');
  return negationsIn(folded, negationIndex(language));
}

export function checkNegation(input: CheckInput): CheckResult | null {
  if (!knowsNegation(input.sourceLocale) || !knowsNegation(input.targetLocale)) return null;
  const inSource = findNegations(input.source, input.sourceLocale);
  if (inSource.length === 0) return null;
  if (findNegations(input.target, input.targetLocale).length > 0) return null;
  return {
    code: 'NEGATION',
    severity: 'warning',
    message: `The source says "${inSource[0]}", but the translation has no negation. Check that the instruction is not reversed.`,
    details: { sourceNegations: inSource },
  };
}
