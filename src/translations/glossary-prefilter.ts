/**
 * For checking many segments against one glossary: per source, only the entries whose every
 * word occurs in it (case-insensitively, as a substring). The GLOSSARY check matches a term
 * as whole words in the source, so an entry left out could never have matched; leaving it out
 * keeps a page of segments from paying for every entry of a large glossary on each segment.
 * A final "y" is left out of the test, since "therapy" also matches "therapies".
 */
export function glossaryPrefilter<E extends { term: string }>(
  entries: readonly E[],
): (source: string) => E[] {
  const words = entries.map((entry) =>
    entry.term
      .toLowerCase()
      .split(/\s+/)
      .filter(Boolean)
      .map((word) => (word.length > 2 && word.endsWith('y') ? word.slice(0, -1) : word)),
  );
  return (source) => {
    const text = source.toLowerCase();
    return entries.filter((_, i) => words[i].every((word) => text.includes(word)));
  };
}
