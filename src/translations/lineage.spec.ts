import {
  compareNewestFirst,
  inLineage,
  isAfterCursor,
  LineageLink,
  lineageSteps,
  LineagePosition,
} from './lineage';

describe('lineage', () => {
  // v1 "a" was translated (revisions 1-3), v2 changed it to "b" (carried from a@3), v3 to "c"
  // (carried from b@2); "a" came back later and got revisions 4-5 of its own.
  const links: LineageLink[] = [
    { key: 'c', predecessorKey: 'b', predecessorRevision: 2 },
    { key: 'a', predecessorKey: null, predecessorRevision: null },
    { key: 'b', predecessorKey: 'a', predecessorRevision: 3 },
  ];

  it('follows the links back from the start, each older row only up to the carried revision', () => {
    expect(lineageSteps('c', links)).toEqual([
      { key: 'c', depth: 0, upTo: null },
      { key: 'b', depth: 1, upTo: 2 },
      { key: 'a', depth: 2, upTo: 3 },
    ]);
    expect(lineageSteps('a', links)).toEqual([{ key: 'a', depth: 0, upTo: null }]);
  });

  it('is only the start when there is no row, and stops at a missing row or a loop', () => {
    expect(lineageSteps('x', [])).toEqual([{ key: 'x', depth: 0, upTo: null }]);
    expect(lineageSteps('c', links.slice(0, 1))).toEqual([
      { key: 'c', depth: 0, upTo: null },
      { key: 'b', depth: 1, upTo: 2 },
    ]);
    const loop: LineageLink[] = [
      { key: 'p', predecessorKey: 'q', predecessorRevision: 1 },
      { key: 'q', predecessorKey: 'p', predecessorRevision: 1 },
    ];
    expect(lineageSteps('p', loop).map((s) => s.key)).toEqual(['p', 'q']);
  });

  it('keeps the revisions written before the carry and drops those of a sentence that came back', () => {
    const [, , a] = lineageSteps('c', links);
    expect([1, 2, 3, 4, 5].filter((r) => inLineage(a, r))).toEqual([1, 2, 3]);
  });

  it('orders newest first across rows and pages with a cursor that never repeats or skips', () => {
    const steps = lineageSteps('c', links);
    const all: LineagePosition[] = [];
    const revisions: Record<string, number> = { c: 2, b: 3, a: 5 };
    for (const step of steps)
      for (let r = 1; r <= revisions[step.key]; r++)
        if (inLineage(step, r)) all.push({ depth: step.depth, revision: r });
    const ordered = [...all].sort(compareNewestFirst);
    expect(ordered.map((p) => `${steps[p.depth].key}${p.revision}`)).toEqual([
      'c2',
      'c1',
      'b2',
      'b1',
      'a3',
      'a2',
      'a1',
    ]);
    const pages: string[][] = [];
    let cursor: LineagePosition | null = null;
    for (;;) {
      const page = ordered.filter((p) => isAfterCursor(p, cursor)).slice(0, 3);
      if (page.length === 0) break;
      pages.push(page.map((p) => `${steps[p.depth].key}${p.revision}`));
      cursor = page[page.length - 1];
    }
    expect(pages).toEqual([['c2', 'c1', 'b2'], ['b1', 'a3', 'a2'], ['a1']]);
  });
});
