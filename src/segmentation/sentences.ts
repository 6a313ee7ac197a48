/**
 * Sentence splitting with SRX-style rule tables (rules/srx.ts, rules/languages.ts).
 *
 * 1. Protected spans: URLs and e-mail addresses never contain a break.
 * 2. Pre-passes that force breaks: inline enumerations ("1. … 2. …", "a) … b) …",
 *    "• … • …") and line lists (several short lines, none ending in punctuation).
 * 3. Candidates: the end of every run of terminal punctuation and closing quotes/brackets.
 *    The language's rules are tried in order at each candidate; the first match decides.
 * 4. Pieces with no letter or digit are merged into their neighbour: when in doubt, no split.
 */
import { buildRules, CLOSERS, compileRule, CompiledRule } from './rules/srx';
import { languageOf, profileFor } from './rules/languages';
import { inlineNumberedList, MARKER_ONLY } from './inline-list';

interface CompiledLanguage {
  rules: CompiledRule[];
  runChar: RegExp;
  terminalChar: RegExp;
  lineEnd: RegExp;
  /** ASCII fast path: 1 = run character, 2 = terminal, 0 = neither. */
  ascii: Uint8Array;
}

function asciiTable(runChar: RegExp, terminalChar: RegExp): Uint8Array {
  const table = new Uint8Array(128);
  for (let code = 0; code < 128; code++) {
    const char = String.fromCharCode(code);
    table[code] = terminalChar.test(char) ? 2 : runChar.test(char) ? 1 : 0;
  }
  return table;
}

/** 2 = terminal, 1 = closer, 0 = neither. */
function charClass(language: CompiledLanguage, text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code < 128) return language.ascii[code];
  const char = text[index];
  return language.terminalChar.test(char) ? 2 : language.runChar.test(char) ? 1 : 0;
}

const cache = new Map<string, CompiledLanguage>();

function compiled(locale: string): CompiledLanguage {
  const language = languageOf(locale);
  let entry = cache.get(language);
  if (!entry) {
    const profile = profileFor(language);
    const terminals = (profile.terminals + profile.fullStops).replace(/[\]\\^-]/g, '\\$&');
    const runChar = new RegExp(`[${terminals}${CLOSERS}]`, 'u');
    const terminalChar = new RegExp(`[${terminals}]`, 'u');
    entry = {
      rules: buildRules(profile).map(compileRule),
      runChar,
      terminalChar,
      lineEnd: new RegExp(`[${terminals}:;,][${CLOSERS}]*$`, 'u'),
      ascii: asciiTable(runChar, terminalChar),
    };
    cache.set(language, entry);
  }
  return entry;
}

const URL_OR_EMAIL =
  /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"]*[^\s<>".,;:!?)\]'’”]|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

function protectedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!text.includes('@') && !text.includes('://') && !text.includes('www.')) return spans;
  for (const match of text.matchAll(URL_OR_EMAIL))
    spans.push([match.index, match.index + match[0].length]);
  return spans;
}

// ---------------------------------------------------------------- enumerations

const BULLETS = '•◦‣⁃▪●';
const MARKER = new RegExp(
  `(?<=^|\\s)([${BULLETS}]\\s*)?(?:(\\d{1,3})|([a-z]))(\\.\\)|\\)|\\.)(?=\\s)|(?<=^|\\s)([${BULLETS}])(?=\\s|\\p{N})`,
  'gu',
);

interface Marker {
  start: number;
  end: number;
  value: number;
  style: string;
}

const MAYBE_MARKER = new RegExp(`^\\s*(?:[${BULLETS}]|\\d{1,3}[.)]|[a-z][.)])`, 'u');

function markers(text: string): Marker[] {
  const found: Marker[] = [];
  for (const m of text.matchAll(MARKER)) {
    const [all, bullet = '', digits, letter, delimiter = '', bare] = m;
    const value = digits ? Number(digits) : letter ? letter.charCodeAt(0) - 96 : 0;
    const style = bare ?? `${bullet.trim()}${digits ? '1' : letter ? 'a' : ''}${delimiter}`;
    found.push({ start: m.index, end: m.index + all.length, value, style });
  }
  return found;
}

