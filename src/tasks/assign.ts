/**
 * Who gets a task (pure). The caller loads the locale's members with their current open work;
 * this decides. See issue 5: right role for the locale, least open work, ties to the least
 * recently assigned, deactivated people skipped, and a review never goes to an author of the
 * revisions under review while another reviewer is available.
 */
export type TaskType = 'translate' | 'review';
export type MemberRole = 'translator' | 'reviewer';

export interface Candidate {
  userId: string;
  role: MemberRole;
  active: boolean;
  /** Remaining segments over the candidate's open tasks (all projects). */
  openRemaining: number;
  /** When the candidate was last given a task; null if never. */
  lastAssignedAt: Date | null;
}

export interface AssignmentRequest {
  type: TaskType;
  candidates: readonly Candidate[];
  /** Authors of the revisions a review task covers. */
  authors?: readonly string[];
}

/** Roles that may take each task type, most fitting first. A reviewer may also translate. */
const ROLES: Record<TaskType, readonly MemberRole[][]> = {
  translate: [['translator'], ['reviewer']],
  review: [['reviewer']],
};

function compare(a: Candidate, b: Candidate): number {
  if (a.openRemaining !== b.openRemaining) return a.openRemaining - b.openRemaining;
  const at = a.lastAssignedAt?.getTime() ?? -Infinity;
  const bt = b.lastAssignedAt?.getTime() ?? -Infinity;
  if (at !== bt) return at < bt ? -1 : 1;
  return a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
}

/** The user id to assign, or null when nobody is eligible (the task stays unassigned). */
export function chooseAssignee(request: AssignmentRequest): string | null {
  const authors = new Set(request.authors ?? []);
  for (const roles of ROLES[request.type]) {
    const eligible = request.candidates.filter((c) => c.active && roles.includes(c.role));
    if (eligible.length === 0) continue;
    const nonAuthors = eligible.filter((c) => !authors.has(c.userId));
    const pool = request.type === 'review' && nonAuthors.length > 0 ? nonAuthors : eligible;
    return [...pool].sort(compare)[0].userId;
  }
  return null;
}

/** Whether a current assignee may keep a task (still active and holding a fitting role). */
export function mayKeep(type: TaskType, userId: string, candidates: readonly Candidate[]): boolean {
  const allowed = ROLES[type].flat();
  return candidates.some((c) => c.userId === userId && c.active && allowed.includes(c.role));
}
