/**
 * Pure planning of a source-version sync: align the previous and the new segments once (not once
 * per locale) and describe every new segment relative to the previous version. The SQL that
 * applies the plan to every locale at once lives in sync.service.ts.
 */
import { ChangeRisk, classifyChange } from '../checks';
import { alignSegments, scanCodes, Segment, stripCodes } from '../segmentation';

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

/**
 * Why a changed segment's translation became a fuzzy draft although `minorChange` was asked
 * for: it is not a one-to-one carry (`split`, `merge`), or its change is not `minor`
 * (`wording`, `clinical`), or its inline codes or numbers (as written) differ.
 */
export type DemotionReason = 'split' | 'merge' | 'wording' | 'clinical' | 'codes' | 'numbers';

export interface SyncPlan {
  segments: PlannedSegment[];
  removedKeys: string[];
  counts: SyncCounts;
  changeRisk: Record<ChangeRisk, number>;
  /**
   * Translations to carry: new key ← old key, `priority` orders the candidates of one new key
   * (lower first), `sameText` when the text is identical (an occurrence shift). `keepState`
   * carries the translation in its state (approved stays approved): for the same text, and
   * with `minorChange` for a one-to-one minor change with identical codes and numbers; any
   * other carry is a `fuzzy` draft.
   */
  carry: Array<{
    newKey: string;
    oldKey: string;
    priority: number;
    sameText: boolean;
    keepState: boolean;
  }>;
  /**
   * Changed segments whose translations keep their state (`keptApproved`, new keys) and those
   * that become fuzzy although `minorChange` was asked for (`demoted`). Both empty without it.
   */
  minorChange: { keptApproved: string[]; demoted: Array<{ id: string; reason: DemotionReason }> };
}

/** How changes are classified: the source locale, and the project's glossary source terms. */
export interface SyncPlanOptions {
  /** Source terms of the project's glossary: adding or removing one makes a change `clinical`. */
  glossaryTerms?: readonly string[];
  locale?: string;
  /** The editor says the change is minor: keep approvals where that is safe (see `carry`). */
  minorChange?: boolean;
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

  // How many changed new segments each old segment feeds: more than one is a split.
  const uses = new Map<number, number>();
  for (const aligned of alignment.segments) {
    if (aligned.relation !== 'changed') continue;
    for (const o of aligned.oldIndexes) uses.set(o, (uses.get(o) ?? 0) + 1);
  }

  const counts: SyncCounts = { kept: 0, fuzzy: 0, added: 0, removed: alignment.removed.length };
  const minorChange: SyncPlan['minorChange'] = { keptApproved: [], demoted: [] };
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
        carry.push({
          newKey: segment.key,
          oldKey: old.key,
          priority: 0,
          sameText: true,
          keepState: true,
        });
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
    let keepState = false;
    if (options.minorChange) {
      const reason = demotionReason(
        olds.map((old) => old.text),
        segment.text,
        risk,
        Math.max(...aligned.oldIndexes.map((o) => uses.get(o) ?? 0)),
      );
      if (reason) minorChange.demoted.push({ id: segment.key, reason });
      else minorChange.keptApproved.push(segment.key);
      keepState = reason === null;
    }
    // Best old target first: the most similar old sentence (for a merge), then document order.
    const ranked = olds
      .map((old, order) => ({ old, order, score: overlap(old.text, segment.text) }))
      .sort((a, b) => b.score - a.score || a.order - b.order);
    ranked.forEach(({ old }, priority) =>
      carry.push({ newKey: segment.key, oldKey: old.key, priority, sameText: false, keepState }),
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
    minorChange,
  };
}

/**
 * Null when a changed segment may keep its translation's state under `minorChange`: one old
 * sentence became one new one (`feeds` = how many new segments its old sentence feeds), the
 * change is `minor`, and the inline codes and the numbers, as written, are identical.
 */
export function demotionReason(
  oldTexts: readonly string[],
  newText: string,
  risk: ChangeRisk,
  feeds: number,
): DemotionReason | null {
  if (oldTexts.length > 1) return 'merge';
  if (feeds > 1) return 'split';
  if (risk !== 'minor') return risk;
  const [oldText] = oldTexts;
  if (!sameList(codesOf(oldText), codesOf(newText))) return 'codes';
  if (!sameList(numeralsOf(oldText), numeralsOf(newText))) return 'numbers';
  return null;
}

function codesOf(text: string): string[] {
  return scanCodes(text).flatMap((t) =>
    t.type === 'open' || t.type === 'close' || t.type === 'standalone' ? [`${t.type}${t.id}`] : [],
  );
}

/** Numbers exactly as written (digits with their separators): "1,000" and "1000" differ. */
function numeralsOf(text: string): string[] {
  return stripCodes(text).match(/\p{N}+(?:[.,'\u00a0\u202f]\p{N}+)*/gu) ?? [];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
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
