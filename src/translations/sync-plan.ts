/**
 * Pure planning of a source-version sync: align the previous and the new segments once (not once
 * per locale) and describe every new segment relative to the previous version. The SQL that
 * applies the plan to every locale at once lives in sync.service.ts.
 */
import { ChangeRisk, classifyChange } from '../checks';
import { alignSegments, Segment } from '../segmentation';

export interface PreviousSegment {
  key: string;
  kind: string;
  text: string;
}

export interface PlannedSegment extends Segment {
  relation: 'kept' | 'changed' | 'added';
  /** The aligned old key(s), best first (a merge has two). */
  previousKeys: string[];
  /** The old English this segment replaces (joined for a merge); null when kept or added. */
  previousSource: string | null;
  changeRisk: ChangeRisk | null;
}

export interface SyncCounts {
  kept: number;
  fuzzy: number;
  added: number;
  removed: number;
}

export interface SyncPlan {
  segments: PlannedSegment[];
  removedKeys: string[];
  counts: SyncCounts;
  changeRisk: Record<ChangeRisk, number>;
  /**
   * Translations to carry: new key ← old key, `priority` orders the candidates of one new key
   * (lower first), `sameText` when the text is identical (an occurrence shift), so the state is
   * kept whatever the change flag.
   */
  carry: Array<{ newKey: string; oldKey: string; priority: number; sameText: boolean }>;
}

/** How changes are classified: the source locale, and the project's glossary source terms. */
export interface SyncPlanOptions {
  /** Source terms of the project's glossary: adding or removing one makes a change `clinical`. */
  glossaryTerms?: readonly string[];
  locale?: string;
}

export function planSync(
  previous: readonly PreviousSegment[],
  next: readonly Segment[],
  options: SyncPlanOptions = {},
): SyncPlan {
  const alignment = alignSegments(previous, next);
  // Group new segments by the old segments they came from: a split's parts are classified
  // together against the old sentence (each part alone would always "lose" numbers).
  const groups = new Map<string, number[]>();
  for (const aligned of alignment.segments) {
    if (aligned.relation !== 'changed') continue;
    const id = aligned.oldIndexes.join(',');
    groups.set(id, [...(groups.get(id) ?? []), aligned.newIndex]);
  }
  const riskOf = new Map<number, ChangeRisk>();
  for (const [id, members] of groups) {
    const oldText = id
      .split(',')
      .map((o) => previous[Number(o)].text)
      .join(' ');
    const newText = members.map((x) => next[x].text).join(' ');
    const risk = classifyChange(oldText, newText, options);
    for (const x of members) riskOf.set(x, risk);
  }

  const counts: SyncCounts = { kept: 0, fuzzy: 0, added: 0, removed: alignment.removed.length };
  const changeRisk: Record<ChangeRisk, number> = { minor: 0, wording: 0, clinical: 0 };
  const carry: SyncPlan['carry'] = [];
  const segments = alignment.segments.map((aligned): PlannedSegment => {
    const segment = next[aligned.newIndex];
    const olds = aligned.oldIndexes.map((o) => previous[o]);
    if (aligned.relation === 'added') {
      counts.added++;
      return {
        ...segment,
        relation: 'added',
        previousKeys: [],
        previousSource: null,
        changeRisk: null,
      };
    }
    if (aligned.relation === 'kept') {
      counts.kept++;
      const old = olds[0];
      if (old.key !== segment.key) {
        carry.push({ newKey: segment.key, oldKey: old.key, priority: 0, sameText: true });
      }
      return {
        ...segment,
        relation: 'kept',
        previousKeys: [old.key],
        previousSource: null,
        changeRisk: null,
      };
    }
    counts.fuzzy++;
    const risk = riskOf.get(aligned.newIndex) ?? 'wording';
    changeRisk[risk]++;
    // Best old target first: the most similar old sentence (for a merge), then document order.
    const ranked = olds
      .map((old, order) => ({ old, order, score: overlap(old.text, segment.text) }))
      .sort((a, b) => b.score - a.score || a.order - b.order);
    ranked.forEach(({ old }, priority) =>
      carry.push({ newKey: segment.key, oldKey: old.key, priority, sameText: false }),
    );
    return {
      ...segment,
      relation: 'changed',
      previousKeys: ranked.map(({ old }) => old.key),
      previousSource: olds.map((old) => old.text).join(' '),
      changeRisk: risk,
    };
  });
  return {
    segments,
    removedKeys: alignment.removed.map((o) => previous[o].key),
    counts,
    changeRisk,
    carry,
  };
}

/** Shared words (case-insensitive), to rank the old sentences of a merge. */
function overlap(a: string, b: string): number {
  const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const bag = new Map<string, number>();
  for (const word of words(a)) bag.set(word, (bag.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of words(b)) {
    const count = bag.get(word) ?? 0;
    if (count > 0) {
      shared++;
      bag.set(word, count - 1);
    }
  }
  return shared;
}
