/**
 * Whole-word, Unicode-aware matching of a (possibly multi-word) glossary term: the one matcher
 * behind the GLOSSARY and do-not-translate checks, change risk and suggestions.
 *
 * Any letter case unless the entry is case-sensitive. In English text (`inflect`), the term's
 * last word also matches its regular plural: "dose" → "doses", "rash" → "rashes",
 * "therapy" → "therapies". Only the last word, only a word that ends in a letter, and only
 * plural endings: "B12", "a.m." and "C++" match as written.
 */
import { languageOf } from './locale';

const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}]';

export interface TermOptions {
  /** Match the letter case as written (default: any case). */
  caseSensitive?: boolean;
  /** Also match the regular English plural of the last word. */
  inflect?: boolean;
}

/** Whether terms in text of this locale get English plural matching. */
export function inflectsIn(locale: string): boolean {
  return languageOf(locale) === 'en';
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The regular plural endings of the term's last word, as a pattern over the escaped term. */
function inflected(term: string): string {
  const last = /(\p{L}+)$/u.exec(term)?.[1];
  if (!last || last.length < 2) return escape(term);
  const upper = last === last.toUpperCase() && last !== last.toLowerCase();
  const suffix = (s: string) => (upper ? s.toUpperCase() : s);
  if (/[^aeiou]y$/i.test(last)) {
    const y = term.slice(-1);
    return `${escape(term.slice(0, -1))}(?:${y}|${suffix('ies')})`;
  }
  if (/(?:s|x|z|ch|sh)$/i.test(last)) return `${escape(term)}(?:${suffix('es')})?`;
  return `${escape(term)}${suffix('s')}?`;
}

export function termPattern(term: string, options: TermOptions = {}): RegExp {
  const trimmed = term.trim();
  const body = (options.inflect ? inflected(trimmed) : escape(trimmed)).replace(/\s+/g, '\\s+');
  return new RegExp(
    `(?<!${WORD_CHAR})${body}(?!${WORD_CHAR})`,
    options.caseSensitive ? 'gu' : 'giu',
  );
}

export function countTerm(text: string, term: string, options: TermOptions = {}): number {
  if (term.trim() === '') return 0;
  return [...text.matchAll(termPattern(term, options))].length;
}

export function containsTerm(text: string, term: string, options: TermOptions = {}): boolean {
  return countTerm(text, term, options) > 0;
}
