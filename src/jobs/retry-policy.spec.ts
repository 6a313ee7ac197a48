import { describeError, eventRetryDelayMs } from './retry-policy';

describe('eventRetryDelayMs', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [9, 256_000],
    [10, 300_000],
    [500, 300_000],
  ])('after %i failed attempt(s) waits %i ms (base 1 s, cap 5 min)', (attempts, delay) => {
    expect(eventRetryDelayMs(attempts, 1000, 300_000)).toBe(delay);
  });

  it('treats a first failure and a nonsense count as the base', () => {
    expect(eventRetryDelayMs(0, 250, 10_000)).toBe(250);
    expect(eventRetryDelayMs(-3, 250, 10_000)).toBe(250);
  });
});

describe('describeError', () => {
  it('keeps the first line of the message, bounded', () => {
    expect(describeError(new Error('boom\n    at stack'))).toBe('boom');
    expect(describeError('plain')).toBe('plain');
    expect(describeError(new Error('x'.repeat(5000)))).toHaveLength(1000);
  });
});
