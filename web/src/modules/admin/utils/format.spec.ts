import { actionLabel, formatDate, formatDateTime, percent } from './format';

describe('format', () => {
  it('formats dates in the interface language and tolerates missing values', () => {
    expect(formatDate('2026-03-05T10:00:00Z', 'en')).toMatch(/2026/);
    expect(formatDateTime('2026-03-05T10:00:00Z', 'fr')).toMatch(/2026/);
    expect(formatDate(null, 'en')).toBe('');
    expect(formatDateTime('not a date', 'en')).toBe('');
  });

  it('rounds percentages down', () => {
    expect(percent(0, 0)).toBe(0);
    expect(percent(199, 200)).toBe(99);
    expect(percent(200, 200)).toBe(100);
    expect(percent(1, 3)).toBe(33);
  });
});

describe('actionLabel', () => {
  it('starts with the visible text and names the target', () => {
    expect(actionLabel('Reset password', 'Ana Ruiz')).toBe('Reset password: Ana Ruiz');
  });
});
