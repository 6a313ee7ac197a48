import { dueState } from './due';

describe('dueState', () => {
  const now = new Date('2026-12-02T12:00:00');

  it('trusts the server on overdue', () => {
    expect(dueState({ dueAt: '2026-12-20T12:00:00', overdue: true }, now)).toBe('overdue');
  });

  it('calls today and tomorrow soon, later dates later', () => {
    expect(dueState({ dueAt: '2026-12-02T18:00:00', overdue: false }, now)).toBe('soon');
    expect(dueState({ dueAt: '2026-12-03T09:00:00', overdue: false }, now)).toBe('soon');
    expect(dueState({ dueAt: '2026-12-04T09:00:00', overdue: false }, now)).toBe('later');
  });

  it('is not alarmed by a date it cannot read', () => {
    expect(dueState({ dueAt: 'whenever', overdue: false }, now)).toBe('later');
  });
});
