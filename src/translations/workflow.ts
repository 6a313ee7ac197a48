/**
 * The segment state machine (pure). See DESIGN.md "Segment states":
 *
 *   untranslated ─save→ translated ─approve→ approved
 *   fuzzy ─save→ translated        translated ─reject→ rejected ─save→ translated
 *   approved ─save→ translated     approved ─source change→ fuzzy (sync, not here)
 *
 * With `requireReview: false` a save goes straight to `approved`. Only `translated` can be
 * reviewed; a reviewer never approves a revision they wrote unless review is not required.
 */
export const SEGMENT_STATES = [
  'untranslated',
  'fuzzy',
  'translated',
  'rejected',
  'approved',
] as const;
export type SegmentState = (typeof SEGMENT_STATES)[number];

export type ReviewDecision = 'approve' | 'reject';

export type WorkflowEvent =
  | { type: 'save'; requireReview: boolean }
  | {
      type: 'review';
      decision: ReviewDecision;
      requireReview: boolean;
      /** The reviewer wrote the revision under review. */
      ownRevision: boolean;
    };

export type Transition =
  | { ok: true; state: SegmentState }
  | { ok: false; code: 'INVALID_STATE' | 'SELF_REVIEW'; message: string };

export function isSegmentState(value: string): value is SegmentState {
  return (SEGMENT_STATES as readonly string[]).includes(value);
}

export function transition(from: SegmentState, event: WorkflowEvent): Transition {
  if (event.type === 'save') {
    // A translator may (re)write a segment in any state.
    return { ok: true, state: event.requireReview ? 'translated' : 'approved' };
  }
  if (from !== 'translated') {
    return {
      ok: false,
      code: 'INVALID_STATE',
      message: `Only a translated segment can be reviewed; this one is ${from}.`,
    };
  }
  if (event.decision === 'reject') return { ok: true, state: 'rejected' };
  if (event.ownRevision && event.requireReview) {
    return {
      ok: false,
      code: 'SELF_REVIEW',
      message: 'A reviewer cannot approve a revision they wrote themselves.',
    };
  }
  return { ok: true, state: 'approved' };
}

/** The state a carried translation gets when its source sentence changed. */
export function carriedState(previous: SegmentState, minorChange: boolean): SegmentState {
  return minorChange ? previous : 'fuzzy';
}

/** A revision of a segment's lineage, as far as authorship goes. */
export interface AuthoredRevision {
  authorId: string | null;
  /** `save`, `approve`, `reject`, `carried`, `propagate`, `import`, … */
  action: string;
  state: string;
  target: string;
}

/**
 * Actions whose revision did not write the target text (it reviewed or carried it, or the
 * memory or a machine wrote it when someone asked for a pre-translation). Every other action
 * wrote it, so a new way of writing text counts as authorship without a change here.
 */
export const NON_WRITING_ACTIONS: readonly string[] = [
  'approve',
  'reject',
  'carried',
  'pretranslate',
];

/**
 * Whether `actorId` wrote the text under review, judged on the revisions of the segment's
 * lineage (newest first, across source versions): any revision of theirs that wrote text
 * - whose target is the current target, however long ago and whatever happened since (someone
 *   rejected it and saved it again unchanged; it was carried across a change of the English
 *   and saved again), or
 * - made since the lineage's last approved revision: they contributed to the text about to be
 *   approved, even if someone edited it after them.
 */
export function wroteTextUnderReview(
  newestFirst: readonly AuthoredRevision[],
  actorId: string,
  target: string,
): boolean {
  const lastApproved = newestFirst.findIndex((r) => r.state === 'approved');
  return newestFirst.some(
    (r, i) =>
      r.authorId === actorId &&
      !NON_WRITING_ACTIONS.includes(r.action) &&
      (r.target === target || lastApproved === -1 || i < lastApproved),
  );
}
