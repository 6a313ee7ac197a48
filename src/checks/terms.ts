/** Whole-word, case-insensitive, Unicode-aware matching of a (possibly multi-word) term. */

const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}]';

export function termPattern(term: string): RegExp {
  const escaped = term
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s+');
  return new RegExp(`(?<!${WORD_CHAR})${escaped}(?!${WORD_CHAR})`, 'giu');
}

export function countTerm(text: string, term: string): number {
  if (term.trim() === '') return 0;
  return [...text.matchAll(termPattern(term))].length;
}

export function containsTerm(text: string, term: string): boolean {
  return countTerm(text, term) > 0;
}
