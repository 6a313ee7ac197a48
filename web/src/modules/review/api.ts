import { api, ok } from '~/api/client';
import { extraRequest } from '~/api/extra';

export interface ReviewRoute {
  project: string;
  article: string;
  locale: string;
}

const enc = encodeURIComponent;

/** Approve or reject one segment, naming the revision the reviewer has on screen. */
export async function reviewSegment<T>(
  r: ReviewRoute,
  id: string,
  body: { decision: 'approve' | 'reject'; revision: number; comment?: string },
): Promise<T> {
  return ok(
    await api.POST(
      '/api/projects/{project}/articles/{article}/locales/{locale}/segments/{id}/review',
      { params: { path: { ...r, id } }, body },
    ),
  ) as T;
}

export type ReviewOutcome =
  'approved' | 'rejected' | 'conflict' | 'self_review' | 'check_failed' | 'not_reviewable';

/** TODO(schema): POST .../locales/:locale/review (batch), from the server-editor work. */
export interface BatchResult<T> {
  approved: number;
  rejected: number;
  failed: number;
  results: { id: string; outcome: ReviewOutcome; segment?: T }[];
}

export function reviewBatch<T>(
  r: ReviewRoute,
  body: {
    decision: 'approve' | 'reject';
    items: { id: string; revision: number }[];
    comment?: string;
  },
): Promise<BatchResult<T>> {
  return extraRequest<BatchResult<T>>(
    'POST',
    `/api/projects/${enc(r.project)}/articles/${enc(r.article)}/locales/${enc(r.locale)}/review`,
    { body },
  );
}
