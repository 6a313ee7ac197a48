import { api, ok } from '~/api/client';

export interface ReviewRoute {
  project: string;
  article: string;
  locale: string;
}

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

/** The answer of a batch review: one outcome per item, in the order sent. */
export interface BatchResult<T> {
  approved: number;
  rejected: number;
  failed: number;
  results: { id: string; outcome: ReviewOutcome; segment?: T }[];
}

export async function reviewBatch<T>(
  r: ReviewRoute,
  body: {
    decision: 'approve' | 'reject';
    items: { id: string; revision: number }[];
    comment?: string;
  },
): Promise<BatchResult<T>> {
  const result = ok(
    await api.POST('/api/projects/{project}/articles/{article}/locales/{locale}/review', {
      params: { path: r },
      body,
    }),
  );
  return result as unknown as BatchResult<T>;
}
