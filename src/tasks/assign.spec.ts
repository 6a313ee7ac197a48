import { Candidate, chooseAssignee, mayKeep } from './assign';

const at = (minute: number): Date => new Date(Date.UTC(2026, 0, 1, 9, minute));

function person(userId: string, overrides: Partial<Candidate> = {}): Candidate {
  return {
    userId,
    role: 'translator',
    active: true,
    openRemaining: 0,
    lastAssignedAt: null,
    ...overrides,
  };
}

describe('chooseAssignee', () => {
  it('picks the translator with the fewest remaining segments', () => {
    const candidates = [
      person('ana', { openRemaining: 40 }),
      person('bo', { openRemaining: 12 }),
      person('cy', { openRemaining: 25 }),
    ];
    expect(chooseAssignee({ type: 'translate', candidates })).toBe('bo');
  });

  it('breaks ties by who was assigned least recently, never-assigned first', () => {
    const candidates = [
      person('ana', { openRemaining: 10, lastAssignedAt: at(5) }),
      person('bo', { openRemaining: 10, lastAssignedAt: at(1) }),
      person('cy', { openRemaining: 10, lastAssignedAt: null }),
    ];
    expect(chooseAssignee({ type: 'translate', candidates })).toBe('cy');
    expect(chooseAssignee({ type: 'translate', candidates: candidates.slice(0, 2) })).toBe('bo');
  });

  it('is deterministic when load and history are equal', () => {
    const candidates = [person('zed'), person('amy')];
    expect(chooseAssignee({ type: 'translate', candidates })).toBe('amy');
    expect(chooseAssignee({ type: 'translate', candidates: [...candidates].reverse() })).toBe(
      'amy',
    );
  });

  it('skips deactivated people even when they have no work', () => {
    const candidates = [
      person('idle', { active: false }),
      person('busy', { openRemaining: 300, lastAssignedAt: at(0) }),
    ];
    expect(chooseAssignee({ type: 'translate', candidates })).toBe('busy');
  });

  it('prefers translators for translate work but falls back to reviewers, who may translate', () => {
    const reviewer = person('rev', { role: 'reviewer' });
    expect(
      chooseAssignee({
        type: 'translate',
        candidates: [reviewer, person('tr', { openRemaining: 90 })],
      }),
    ).toBe('tr');
    expect(chooseAssignee({ type: 'translate', candidates: [reviewer] })).toBe('rev');
  });

  it('gives review work only to reviewers', () => {
    const candidates = [person('tr'), person('rev', { role: 'reviewer', openRemaining: 70 })];
    expect(chooseAssignee({ type: 'review', candidates })).toBe('rev');
    expect(chooseAssignee({ type: 'review', candidates: [person('tr')] })).toBeNull();
  });

  it('gives a review to a reviewer who did not write the revisions when one exists', () => {
    const candidates = [
      person('author', { role: 'reviewer', openRemaining: 0 }),
      person('other', { role: 'reviewer', openRemaining: 50 }),
    ];
    expect(chooseAssignee({ type: 'review', candidates, authors: ['author'] })).toBe('other');
  });

  it('falls back to an author when every reviewer wrote part of the work', () => {
    const candidates = [
      person('r1', { role: 'reviewer', openRemaining: 8 }),
      person('r2', { role: 'reviewer', openRemaining: 3 }),
    ];
    expect(chooseAssignee({ type: 'review', candidates, authors: ['r1', 'r2'] })).toBe('r2');
  });

  it('does not let an inactive non-author win over an active author', () => {
    const candidates = [
      person('author', { role: 'reviewer' }),
      person('gone', { role: 'reviewer', active: false }),
    ];
    expect(chooseAssignee({ type: 'review', candidates, authors: ['author'] })).toBe('author');
  });

  it('returns null when nobody is eligible', () => {
    expect(chooseAssignee({ type: 'translate', candidates: [] })).toBeNull();
    expect(
      chooseAssignee({ type: 'translate', candidates: [person('x', { active: false })] }),
    ).toBeNull();
  });

  it('spreads a stream of equal tasks evenly when loads are fed back', () => {
    const candidates = ['a', 'b', 'c'].map((id) => person(id));
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 30; i++) {
      const chosen = chooseAssignee({ type: 'translate', candidates })!;
      counts[chosen] += 1;
      const c = candidates.find((x) => x.userId === chosen)!;
      c.openRemaining += 20;
      c.lastAssignedAt = at(i);
    }
    expect(counts).toEqual({ a: 10, b: 10, c: 10 });
  });
});

describe('mayKeep', () => {
  const candidates = [
    person('tr'),
    person('rev', { role: 'reviewer' }),
    person('off', { active: false }),
  ];

  it.each([
    ['translate', 'tr', true],
    ['translate', 'rev', true],
    ['review', 'rev', true],
    ['review', 'tr', false],
    ['translate', 'off', false],
    ['translate', 'stranger', false],
  ] as const)('%s task kept by %s: %s', (type, userId, expected) => {
    expect(mayKeep(type, userId, candidates)).toBe(expected);
  });
});
