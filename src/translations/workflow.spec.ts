import { carriedState, SEGMENT_STATES, SegmentState, transition } from './workflow';

describe('segment workflow', () => {
  describe('save', () => {
    it.each(SEGMENT_STATES.map((s) => [s]))('%s → translated when review is required', (from) => {
      expect(transition(from, { type: 'save', requireReview: true })).toEqual({
        ok: true,
        state: 'translated',
      });
    });
    it.each(SEGMENT_STATES.map((s) => [s]))('%s → approved without review', (from) => {
      expect(transition(from, { type: 'save', requireReview: false })).toEqual({
        ok: true,
        state: 'approved',
      });
    });
  });

  describe('review', () => {
    const review = (
      from: SegmentState,
      decision: 'approve' | 'reject',
      ownRevision = false,
      requireReview = true,
    ) => transition(from, { type: 'review', decision, ownRevision, requireReview });

    it('approves and rejects a translated segment', () => {
      expect(review('translated', 'approve')).toEqual({ ok: true, state: 'approved' });
      expect(review('translated', 'reject')).toEqual({ ok: true, state: 'rejected' });
    });

    it.each([['untranslated'], ['fuzzy'], ['rejected'], ['approved']] as Array<[SegmentState]>)(
      'refuses to review a %s segment',
      (from) => {
        for (const decision of ['approve', 'reject'] as const) {
          const result = review(from, decision);
          expect(result.ok).toBe(false);
          expect(!result.ok && result.code).toBe('INVALID_STATE');
        }
      },
    );

    it('refuses self-approval when review is required', () => {
      const result = review('translated', 'approve', true);
      expect(!result.ok && result.code).toBe('SELF_REVIEW');
    });

    it('allows self-approval when review is not required, and self-rejection always', () => {
      expect(review('translated', 'approve', true, false)).toEqual({ ok: true, state: 'approved' });
      expect(review('translated', 'reject', true)).toEqual({ ok: true, state: 'rejected' });
    });
  });

  it('carries translations as fuzzy unless the change is declared minor', () => {
    expect(carriedState('approved', false)).toBe('fuzzy');
    expect(carriedState('translated', false)).toBe('fuzzy');
    expect(carriedState('approved', true)).toBe('approved');
    expect(carriedState('rejected', true)).toBe('rejected');
  });
});
