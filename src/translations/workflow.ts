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
