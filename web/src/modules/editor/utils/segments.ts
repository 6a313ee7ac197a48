/** The editor's segment shape and pure helpers over the list (no React, no fetching). */

export const STATES = ['untranslated', 'fuzzy', 'translated', 'rejected', 'approved'] as const;
export type SegmentState = (typeof STATES)[number];
export const RISKS = ['minor', 'wording', 'clinical'] as const;
export type ChangeRisk = (typeof RISKS)[number];

export interface Check {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  details?: Record<string, unknown>;
}

export interface Segment {
  id: string;
  position: number;
  kind: string;
  source: string;
  baseSource: string | null;
  previousSource: string | null;
  changeRisk: ChangeRisk | null;
  target: string | null;
  state: SegmentState;
  revision: number;
  checks: Check[];
  updatedBy: { id: string; name: string } | null;
  updatedAt: string | null;
}

export interface SegmentPage {
  items: Segment[];
  nextCursor: string | null;
}

/** States a translator still has to work on. */
export const NEEDS_WORK: readonly SegmentState[] = ['untranslated', 'fuzzy', 'rejected'];

/**
 * The segments as the editor shows them: the pages in order, each replaced by a newer copy the
 * editor wrote itself (a save's answer, an optimistic edit, a conflict's current segment) unless
 * the server's copy has moved past it. Pages that arrive while a save is in flight were read
 * before it, so they must not undo it.
 */
export function mergeSegments(
  pages: readonly SegmentPage[],
  patches: ReadonlyMap<string, Segment>,
): Segment[] {
  const out: Segment[] = [];
  for (const page of pages) {
    for (const item of page.items) {
      const patch = patches.get(item.id);
      out.push(patch && patch.revision >= item.revision ? patch : item);
    }
  }
  return out;
}

/** Index of the next segment after `from` (wrapping) whose state is one of `states`, else -1. */
export function nextIndexIn(
  segments: readonly Pick<Segment, 'state'>[],
  from: number,
  states: readonly SegmentState[],
): number {
  const n = segments.length;
  for (let step = 1; step <= n; step++) {
    const index = (from + step) % n;
    if (index === from) break;
    if (states.includes(segments[index].state)) return index;
  }
  return -1;
}

/** Counts by state and by change risk, for the filter bar. */
export function countSegments(segments: readonly Segment[]): {
  states: Record<SegmentState, number>;
  risks: Record<ChangeRisk, number>;
} {
  const states = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<SegmentState, number>;
  const risks = Object.fromEntries(RISKS.map((r) => [r, 0])) as Record<ChangeRisk, number>;
  for (const segment of segments) {
    states[segment.state]++;
    if (segment.changeRisk) risks[segment.changeRisk]++;
  }
  return { states, risks };
}

/** Errors block a save (422 CHECK_FAILED); warnings do not. */
export function blockingChecks(checks: readonly Check[]): Check[] {
  return checks.filter((check) => check.severity === 'error');
}