/** A chain of consecutive markers starting the text ("1. … 2. …", "• … • …"). */
function enumeration(text: string): Marker[] {
  const all = markers(text);
  const first = all[0];
  if (!first || text.slice(0, first.start).trim() !== '') return [];
  const chain = [first];
  for (const marker of all.slice(1)) {
    const last = chain[chain.length - 1];
    const numbered = marker.value > 0;
    if (marker.style === first.style && (!numbered || marker.value === last.value + 1))
      chain.push(marker);
  }
  return chain;
}

function lineList(text: string, language: CompiledLanguage): number[] {
  if (!text.includes('\n')) return [];
  const lines = text.split('\n');
  const filled = lines.filter((line) => line.trim() !== '');
  if (filled.length < 2) return [];
  if (filled.some((line) => line.trim().length > 60 || language.lineEnd.test(line.trim())))
    return [];
  const breaks: number[] = [];
  let offset = 0;
  for (const line of lines.slice(0, -1)) {
    offset += line.length + 1;
    breaks.push(offset);
  }
  return breaks;
}

// ---------------------------------------------------------------- the engine

function wordsBetween(text: string, from: number, to: number): number {
  let count = 0;
  let inWord = false;
  for (let i = from; i < to; i++) {
    const space = /\s/.test(text[i]);
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

function decide(text: string, position: number, lastBreak: number, rules: CompiledRule[]): boolean {
  for (const rule of rules) {
    rule.test.lastIndex = position;
    if (!rule.test.test(text)) continue;
    if (rule.minWords && wordsBetween(text, lastBreak, position) < rule.minWords) continue;
    return rule.break;
  }
  return false;
}

function inside(spans: Array<[number, number]>, position: number): boolean {
  return spans.some(([start, end]) => position > start && position < end);
}

const HAS_CONTENT = /[\p{L}\p{N}]/u;

/**
 * Offsets where the text is cut into sentences (strictly between 0 and text.length). Cutting
 * there and trimming each piece gives the sentences; every piece has a letter or a digit.
 */
export function sentenceBreaks(text: string, locale: string): number[] {
  const language = compiled(locale);
  const spans = protectedSpans(text);
  const chain: Array<{ start: number; end: number }> = MAYBE_MARKER.test(text)
    ? enumeration(text)
    : [];
  if (!chain.length) chain.push(...inlineNumberedList(text));
  for (const marker of chain) spans.push([marker.start, marker.end]);
  const forced = new Set<number>([
    ...chain.map((m) => m.start).filter((start) => start > 0),
    ...lineList(text, language),
  ]);
  const breaks: number[] = [];
  let lastBreak = 0;
  const cut = (position: number): void => {
    if (!HAS_CONTENT.test(text.slice(lastBreak, position))) return;
    breaks.push(position);
    lastBreak = position;
  };
  for (let i = 0; i < text.length; i++) {
    if (forced.size && forced.has(i)) cut(i);
    if (charClass(language, text, i) === 0) continue;
    let end = i;
    let terminal = false;
    for (
      let kind = charClass(language, text, end);
      kind !== 0 && end < text.length;
      kind = charClass(language, text, end)
    ) {
      if (kind === 2) terminal = true;
      end++;
    }
    if (
      terminal &&
      end < text.length &&
      !inside(spans, end - 1) &&
      decide(text, end, lastBreak, language.rules)
    )
      cut(end);
    i = end - 1;
  }
  // A last piece with no content joins the previous sentence.
  if (breaks.length && !HAS_CONTENT.test(text.slice(breaks[breaks.length - 1]))) breaks.pop();
  return withoutLoneMarkers(text, breaks);
}

/** A piece that is only a list marker ("2.") joins the sentence after it (or before, if last). */
function withoutLoneMarkers(text: string, breaks: number[]): number[] {
  const kept: number[] = [];
  let start = 0;
  for (const end of [...breaks, text.length]) {
    if (!MARKER_ONLY.test(text.slice(start, end))) {
      if (end < text.length) kept.push(end);
      start = end;
    } else if (end === text.length) kept.pop();
  }
  return kept;
}

/** Plain text in, sentences out (trimmed, in order). */
export function splitSentences(text: string, locale: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const end of [...sentenceBreaks(text, locale), text.length]) {
    const sentence = text.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = end;
  }
  return sentences;
}
