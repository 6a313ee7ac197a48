import { retryDelayMs, retryWindowMs, statusAfter } from './delivery-policy';

describe('retry timing', () => {
  it('grows by 2.5 from the base', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(1000, n))).toEqual([1000, 2500, 6250, 15625]);
    expect(retryDelayMs(50, 1)).toBe(50);
  });

  it('spreads 8 default attempts over a few hours', () => {
    const hours = retryWindowMs(30_000, 8) / 3_600_000;
    expect(hours).toBeGreaterThan(2);
    expect(hours).toBeLessThan(5);
  });

  it('keeps test retries short', () => {
    expect(retryWindowMs(50, 3)).toBe(50 + 125);
  });
});

describe('statusAfter', () => {
  it.each([
    [200, false, 1, 8, 'succeeded'],
    [204, false, 8, 8, 'succeeded'],
    [500, false, 1, 8, 'retrying'],
    [410, false, 7, 8, 'retrying'],
    [302, false, 2, 8, 'retrying'],
    [500, false, 8, 8, 'failed'],
    [null, false, 3, 3, 'failed'],
    [null, false, 1, 3, 'retrying'],
    [null, true, 1, 8, 'failed'],
  ] as const)(
    'status %s refused=%s attempt %s of %s → %s',
    (code, refused, attempt, attempts, expected) => {
      expect(statusAfter({ statusCode: code, refused }, attempt, attempts)).toBe(expected);
    },
  );
});
