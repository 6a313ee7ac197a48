import {
  calendarDaysFrom,
  formatDate,
  formatNumber,
  formatPercent,
  formatRelativeDays,
  initials,
  isolate,
  percentOf,
} from './format';

describe('formatDate', () => {
  it('writes the date in the interface language', () => {
    const iso = '2026-12-09T10:00:00Z';
    expect(formatDate(iso, 'en', 'UTC')).toBe('Dec 9, 2026');
    expect(formatDate(iso, 'fr', 'UTC')).toMatch(/9 déc\.? 2026/);
    expect(formatDate(iso, 'zh-Hans', 'UTC')).toBe('2026年12月9日');
    expect(formatDate(iso, 'ar', 'UTC')).not.toBe(formatDate(iso, 'en', 'UTC'));
  });

  it('returns what it cannot read as it came (text, never markup)', () => {
    expect(formatDate('<img src=x onerror=alert(1)>', 'en')).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('calendarDaysFrom', () => {
  const now = new Date('2026-12-02T23:30:00Z');

  it('counts calendar days, not 24-hour periods', () => {
    expect(calendarDaysFrom('2026-12-03T00:30:00Z', now, 'UTC')).toBe(1);
    expect(calendarDaysFrom('2026-12-02T00:01:00Z', now, 'UTC')).toBe(0);
    expect(calendarDaysFrom('2026-12-01T23:59:00Z', now, 'UTC')).toBe(-1);
    expect(calendarDaysFrom('2026-12-12T12:00:00Z', now, 'UTC')).toBe(10);
  });

  it('uses the calendar of the time zone given', () => {
    // 23:30 UTC on the 2nd is already the 3rd in Tokyo.
    expect(calendarDaysFrom('2026-12-03T05:00:00Z', now, 'Asia/Tokyo')).toBe(0);
  });

  it('is null for a date it cannot read', () => {
    expect(calendarDaysFrom('soon', now)).toBeNull();
  });
});

describe('formatRelativeDays', () => {
  it('says today, tomorrow and yesterday in words', () => {
    expect(formatRelativeDays(0, 'en')).toBe('today');
    expect(formatRelativeDays(1, 'en')).toBe('tomorrow');
    expect(formatRelativeDays(-1, 'en')).toBe('yesterday');
    expect(formatRelativeDays(3, 'en')).toBe('in 3 days');
    expect(formatRelativeDays(-2, 'es')).toBe('anteayer');
  });
});

describe('percentOf', () => {
  it('rounds down so an unfinished locale never shows 100', () => {
    expect(percentOf(199, 200)).toBe(99);
    expect(percentOf(200, 200)).toBe(100);
    expect(percentOf(1, 3)).toBe(33);
  });

  it('is 0 for nothing of nothing and never above 100', () => {
    expect(percentOf(0, 0)).toBe(0);
    expect(percentOf(5, 0)).toBe(0);
    expect(percentOf(7, 5)).toBe(100);
  });

  it('formats with the language’s digits and sign', () => {
    expect(formatPercent(1, 2, 'en')).toBe('50%');
    expect(formatPercent(1, 2, 'fr')).toMatch(/^50\s%$/);
    expect(formatNumber(12345, 'en')).toBe('12,345');
  });
});

describe('isolate', () => {
  it('wraps text in first-strong isolates, leaving it as text', () => {
    expect(isolate('Ana (es)')).toBe('\u2068Ana (es)\u2069');
    expect(isolate('<b>x</b>')).toBe('\u2068<b>x</b>\u2069');
  });
});

describe('initials', () => {
  it('takes the first letters of the first and last words, skipping punctuation', () => {
    expect(initials('Ana María Ruiz')).toBe('AR');
    expect(initials('Translator (ar)')).toBe('TA');
    expect(initials('élodie')).toBe('É');
    expect(initials('محمد علي')).toBe('مع');
    expect(initials('王芳')).toBe('王');
    expect(initials('  (( ')).toBe('?');
  });
});
