import { approveBlock, batchApprovable, localeRights, type ReviewableSegment } from './roles';

const me = {
  id: 'u1',
  role: 'member' as const,
  memberships: [
    { project: 'lib', locale: 'es', role: 'translator' as const },
    { project: 'lib', locale: 'ar', role: 'reviewer' as const },
  ],
};

const seg = (over: Partial<ReviewableSegment>): ReviewableSegment => ({
  id: 's',
  state: 'translated',
  revision: 2,
  checks: [],
  updatedBy: { id: 'u2' },
  ...over,
});

describe('localeRights', () => {
  it('follows memberships per project and locale; a reviewer also translates', () => {
    expect(localeRights(me, 'lib', 'es')).toEqual({ canTranslate: true, canReview: false });
    expect(localeRights(me, 'lib', 'AR')).toEqual({ canTranslate: true, canReview: true });
    expect(localeRights(me, 'other', 'ar')).toEqual({ canTranslate: false, canReview: false });
  });

  it('lets an admin do everything', () => {
    expect(localeRights({ ...me, role: 'admin', memberships: [] }, 'x', 'vi')).toEqual({
      canTranslate: true,
      canReview: true,
    });
  });
});

describe('approveBlock', () => {
  it('refuses one’s own revision only when the project requires review', () => {
    expect(approveBlock(seg({ updatedBy: { id: 'u1' } }), 'u1', true)).toBe('ownRevision');
    expect(approveBlock(seg({ updatedBy: { id: 'u1' } }), 'u1', false)).toBeNull();
  });

  it('needs a translated segment without blocking checks', () => {
    expect(approveBlock(seg({ state: 'approved' }), 'u1', true)).toBe('notTranslated');
    expect(approveBlock(seg({ checks: [{ severity: 'error' }] }), 'u1', true)).toBe(
      'blockingChecks',
    );
    expect(approveBlock(seg({ checks: [{ severity: 'warning' }] }), 'u1', true)).toBeNull();
  });
});

describe('batchApprovable', () => {
  it('takes translated segments without any warning that the reviewer did not write', () => {
    const list = [
      seg({ id: 'a' }),
      seg({ id: 'b', checks: [{ severity: 'warning' }] }),
      seg({ id: 'c', updatedBy: { id: 'u1' } }),
      seg({ id: 'd', state: 'fuzzy' }),
    ];
    expect(batchApprovable(list, 'u1', true).map((s) => s.id)).toEqual(['a']);
  });
});
