/**
 * Where glossary terms occur in a source text, for highlighting, longest term first, no
 * overlaps. The server's positions when it sent them (its matcher knows plurals and
 * case-sensitive entries); else a local search: whole words, any letter case, never across a
 * code.
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

interface Hit {
  term: string;
  positions?: ReadonlyArray<{ start: number; end: number }>;
}

/** The ranges to mark for the suggestions' glossary hits (given longest term first). */
export function termRanges(text: string, hits: readonly Hit[]): TermRange[] {
  if (!hits.every((hit) => Array.isArray(hit.positions))) {
    return findTerms(
      text,
      hits.map((hit) => hit.term),
    );
  }
  const ranges: TermRange[] = [];
  for (const hit of hits) {
    for (const { start, end } of hit.positions ?? []) {
      if (start < 0 || end > text.length || start >= end) continue;
      if (ranges.some((r) => start < r.end && end > r.start)) continue;
      ranges.push({ start, end, term: hit.term });
    }
  }
  return ranges.sort((a, b) => a.start - b.start);
}
