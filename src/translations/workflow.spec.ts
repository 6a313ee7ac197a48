import {
  carriedState,
  SEGMENT_STATES,
  SegmentState,
  transition,
  wroteTextUnderReview,
} from './workflow';

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

describe('wroteTextUnderReview', () => {
  const rev = (authorId: string, action: string, state: string, target: string) => ({
    authorId,
    action,
    state,
    target,
  });
  // Newest first, as the lineage lists them.
  const cases: Array<[string, ReturnType<typeof rev>[], string, boolean]> = [
    ['saved by someone else only', [rev('tom', 'save', 'translated', 'X')], 'rita', false],
    ['their own save', [rev('rita', 'save', 'translated', 'X')], 'rita', true],
    [
      'theirs, rejected, saved again unchanged by another',
      [
        rev('tom', 'save', 'translated', 'X'),
        rev('raul', 'reject', 'rejected', 'X'),
        rev('rita', 'save', 'translated', 'X'),
      ],
      'rita',
      true,
    ],
    [
      'theirs, approved, carried, confirmed unchanged by another',
      [
        rev('tom', 'save', 'translated', 'X'),
        rev('admin', 'carried', 'fuzzy', 'X'),
        rev('raul', 'approve', 'approved', 'X'),
        rev('rita', 'save', 'translated', 'X'),
      ],
      'rita',
      true,
    ],
    [
      'edited by another since their unapproved save',
      [rev('tom', 'save', 'translated', 'Y'), rev('rita', 'save', 'translated', 'X')],
      'rita',
      true,
    ],
    [
      'an older text of theirs, approved since, then rewritten by another',
      [
        rev('tom', 'save', 'translated', 'Y'),
        rev('admin', 'carried', 'fuzzy', 'X'),
        rev('raul', 'approve', 'approved', 'X'),
        rev('rita', 'save', 'translated', 'X'),
      ],
      'rita',
      false,
    ],
    [
      'their review or carry is not authorship',
      [
        rev('tom', 'save', 'translated', 'X'),
        rev('rita', 'carried', 'fuzzy', 'X'),
        rev('rita', 'reject', 'rejected', 'W'),
      ],
      'rita',
      false,
    ],
    [
      'a fill from a repeat of theirs counts',
      [rev('rita', 'propagate', 'translated', 'X')],
      'rita',
      true,
    ],
    [
      'a pre-translation they asked for is the memory’s text, not theirs',
      [rev('rita', 'pretranslate', 'translated', 'X')],
      'rita',
      false,
    ],
    [
      'a pre-translated draft they then saved unchanged is theirs',
      [rev('rita', 'save', 'translated', 'X'), rev('rita', 'pretranslate', 'fuzzy', 'X')],
      'rita',
      true,
    ],
  ];

  it.each(cases)('%s', (_name, revisions, actor, expected) => {
    // The text under review is the newest revision's.
    expect(wroteTextUnderReview(revisions, actor, revisions[0].target)).toBe(expected);
  });
});
