/** Who may do what in the editor, as the server decides it (src/auth/permissions.ts). */

export interface MeLike {
  id: string;
  role: 'admin' | 'member';
  memberships: readonly { project: string; locale: string; role: 'translator' | 'reviewer' }[];
}

export interface LocaleRights {
  canTranslate: boolean;
  canReview: boolean;
}

export function localeRights(me: MeLike, project: string, locale: string): LocaleRights {
  if (me.role === 'admin') return { canTranslate: true, canReview: true };
  const roles = me.memberships
    .filter((m) => m.project === project && m.locale.toLowerCase() === locale.toLowerCase())
    .map((m) => m.role);
  return { canTranslate: roles.length > 0, canReview: roles.includes('reviewer') };
}

export interface ReviewableSegment {
  id: string;
  state: string;
  revision: number;
  checks: readonly { severity: string }[];
  updatedBy: { id: string } | null;
}

/**
 * Why this user may not approve this segment's current revision, or null when they may. The
 * server has the last word (it also knows earlier revisions they wrote: 403 SELF_REVIEW).
 */
export function approveBlock(
  segment: ReviewableSegment,
  meId: string,
  requireReview: boolean,
): 'notTranslated' | 'ownRevision' | 'blockingChecks' | null {
  if (segment.state !== 'translated') return 'notTranslated';
  if (requireReview && segment.updatedBy?.id === meId) return 'ownRevision';
  if (segment.checks.some((c) => c.severity === 'error')) return 'blockingChecks';
  return null;
}

/** "Approve all translated segments without warnings": translated, no check at all, not mine. */
export function batchApprovable<T extends ReviewableSegment>(
  segments: readonly T[],
  meId: string,
  requireReview: boolean,
): T[] {
  return segments.filter(
    (s) => approveBlock(s, meId, requireReview) === null && s.checks.length === 0,
  );
}
