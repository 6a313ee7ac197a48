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
  es: ['no', 'nunca', 'jamas', 'sin', 'ni', 'ningun*', 'nada', 'nadie', 'tampoco', 'evit*', 'prohibid*', 'deje de', 'suspend*'],
  fr: ['ne', "n'", 'pas', 'jamais', 'sans', 'aucun*', 'ni', 'rien', 'non', 'evit*', 'interdit*', 'arret*', 'cessez'],
  it: ['non', 'mai', 'senza', 'ne', 'nessun*', 'niente', 'nulla', 'evit*', 'vietat*', 'smett*', 'sospend*'],
  pt: ['nao', 'nunca', 'jamais', 'sem', 'nem', 'nenhum*', 'nada', 'ninguem', 'evit*', 'proibid*', 'pare de', 'suspend*'],
  de: ['nicht*', 'nie', 'niemals', 'kein*', 'ohne', 'weder', 'nichts', 'vermeid*', 'verzicht*', 'unterlass*', 'verboten', 'absetzen', 'aufhoren'],
  nl: ['niet', 'geen', 'nooit', 'zonder', 'noch', 'niets', 'vermijd*', 'stop*'],
  ru: ['не', 'нет', 'ни', 'никогда', 'без', 'нельзя', 'ничего', 'никак*', 'ниче*', 'избег*', 'запрещ*', 'прекрат*'],
  uk: ['не', 'нi', 'нiколи', 'без', 'нiчого', 'жодн*', 'уника*', 'заборон*', 'припин*'],
  pl: ['nie', 'nigdy', 'bez', 'zadn*', 'nic', 'ani', 'unika*', 'zakaz*', 'przerw*'],
  ro: ['nu', 'niciodata', 'fara', 'nici*', 'evita*', 'interzis*'],
  el: ['δεν', 'μην', 'μη', 'χωρις', 'ποτε', 'οχι', 'αποφυγ*', 'αποφευγ*'],
  tr: ['degil', 'yok', 'hic', 'asla', '*madan', '*meden', '*mayin*', '*meyin*', '*mayiniz', '*meyiniz', '*mamal*', '*memel*', '*maz', '*mez', 'kacin*', 'sakin*', 'yasak*'],
  ar: ['لا', 'ولا', 'فلا', 'لم', 'لن', 'ليس', 'ليست', 'لست', 'غير', 'بدون', 'دون', 'بلا', 'تجنب*', 'يتجنب*', 'ممنوع', 'يمنع', 'اياك', 'عدم', 'ابدا', 'مطلقا', 'توقف*'],
  fa: ['نه', 'هرگز', 'بدون', 'بی', 'هیچ', 'نباید', 'نکن*', 'نمی*', 'نخور*', 'ننوش*', 'نده*', 'نگیر*', 'نگذار*', 'پرهیز*', 'اجتناب*', 'خودداری*', 'ممنوع', 'قطع'],
  ur: ['نہ', 'نہیں', 'مت', 'کبھی', 'بغیر', 'بنا', 'پرہیز', 'گریز', 'منع'],
  hi: ['नहीं', 'न', 'मत', 'कभी', 'बिना', 'बगैर', 'बचें', 'बचना', 'परहेज', 'निषेध', 'बंद'],
  bn: ['না', 'নয়', 'নি', 'কখনো', 'ছাড়া', 'এড়িয়ে'],
  he: ['לא', 'אל', 'אין', 'אינו', 'אינה', 'אינם', 'אינן', 'בלי', 'ללא', 'אף', 'מבלי', 'להימנע', 'הימנע*', 'המנע*', 'אסור', 'לעולם', 'הפסק*'],
  vi: ['khong', 'chua', 'chang', 'đung', 'cho', 'tranh', 'cam', 'ngung', 'thieu'],
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
  zh: ['不', '没', '沒', '无', '無', '免', '别', '別', '勿', '未', '非', '避免', '禁', '莫', '否', '停'],
  ja: ['ない', 'ません', 'ず', 'ぬ', 'な。', 'ないで', '無', '不', '非', '禁', '避け', '控え', 'だめ', 'ダメ', '未', 'やめ', '止め', '中止'],
  ko: ['않', '안 ', '못', '없', '말', '마세요', '마십시오', '금지', '피하', '피해', '아니', '아닌', '무', '중단'],
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

const patternCache = new Map<string, RegExp[]>();

function patterns(language: string): RegExp[] {
  const cached = patternCache.get(language);
  if (cached) return cached;
  const unspaced = UNSPACED.has(language);
  const list = (NEGATIONS[language] ?? []).map((entry) => {
    const folded = foldForWords(entry);
    if (unspaced) return new RegExp(escape(folded), 'u');
    const body = escape(folded.replace(/^\*|\*$/g, '')).replace(/ /g, '\\s+');
    const head = folded.startsWith('*') ? '\\p{L}*' : (PREFIXES[language] ?? '');
    const tail = folded.endsWith('*') ? '[\\p{L}\\p{M}]*' : '';
    return new RegExp(`(?<![\\p{L}\\p{M}])${head}${body}${tail}(?![\\p{L}\\p{M}])`, 'u');
  });
  patternCache.set(language, list);
  return list;
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
  return patterns(language).flatMap((pattern) => {
    const match = pattern.exec(folded);
    return match ? [match[0].trim()] : [];
  });
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
