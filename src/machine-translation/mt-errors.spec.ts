import { mtDomainError } from './mt-errors';
import { MtError } from './provider';

describe('machine-translation failures as contract errors', () => {
  it.each([
    ['MT_RATE_LIMITED', 429],
    ['MT_QUOTA_EXCEEDED', 429],
    ['MT_UNAVAILABLE', 503],
    ['MT_AUTH_FAILED', 503],
  ] as const)('%s is %i', (code, status) => {
    const error = mtDomainError(new MtError(code, 'DeepL said no'));
    expect([error.code, error.status, error.message]).toEqual([
      code,
      status,
      'Machine translation: DeepL said no',
    ]);
    expect(error.details).toBeUndefined();
  });

  it('carries Retry-After as details.retryAfter', () => {
    const error = mtDomainError(new MtError('MT_RATE_LIMITED', 'slow down', 30));
    expect(error.details).toEqual({ retryAfter: 30 });
  });
});
