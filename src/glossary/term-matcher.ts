/**
 * Which glossary terms occur in a source segment. Pure: strings in, values out.
 *
 * A term matches as a whole word (or a whole run of words, any whitespace between them), in any
 * letter case, with Unicode letters, marks and digits counting as word characters, so "ibuprofen"
 * does not match inside "ibuprofeno" and "Übelkeit" matches "übelkeit". Inline codes
 * (`{1}…{/1}`) are read as spaces. The same matching decides the GLOSSARY quality check and the
 * `clinical` change risk, so all three agree on what "the term occurs" means.
 */
import { plainText } from '../checks/codes';
import { termPattern } from '../checks/terms';

export interface TermMatch<T> {
  entry: T;
  /** Offset of the first occurrence in the plain text (codes replaced by a space). */
  index: number;
  /** The text as written in the source, e.g. "Acetaminophen" for the term "acetaminophen". */
  matched: string;
}

/** Whitespace collapsed, trimmed, NFC: the form a term is stored and compared in. */
export function normalizeTerm(term: string): string {
  return term.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * The entries whose term occurs in `source`, longest term first (a longer, more specific term
 * such as "high blood pressure" before "blood pressure"), then by where they first occur, then
 * alphabetically. A shorter term that occurs only inside a longer one is still listed: its
 * translation is useful for the longer phrase too.
 */
export function matchTerms<T extends { term: string }>(
  source: string,
  entries: readonly T[],
): Array<TermMatch<T>> {
  const text = plainText(source, ' ').normalize('NFC');
  const matches: Array<TermMatch<T> & { length: number; key: string }> = [];
  for (const entry of entries) {
    const term = normalizeTerm(entry.term);
    if (term === '') continue;
    const found = termPattern(term).exec(text);
    if (!found) continue;
    matches.push({
      entry,
      index: found.index,
      matched: found[0],
      length: [...term].length,
      key: term.toLowerCase(),
    });
  }
  matches.sort(
    (a, b) =>
      b.length - a.length || a.index - b.index || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return matches.map(({ entry, index, matched }) => ({ entry, index, matched }));
}
