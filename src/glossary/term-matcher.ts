/**
 * Which glossary terms occur in a source segment, and where. Pure: strings in, values out.
 *
 * A term matches as a whole word (or a whole run of words, any whitespace between them), in any
 * letter case unless the entry is case-sensitive, with Unicode letters, marks and digits counting
 * as word characters, so "ibuprofen" does not match inside "ibuprofeno" and "Übelkeit" matches
 * "übelkeit"; in English text its last word also matches its regular plural ("dose"/"doses",
 * "therapy"/"therapies"). Inline codes (`{1}…{/1}`) are read as spaces. The pattern is
 * checks/terms.ts's, so the GLOSSARY and do-not-translate checks, change risk and suggestions all
 * agree on what "the term occurs" means.
 */
import { termPattern } from '../checks/terms';
import { plainTextWithSpans } from '../segmentation/codes';

export interface TermPosition {
  /** UTF-16 offset of the match's first character in the stored source (codes included). */
  start: number;
  /** UTF-16 offset just past the match's last character. */
  end: number;
}

export interface TermMatch<T> {
  entry: T;
  /** Offset of the first occurrence in the source (as in `positions[0].start`). */
  index: number;
  /** The text as written in the source, e.g. "Acetaminophen" for the term "acetaminophen". */
  matched: string;
  /** Every occurrence, in source order. */
  positions: TermPosition[];
}

export interface MatchOptions {
  /** Match regular English plurals too (the source is English). */
  inflect?: boolean;
}

/** Whitespace collapsed, trimmed, NFC: the form a term is stored and compared in. */
export function normalizeTerm(term: string): string {
  return term.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** The source as the patterns read it (codes as spaces, NFC) with spans back into the source. */
function readable(source: string): { text: string; starts: number[]; ends: number[] } {
  const { plain, starts, ends } = plainTextWithSpans(source, ' ');
  if (plain.normalize('NFC') === plain) return { text: plain, starts, ends };
  // Composed per base character and its marks, so every unit still knows where it came from.
  let text = '';
  const s: number[] = [];
  const e: number[] = [];
  for (const chunk of plain.matchAll(/\P{M}\p{M}*|\p{M}+/gsu)) {
    const composed = chunk[0].normalize('NFC');
    const from = starts[chunk.index];
    const to = ends[chunk.index + chunk[0].length - 1];
    text += composed;
    for (let i = 0; i < composed.length; i++) {
      s.push(from);
      e.push(to);
    }
  }
  return { text, starts: s, ends: e };
}

/**
 * The entries whose term occurs in `source`, longest term first (a longer, more specific term
 * such as "high blood pressure" before "blood pressure"), then by where they first occur, then
 * alphabetically. A shorter term that occurs only inside a longer one is still listed: its
 * translation is useful for the longer phrase too.
 */
export function matchTerms<T extends { term: string; caseSensitive?: boolean }>(
  source: string,
  entries: readonly T[],
  options: MatchOptions = {},
): Array<TermMatch<T>> {
  const { text, starts, ends } = readable(source);
  const matches: Array<TermMatch<T> & { length: number; key: string }> = [];
  for (const entry of entries) {
    const term = normalizeTerm(entry.term);
    if (term === '') continue;
    const pattern = termPattern(term, {
      caseSensitive: entry.caseSensitive,
      inflect: options.inflect,
    });
    const positions: TermPosition[] = [];
    let matched = '';
    for (const found of text.matchAll(pattern)) {
      const start = starts[found.index];
      const end = ends[found.index + found[0].length - 1];
      if (positions.length === 0) matched = source.slice(start, end);
      positions.push({ start, end });
    }
    if (positions.length === 0) continue;
    matches.push({
      entry,
      index: positions[0].start,
      matched,
      positions,
      length: [...term].length,
      key: term.toLowerCase(),
    });
  }
  matches.sort(
    (a, b) =>
      b.length - a.length || a.index - b.index || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return matches.map(({ entry, index, matched, positions }) => ({
    entry,
    index,
    matched,
    positions,
  }));
}
