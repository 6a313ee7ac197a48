/**
 * Where glossary terms occur in a source text, for highlighting: whole words, any letter case,
 * longest term first, no overlaps. Inline codes are skipped (a term never spans a code).
 */

export interface TermRange {
  start: number;
  end: number;
  term: string;
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{M}\p{N}]/u.test(ch);

export function findTerms(text: string, terms: readonly string[]): TermRange[] {
  const lower = text.toLocaleLowerCase();
  const ranges: TermRange[] = [];
  const sorted = [...new Set(terms)].filter(Boolean).sort((a, b) => b.length - a.length);
  for (const term of sorted) {
    const needle = term.toLocaleLowerCase();
    let from = 0;
    for (;;) {
      const start = lower.indexOf(needle, from);
      if (start < 0) break;
      const end = start + needle.length;
      from = start + 1;
      if (isWordChar(text[start - 1]) || isWordChar(text[end])) continue;
      if (ranges.some((r) => start < r.end && end > r.start)) continue;
      ranges.push({ start, end, term });
    }
  }
  return ranges.sort((a, b) => a.start - b.start);
}
