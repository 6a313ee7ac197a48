import { actionLabel, formatDate, formatDateTime, formatMonth, percent } from './format';

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

describe('formatMonth', () => {
  it('names the month in the interface language, and leaves anything else as it is', () => {
    expect(formatMonth('2026-12', 'en')).toBe('December 2026');
    expect(formatMonth('2026-01', 'es')).toBe('enero de 2026');
    expect(formatMonth('soon', 'en')).toBe('soon');
  });
});
