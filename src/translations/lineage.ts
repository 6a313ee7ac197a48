/**
 * A segment's lineage (pure): the translation rows it descends from across source versions.
 * Sync links a row carried to a new segment key to the row it came from and that row's
 * revision at the time (`predecessor_key`, `predecessor_revision`), so following the links from
 * a key lists every translation of the sentence, newest first, before and after each change of
 * the English.
 */

/** One translation row's link to the row it was carried from (null for an original). */
export interface LineageLink {
  key: string;
  predecessorKey: string | null;
  predecessorRevision: number | null;
}

/**
 * One row of the lineage: its key, how many carries away from the start it is (0 = the start),
 * and the last of its revisions that belongs to the lineage (null = all of them: later
 * revisions of an older row were written after the carry, for a sentence that came back).
 */
export interface LineageStep {
  key: string;
  depth: number;
  upTo: number | null;
}

/** The newest-first position of one revision in a lineage: the history's keyset cursor. */
export interface LineagePosition {
  depth: number;
  revision: number;
}

/** Never expected (sync carries at most once per version); a guard against bad data. */
export const MAX_LINEAGE_DEPTH = 500;

/**
 * Steps from `start` back through `links` (any order), stopping at a row that is missing, a
 * key seen before, or MAX_LINEAGE_DEPTH.
 */
export function lineageSteps(start: string, links: readonly LineageLink[]): LineageStep[] {
  const byKey = new Map(links.map((link) => [link.key, link]));
  const steps: LineageStep[] = [{ key: start, depth: 0, upTo: null }];
  const seen = new Set([start]);
  let link = byKey.get(start);
  while (link?.predecessorKey != null && link.predecessorRevision != null) {
    const key = link.predecessorKey;
    if (seen.has(key) || steps.length > MAX_LINEAGE_DEPTH) break;
    seen.add(key);
    steps.push({ key, depth: steps.length, upTo: link.predecessorRevision });
    link = byKey.get(key);
  }
  return steps;
}

/** Whether a revision belongs to the lineage at `step`. */
export function inLineage(step: LineageStep, revision: number): boolean {
  return step.upTo === null || revision <= step.upTo;
}

/**
 * Newest first: the start's revisions (highest first), then its predecessor's, and so on. A
 * row's revisions in the lineage all precede the carry that made its successor, so this is
 * also the order in time.
 */
export function compareNewestFirst(a: LineagePosition, b: LineagePosition): number {
  return a.depth - b.depth || b.revision - a.revision;
}

/** Whether `item` comes after `cursor` (the last item of the previous page). */
export function isAfterCursor(item: LineagePosition, cursor: LineagePosition | null): boolean {
  return cursor === null || compareNewestFirst(item, cursor) > 0;
}
